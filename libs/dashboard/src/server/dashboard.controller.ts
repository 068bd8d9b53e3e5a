import { Controller, Get, Header, NotFoundException, Param, ServiceUnavailableException, StreamableFile } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Where `libs/dashboard/build.mjs` wrote the bundle: `DASHBOARD_DIR`, else `dist/dashboard` of the
 * workspace, found from this file both as TypeScript source (tests) and compiled under dist/.
 */
export const dashboardDir = (env: NodeJS.ProcessEnv = process.env): string => {
  if (env.DASHBOARD_DIR) return resolve(env.DASHBOARD_DIR);
  const candidates = [resolve(__dirname, '../../../../dist/dashboard'), resolve(__dirname, '../../../../dashboard'), resolve('dist/dashboard')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
};

/** The dashboard's static bundle: the page at `/`, its script and styles under `/assets/`. */
@Controller()
export class DashboardController {
  private readonly dir = dashboardDir();

  @Get()
  @Header('cache-control', 'no-cache')
  index(): StreamableFile {
    return this.file('index.html');
  }

  @Get('assets/:file')
  @Header('cache-control', 'no-cache')
  asset(@Param('file') file: string): StreamableFile {
    if (!/^[\w.-]+$/.test(file) || file.startsWith('.') || !CONTENT_TYPES[extname(file)]) throw new NotFoundException(`no asset ${file}`);
    return this.file(file);
  }

  private file(name: string): StreamableFile {
    const path = join(this.dir, name);
    if (!existsSync(path)) {
      if (name === 'index.html') throw new ServiceUnavailableException(`the dashboard is not built: run node libs/dashboard/build.mjs (looked in ${this.dir})`);
      throw new NotFoundException(`no asset ${name}`);
    }
    return new StreamableFile(readFileSync(path), { type: CONTENT_TYPES[extname(name)] });
  }
}
