import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';

/** The built renderer served by Vite's preview server, and Chromium to drive it, for browser figures. */
export interface BrowserBench {
  readonly browser: Browser;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a preview of dist/renderer (run `npm run build` first) and Chromium (Debian's where present). */
export async function startBrowserBench(): Promise<BrowserBench> {
  if (!existsSync('dist/renderer/index.html')) throw new Error('[bench] dist/renderer is missing: run `npm run build:renderer` first');
  const server: PreviewServer = await preview({ configFile: 'renderer/vite.config.ts', preview: { port: 4174, host: '127.0.0.1', strictPort: true } });
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    url: 'http://127.0.0.1:4174/',
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
