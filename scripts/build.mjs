// Compiles apps/, libs/ and bench/ to dist/ with SWC (decorator metadata for Nest), rewriting the
// workspace's path aliases to relative requires so `node dist/apps/<app>/src/main.js` runs as is.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { compilerOptions } = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));

const walk = async (dir) => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : walk(path);
      return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
    }),
  );
  return files.flat();
};

const options = {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    baseUrl: root,
    paths: compilerOptions.paths,
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const started = Date.now();
const sources = (await Promise.all(['apps', 'libs', 'bench'].map((d) => walk(join(root, d))))).flat();
await Promise.all(
  sources.map(async (file) => {
    const { code } = await transformFile(file, { ...options, filename: file });
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, code);
  }),
);
console.log(`built ${sources.length} files into dist/ in ${Date.now() - started} ms`);

// The dashboard's static bundle (esbuild + ECharts), served by the projection at /.
await (await import('../libs/dashboard/build.mjs')).buildDashboard();
