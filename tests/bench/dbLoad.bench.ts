import type { Page } from '@playwright/test';
import type { DbLoadFigures } from '../../renderer/db/dbLoadBench';
import type { BrowserBench } from './browser';
import { report } from './report';

/** Scenarios in the database-load figures (issue 3: 100k). */
export const DB_LOAD_COUNT = 100_000;

/**
 * The page-side entry the bench calls. It is NOT in the production bundle; it must be wired by a
 * bench-only build (see the report of issue 3 / renderer/db/dbLoadBench.ts):
 *
 *   // renderer/main.tsx
 *   if (import.meta.env.MODE === 'bench') {
 *     void Promise.all([import('./db/dbLoadBench'), import('./regions/loadRegions')]).then(([bench, regions]) => {
 *       (window as { __atlasBench?: unknown }).__atlasBench = {
 *         dbLoad: async (count: number) => bench.measureDbLoad(await regions.loadRegions(), count),
 *       };
 *     });
 *   }
 *
 * and `vite build --mode bench` in `npm run bench`. Against the Vite dev server (`npm run dev:web`)
 * no wiring is needed: pass `moduleUrls` and the page imports the modules by URL.
 */
export interface DbLoadEntry {
  readonly moduleUrls?: { readonly bench: string; readonly regions: string };
}

/** Measures in the page: insert 100k demo scenarios, reopen, load them back; prints `name value unit`. */
export async function measureDbLoadInPage(page: Page, count: number, entry: DbLoadEntry = {}): Promise<DbLoadFigures> {
  return page.evaluate(
    async ({ count: n, urls }) => {
      type Api = { dbLoad: (count: number) => Promise<DbLoadFigures> };
      if (urls) {
        const bench = (await import(/* @vite-ignore */ urls.bench)) as { measureDbLoad: (regions: unknown, count: number) => Promise<DbLoadFigures> };
        const regions = (await import(/* @vite-ignore */ urls.regions)) as { loadRegions: () => Promise<unknown> };
        return bench.measureDbLoad(await regions.loadRegions(), n);
      }
      const api = (window as unknown as { __atlasBench?: Api }).__atlasBench;
      if (!api) throw new Error('[bench] window.__atlasBench is missing: build the renderer with --mode bench');
      return api.dbLoad(n);
    },
    { count, urls: entry.moduleUrls ?? null },
  );
}

/** Prints the database figures: `db_load_100k_ms` and the figures that explain it. */
export function reportDbLoad(figures: DbLoadFigures): void {
  report('db_load_100k_ms', figures.loadMs, 'ms');
  report('db_load_100k_each_ms', figures.loadEachMs, 'ms');
  report('db_load_100k_table_ms', figures.loadTableMs, 'ms');
  report('db_insert_demo_100k_ms', figures.insertMs, 'ms');
  report(`db_import_${String(figures.importCount / 1000)}k_logged_ms`, figures.importMs, 'ms');
  report('db_count_by_region_100k_ms', figures.countByRegionMs, 'ms');
  report('db_load_100k_as_pages_ms', figures.loadPagesMs, 'ms');
}

/** The bench as index.ts runs it: a fresh context on the built app (needs the bench-mode hook). */
export async function benchDbLoad(bench: BrowserBench, entry: DbLoadEntry = {}, baseUrl = bench.url): Promise<void> {
  const context = await bench.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(baseUrl);
    if (!entry.moduleUrls) await page.waitForFunction(() => '__atlasBench' in window, undefined, { timeout: 30_000 });
    reportDbLoad(await measureDbLoadInPage(page, DB_LOAD_COUNT, entry));
  } finally {
    await context.close();
  }
}
