// Bundles the main process and the preload with esbuild (npm run build:electron).
//
// main  → dist/electron/main.cjs: CommonJS, with electron-store (ESM-only) and its dependencies
//         bundled in, so package.json "main" stays a plain CJS file that Electron loads
//         synchronously — protocol.registerSchemesAsPrivileged must run before `ready`, which an
//         async ESM entry point makes fragile.
// preload → dist/electron/preload.cjs: one self-contained file; a sandboxed preload can require
//         nothing but 'electron', so the build fails if anything else is left as a require().
import { build } from 'esbuild';
import { copyFile, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/electron`;

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

const results = await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: `${outDir}/main.cjs`, platform: 'node' }),
  // platform 'browser': the sandboxed preload has no Node built-ins to fall back on.
  // Minified: it is parsed on every page load, and zod (from the shared contract) is most of it.
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: `${outDir}/preload.cjs`,
    platform: 'browser',
    target: 'chrome140',
    minify: true,
  }),
]);

// The window icon (Linux taskbar, dev runs) must be inside the packaged files, which are dist/** only.
await copyFile(`${root}assets/icons/icon.png`, `${outDir}/icon.png`);

const warnings = results.flatMap((result) => result.warnings);
if (warnings.length > 0) {
  console.error(`[build-electron] ${warnings.length} esbuild warning(s); fix them rather than ship them.`);
  process.exit(1);
}

const preload = await readFile(`${outDir}/preload.cjs`, 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
const forbidden = required.filter((name) => name !== 'electron');
if (forbidden.length > 0) {
  console.error(
    `[build-electron] the sandboxed preload requires ${forbidden.join(', ')}; only 'electron' is available there.`,
  );
  process.exit(1);
}

console.log('[build-electron] dist/electron/main.cjs and dist/electron/preload.cjs written');
