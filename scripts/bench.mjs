// `npm run bench`: bundles tests/bench/index.ts with esbuild (Node has no TypeScript loader on v20)
// and runs it. Each figure is printed as one line: `name value unit`.
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const outfile = resolve('.tsbuild/bench/index.mjs');
await build({
  entryPoints: ['tests/bench/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
