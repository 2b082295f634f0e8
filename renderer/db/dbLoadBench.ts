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
import { eachScenarioPage } from './scenarioPages';
import { dropBare, openBare, putValues, readAllValues, rowsAsPages } from '../bench/bareIdb';

/** Figures in ms (counts as numbers). */
export interface DbLoadFigures {
  readonly count: number;
  /** Demo path: rows + one marker change record, one transaction. */
  readonly insertMs: number;
  /** Import path: validation + one change record per row, one transaction (`importCount` rows). */
  readonly importMs: number;
  readonly importCount: number;
  /** loadLiveRows after reopening: the register's pages (schema v9), 32 a request. */
  readonly loadMs: number;
  /** The same rows through eachScenarioPage (what the live-rows watcher reads), for comparison. */
  readonly loadEachMs: number;
  /** Every page in one getAll (one task decodes them all), for comparison. */
  readonly loadTableMs: number;
  /** countLiveByRegion (the counts row since schema v9). */
  readonly countByRegionMs: number;
  /**
   * The same live rows as pages of their ids in a bare IndexedDB store (no Dexie), read back after
   * reopening it, 32 pages per request: the floor of loadMs.
   */
  readonly loadPagesMs: number;
}

/** Pages per getAll in {@link measurePagedLoad}: about 3000 rows a request at 100k records. */
const PAGES_PER_LOAD = 32;

/** Writes `rows` as pages to a fresh bare database, reopens it and times reading them all back. */
async function measurePagedLoad(rows: readonly ScenarioRow[]): Promise<number> {
  const pages = rowsAsPages(rows);
  let bare = await openBare();
  try {
    await putValues(bare, pages);
    bare.close();
    bare = await openBare(bare.name);
    const [read, ms] = await readAllValues<{ readonly rows: readonly ScenarioRow[] }>(bare, PAGES_PER_LOAD);
    const total = read.reduce((sum, page) => sum + page.rows.length, 0);
    if (total !== rows.length) throw new Error(`[bench] read ${String(total)} of ${String(rows.length)} rows from pages`);
    return ms;
  } finally {
    await dropBare(bare);
  }
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
      await eachScenarioPage(db, (rows) => {
        for (const row of rows) if (row.deletedFlag === 0) out.push(row);
      });
      return out;
    });
    // Every page in one getAll (one task decodes them all): the floor loadLiveRows's requests are read against.
    const [, loadTableMs] = await timed(() => db.scenarioPages.toArray());
    const [, countByRegionMs] = await timed(() => countLiveByRegion(db));
    await db.delete();
    const loadPagesMs = await measurePagedLoad(live);

    const importDb = new AtlasDb(`${name}-import`);
    db = importDb;
    const importRows = generateDemoScenarios(importCount, regions, { seed: 2, year, ownerUnitCode: asRegionCode('510107') });
    const [imported, importMs] = await timed(() => bulkImportScenarios(context(importDb, regions), importRows, { batchId: crypto.randomUUID(), catalogNumbers: 'keep' }));
    if (!imported.ok) throw new Error(`[bench] import failed: ${imported.message}`);
    return { count, insertMs, importMs, importCount, loadMs, loadEachMs, loadTableMs, countByRegionMs, loadPagesMs };
  } finally {
    await db.delete();
  }
}
