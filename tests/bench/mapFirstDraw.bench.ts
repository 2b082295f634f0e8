import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { asWuhouCountyOffice, type BrowserBench } from './browser';
import { median, report } from './report';

const RUNS = 7;

/** Size of the shipped region asset, raw and gzipped (issue 2 aims ≤ 300 kB gzipped). */
export function benchRegionAsset(): void {
  const bytes = readFileSync('assets/regions/sichuan-regions.json');
  report('region_asset_kb', bytes.length / 1024, 'kB');
  report('region_asset_gzip_kb', gzipSync(bytes, { level: 9 }).length / 1024, 'kB');
}

/** Page load → boundaries painted, with a unit already set (no first-run dialog), median of several cold runs. */
export async function benchMapFirstDraw(bench: BrowserBench): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await bench.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await asWuhouCountyOffice(context);
    const page = await context.newPage();
    await page.goto(bench.url);
    await page.waitForFunction(() => performance.getEntriesByName('atlas:map-drawn').length > 0, undefined, { timeout: 30_000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('atlas:map-drawn')[0]?.startTime ?? NaN));
    await context.close();
  }
  report('map_first_draw_ms', median(times), 'ms');
}
