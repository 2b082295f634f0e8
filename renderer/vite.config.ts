import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { buildCsp } from '../shared/security/csp.ts';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The built index.html carries the same CSP as the Electron protocol handler (dev keeps Vite's inline HMR script working). */
function cspMeta(): Plugin {
  return {
    name: 'atlas-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${buildCsp({ forMeta: true })}" />`,
      );
    },
  };
}

/**
 * Starts downloading the shipped region data with the page, not after the bundle has been evaluated
 * (boot.ts fetches it; the browser reuses this preload).
 */
function preloadRegions(): Plugin {
  return {
    name: 'atlas-preload-regions',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const asset = Object.keys(context.bundle ?? {}).find((name) => name.includes('sichuan-regions') && name.endsWith('.json'));
        if (!asset) return html;
        return html.replace('</head>', `  <link rel="preload" href="./${asset}" as="fetch" crossorigin="anonymous" />\n  </head>`);
      },
    },
  };
}

export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react(), cspMeta(), preloadRegions()],
  define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: { port: 5173, fs: { allow: ['..'] } },
  preview: { port: 4173, strictPort: true },
});
