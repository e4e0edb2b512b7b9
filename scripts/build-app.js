// Builds the desktop app with esbuild: the Electron main process (ESM, one file with the engine inside),
// the preload (one CommonJS file: a sandboxed preload can only require electron) and the React renderer
// (one script, one stylesheet, index.html with its CSP). Output: dist/main/ and dist/renderer/.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (...parts) => join(root, 'dist', ...parts);
const started = performance.now();

await rm(out('main'), { recursive: true, force: true });
await rm(out('renderer'), { recursive: true, force: true });
await mkdir(out('renderer'), { recursive: true });

const common = { bundle: true, logLevel: 'warning', sourcemap: 'linked', legalComments: 'none', absWorkingDir: root };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/main.ts'],
    outfile: out('main', 'main.js'),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // net-ping (raw ICMP) is optional and stays out of the packaged app unless rebuilt for Electron.
    external: ['electron', 'net-ping', 'raw-socket'],
    // Bundled CommonJS dependencies (dns-packet) call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    entryPoints: ['main/preload.ts'],
    outfile: out('main', 'preload.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['renderer/index.tsx'],
    outfile: out('renderer', 'renderer.js'),
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
  build({
    ...common,
    entryPoints: ['renderer/styles.css'],
    outfile: out('renderer', 'styles.css'),
    minify: true,
  }),
  copyFile(join(root, 'renderer', 'index.html'), out('renderer', 'index.html')),
]);

console.log(`build:app: dist/main and dist/renderer in ${Math.round(performance.now() - started)} ms`);
