/**
 * Exchange figures (issue 6), measured in Chromium on the bench build (window.__atlasBench.exchange,
 * renderer/db/exchangeBench.ts): `package_export_100k_ms` and `merge_100k_changes_ms` (target ≤ 3000
 * ms), with the figures that explain them. CPU time of the page is not separable here; on a shared
 * machine read the wall times as "under load".
 */
import type { Durability, ExchangeFigures } from '../../renderer/db/exchangeBench';
import { inDiskProfile, type BrowserBench } from './browser';
import { report } from './report';

/** Records and changes in the exchange figures (issue 6: 100k). */
export const EXCHANGE_COUNT = 100_000;

/**
 * The count to run: ATLAS_BENCH_EXCHANGE_COUNT (e.g. 10000 for a quick run; figures are then named
 * `_10k_`), else {@link EXCHANGE_COUNT}.
 */
export function exchangeCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['ATLAS_BENCH_EXCHANGE_COUNT'];
  if (raw === undefined || raw === '') return EXCHANGE_COUNT;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1000 || count > 1_000_000 || count % 1000 !== 0) {
    throw new RangeError(`[bench] ATLAS_BENCH_EXCHANGE_COUNT must be a whole number of thousands from 1000 to 1000000, not ${raw}`);
  }
  return count;
}

/** Prints the exchange figures as `name value unit`. */
export function reportExchange(figures: ExchangeFigures, count = EXCHANGE_COUNT): void {
  const k = `${String(count / 1000)}k`;
  report(`package_export_${k}_ms`, figures.exportMs, 'ms');
  report(`package_open_${k}_ms`, figures.openMs, 'ms');
  report(`merge_${k}_changes_ms`, figures.mergeMs, 'ms');
  report(`merge_${k}_plan_ms`, figures.mergePlanMs, 'ms');
  report(`merge_${k}_register_write_ms`, figures.mergeRegisterMs, 'ms');
  report(`merge_${k}_exchange_state_write_ms`, figures.mergeMs - figures.mergePlanMs - figures.mergeRegisterMs, 'ms');
  report(`exchange_catch_up_${k}_ms`, figures.catchUpMs, 'ms');
  report(`package_${k}_mb`, figures.packageMb, 'MB');
  report(`exchange_reference_put_${k}_rows_ms`, figures.referencePutMs, 'ms');
  report(`exchange_catch_up_${k}_longest_task_ms`, figures.catchUpLongestTaskMs, 'ms');
  report(`package_export_${k}_longest_task_ms`, figures.exportLongestTaskMs, 'ms');
  report(`package_open_${k}_longest_task_ms`, figures.openLongestTaskMs, 'ms');
  report(`merge_${k}_longest_task_ms`, figures.mergeLongestTaskMs, 'ms');
  report(`idb_put_${k}_rows_ms`, figures.idbPutRowsMs, 'ms');
  report(`idb_put_${k}_rows_packed_ms`, figures.idbPutPackedMs, 'ms');
  report(`idb_put_${k}_register_rows_as_pages_ms`, figures.idbPutRegisterPagesMs, 'ms');
  if (figures.durability !== 'strict') console.log(`(merge run with chromeTransactionDurability '${figures.durability}', not the app's 'strict')`);
}

/** ATLAS_BENCH_EXCHANGE_DURABILITY: the city database's chromeTransactionDurability (default the app's, 'strict'). */
export function exchangeDurability(env: NodeJS.ProcessEnv = process.env): Durability | undefined {
  const raw = env['ATLAS_BENCH_EXCHANGE_DURABILITY'];
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'strict' && raw !== 'relaxed' && raw !== 'default') throw new RangeError(`[bench] ATLAS_BENCH_EXCHANGE_DURABILITY must be strict, relaxed or default, not ${raw}`);
  return raw;
}

/** The bench as index.ts runs it, in a fresh profile on disk (inDiskProfile). */
export async function benchExchange(bench: BrowserBench, count = exchangeCount()): Promise<ExchangeFigures> {
  return inDiskProfile(bench, 'exchange', async (page) => {
    const figures = await page.evaluate(
      async ([n, durability]) => {
        const api = (window as unknown as { __atlasBench?: { exchange: (count: number, durability?: Durability) => Promise<ExchangeFigures> } }).__atlasBench;
        if (!api) throw new Error('[bench] window.__atlasBench is missing: build the renderer with --mode bench');
        return api.exchange(n, durability ?? undefined);
      },
      [count, exchangeDurability() ?? null] as const,
    );
    if (figures.merged !== count) throw new Error(`[bench] the merge updated ${String(figures.merged)} records, not ${String(count)}`);
    reportExchange(figures, count);
    return figures;
  });
}
