// Bundles the dashboard (TypeScript + Apache ECharts from node_modules, no CDN) with esbuild into
// a static folder: dist/dashboard/{index.html, app.js, app.css}, served by DashboardController.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const root = resolve(here, '../..');

export const buildDashboard = async ({ outDir = join(root, 'dist', 'dashboard'), minify = true } = {}) => {
  const started = Date.now();
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [
      { in: join(here, 'src/app/main.ts'), out: 'app' },
      { in: join(here, 'src/app/app.css'), out: 'app' },
    ],
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    tsconfig: join(here, 'tsconfig.json'),
    minify,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(here, 'src/app/index.html'), join(outDir, 'index.html'));
  console.log(`built the dashboard into ${outDir} in ${Date.now() - started} ms`);
  return outDir;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildDashboard();
