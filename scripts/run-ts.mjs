// Runs a TypeScript entry point of ours in Node 20 (which has no TypeScript loader): bundles it with
// esbuild into .tsbuild/run/ and imports it. Arguments after the entry are passed on in
// process.argv. Used by `npm run bench` and `npm run demo`.
import { build } from 'esbuild';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [arguments…]');
  process.exit(2);
}
const outfile = resolve('.tsbuild/run', `${basename(entry, '.ts')}.mjs`);
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...rest];
await import(pathToFileURL(outfile).href);
