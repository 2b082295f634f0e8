/**
 * The database benchmark, run INSIDE the page (IndexedDB figures are browser figures): inserts
 * `count` demo scenarios through the demo write path, reopens the database and loads them back
 * the ways the app could. Only tests/bench calls this (through a bench-only hook, see
 * tests/bench/dbLoad.bench.ts); it uses its own database and deletes it afterwards.
 */
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { asRegionCode, type RegionIndex } from '../../shared/regions/regions';
import { AtlasDb, type ScenarioRow } from './atlasDb';
import { writeDemoRows } from './demoRepository';
import { countLiveByRegion, loadLiveRows } from './scenarioRepository';
import { bulkImportScenarios, type WriteContext } from './writePath';

/** Figures in ms (counts as numbers). */
export interface DbLoadFigures {
  readonly count: number;
  /** Demo path: rows + one marker change record, one transaction. */
  readonly insertMs: number;
  /** Import path: validation + one change record per row, one transaction (`importCount` rows). */
  readonly importMs: number;
  readonly importCount: number;
  /** loadLiveRows: `where('deletedFlag').equals(0).toArray()` after reopening. */
  readonly loadMs: number;
  /** The same rows through `each()`, for comparison. */
  readonly loadEachMs: number;
  /** `toArray()` on the whole table, for comparison. */
  readonly loadTableMs: number;
  /** countLiveByRegion (index-only). */
  readonly countByRegionMs: number;
}

function context(db: AtlasDb, regions: RegionIndex): WriteContext {
  return { db, regions, actor: { unitCode: asRegionCode('510107'), role: 'county' }, now: () => Date.now(), newId: () => crypto.randomUUID() };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

/** Runs the benchmark on fresh databases and deletes them. */
export async function measureDbLoad(regions: RegionIndex, count: number, importCount = Math.min(count, 10_000)): Promise<DbLoadFigures> {
  const year = new Date().getFullYear();
  const rows = generateDemoScenarios(count, regions, { seed: 1, year });
  const name = `atlas-bench-${String(Date.now())}`;
  let db = new AtlasDb(name);
  try {
    const [inserted, insertMs] = await timed(() => writeDemoRows(context(db, regions), rows));
    if (!inserted.ok) throw new Error(`[bench] demo insert failed: ${inserted.message}`);
    db.close();
    db = new AtlasDb(name);
    await db.open();
    const [live, loadMs] = await timed(() => loadLiveRows(db));
    if (live.length !== count) throw new Error(`[bench] loaded ${String(live.length)} of ${String(count)}`);
    const [, loadEachMs] = await timed(async () => {
      const out: ScenarioRow[] = [];
      await db.scenarios.where('deletedFlag').equals(0).each((row) => {
        out.push(row);
      });
      return out;
    });
    const [, loadTableMs] = await timed(() => db.scenarios.toArray());
    const [, countByRegionMs] = await timed(() => countLiveByRegion(db));
    await db.delete();

    const importDb = new AtlasDb(`${name}-import`);
    db = importDb;
    const importRows = generateDemoScenarios(importCount, regions, { seed: 2, year, ownerUnitCode: asRegionCode('510107') });
    const [imported, importMs] = await timed(() => bulkImportScenarios(context(importDb, regions), importRows, { batchId: crypto.randomUUID(), catalogNumbers: 'keep' }));
    if (!imported.ok) throw new Error(`[bench] import failed: ${imported.message}`);
    return { count, insertMs, importMs, importCount, loadMs, loadEachMs, loadTableMs, countByRegionMs };
  } finally {
    await db.delete();
  }
}
