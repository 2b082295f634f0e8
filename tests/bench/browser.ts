import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';

/** The built renderer served by Vite's preview server, and Chromium to drive it, for browser figures. */
export interface BrowserBench {
  readonly browser: Browser;
  readonly url: string;
  close(): Promise<void>;
}

/** How Chromium is started for benchmarks: Debian's where present, the flags this machine needs. */
export function chromiumLaunchOptions() {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  };
}

/** Starts a preview of the bench build (dist/renderer-bench, `vite build --mode bench`) and Chromium (Debian's where present). */
export async function startBrowserBench(): Promise<BrowserBench> {
  if (!existsSync('dist/renderer-bench/index.html')) throw new Error('[bench] dist/renderer-bench is missing: run `npm run bench` (it builds it)');
  const server: PreviewServer = await preview({
    configFile: 'renderer/vite.config.ts',
    build: { outDir: '../dist/renderer-bench' },
    preview: { port: 4174, host: '127.0.0.1', strictPort: true },
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  return {
    browser,
    url: 'http://127.0.0.1:4174/',
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
