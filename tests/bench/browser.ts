import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';

/** The built renderer served by Vite's preview server, and Chromium to drive it, for browser figures. */
export interface BrowserBench {
  readonly browser: Browser;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * How Chromium is started for benchmarks: Debian's where present, the flags this machine needs.
 * ATLAS_BENCH_JSFLAGS passes V8 flags to the page, e.g. `--trace-gc` with DEBUG=pw:browser to see
 * which long task was a garbage collection.
 */
export function chromiumLaunchOptions() {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(process.env.ATLAS_BENCH_JSFLAGS ? [`--js-flags=${process.env.ATLAS_BENCH_JSFLAGS}`] : [])],
  };
}

/**
 * Starts a preview of the bench build (dist/renderer-bench, `vite build --mode bench`) and Chromium
 * (Debian's where present). ATLAS_BENCH_DIST (a folder under dist/) and ATLAS_BENCH_PORT let two
 * benches run side by side on one machine.
 */
export async function startBrowserBench(): Promise<BrowserBench> {
  const dist = process.env.ATLAS_BENCH_DIST ?? 'dist/renderer-bench';
  const port = Number(process.env.ATLAS_BENCH_PORT ?? 4174);
  if (!existsSync(`${dist}/index.html`)) throw new Error(`[bench] ${dist} is missing: run \`npm run bench\` (it builds it)`);
  const server: PreviewServer = await preview({
    configFile: 'renderer/vite.config.ts',
    build: { outDir: `../${dist}` },
    preview: { port, host: '127.0.0.1', strictPort: true },
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  return {
    browser,
    url: `http://127.0.0.1:${String(port)}/`,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens every page of `context` as the 武侯区 county office, past the first-run dialog, with no basemap (nothing leaves the machine). */
export async function asWuhouCountyOffice(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    localStorage.setItem('scenario-atlas:settings', JSON.stringify({ unitCode: '510107', role: 'county', language: 'zh-CN', basemap: 'none', tiandituKey: '' }));
  });
}

/**
 * Runs `measure` on the bench build's page in a fresh Chromium profile ON DISK, deleted afterwards:
 * an incognito context keeps IndexedDB in memory under a quota too small for 100k records, and the
 * app itself always runs on a disk profile.
 */
export async function inDiskProfile<T>(bench: BrowserBench, name: string, measure: (page: Page) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), `atlas-bench-${name}-`));
  const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
  try {
    const page = await context.newPage();
    // ATLAS_BENCH_CONSOLE=1 prints the page's console (a phase timing logged while looking into a figure).
    if (process.env['ATLAS_BENCH_CONSOLE'] === '1') page.on('console', (message) => console.log(`[page] ${message.text()}`));
    await page.goto(bench.url);
    await page.waitForFunction(() => '__atlasBench' in window, undefined, { timeout: 60_000 });
    return await measure(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
