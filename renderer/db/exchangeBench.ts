/**
 * The exchange figures of `npm run bench` (issue 6), measured in the page on the app's own code:
 * a county register of `count` records sends them to its city, then sends `count` edits of them;
 * the city imports the edits into its database of `count` records.
 *
 * - exchange_catch_up_100k_ms: the first export after `count` local writes brings the merge state
 *   up to date with the change log (once per installation, then incremental).
 * - package_export_100k_ms: an export of `count` changes — gather, hash, sign, serialise.
 * - package_open_100k_ms: reading and verifying a package of `count` changes (UTF-8, JSON, schema,
 *   content hash, signatures, ownership).
 * - merge_100k_changes_ms: applying it — merge against the stored stamps, build and check the
 *   records, write records, change log, merge state and exchange log — in ONE transaction.
 * - merge_100k_plan_ms / _register_write_ms / _exchange_state_write_ms: the same time split by the
 *   apply's marks (MERGE_MARKS): before the first write, the register's rows, the rest.
 * - *_longest_task_ms: the longest task that blocked the page during each (a PerformanceObserver
 *   of 'longtask', buffered): what a person feels as a frozen window. Export and open run the
 *   app's workers when the caller passes them (the bench page does).
 * - idb_put_100k_rows_ms / _packed_ms: the floor under the merge — bare IndexedDB (no Dexie), one
 *   transaction, `count` rows of ~1 KB put one per row, and the same rows packed 100 per value.
 *   Chromium's IndexedDB costs about the same per put() whatever the value's size, so the merge,
 *   which puts one row per record, change and merge entry, cannot go below ~3× the first figure
 *   while each record is its own row (a storage question, not a CPU one).
 *
 * The records are written straight to the tables (what `count` writes through the form would
 * leave behind), so the bench measures the exchange, not the form.
 */
import type { ChangeRecord, ChangeRecordId } from '../../shared/domain/changeRecord';
import { generateDemoScenarios } from '../../shared/domain/demoData';
import { generateKeyPair, signText } from '../../shared/exchange/signing';
import { asRegionCode, type RegionIndex } from '../../shared/regions/regions';
import { AtlasDb, toScenario, toScenarioRow } from './atlasDb';
import { applyImport, catchUp, exchangeTables, exportChangesPackage, MERGE_MARKS, openImport, trustKeys, type ExchangeContext, type PackageBuilder, type PackageOpener } from './exchangeRepository';
import { watchLongTasks } from '../bench/longTaskWatch';
import { putIntoFreshStore, rowsAsPages } from '../bench/bareIdb';
import { creationChanges } from './writePath';
import { addScenarioRows, putScenarioRows, registerTables, scenarioRowsWhere } from './scenarioPages';

/** The exchange figures, in ms. */
export interface ExchangeFigures {
  readonly catchUpMs: number;
  readonly exportMs: number;
  readonly packageMb: number;
  readonly openMs: number;
  readonly mergeMs: number;
  /** Of mergeMs: before the first write (re-checking the preview's plan, the merge state's entries and pages). */
  readonly mergePlanMs: number;
  /**
   * Of mergeMs: writing the register's rows (their pages, schema v9).
   * The rest of mergeMs writes the exchange's own state: merge pages, log batches, received records.
   */
  readonly mergeRegisterMs: number;
  readonly merged: number;
  /**
   * Reference on the same machine and moment: the `count` register rows the merge writes, put again
   * in one transaction through the app's pages (putScenarioRows: the pages read, then put) — what
   * mergeRegisterMs would be with nothing else in the transaction.
   */
  readonly referencePutMs: number;
  /**
   * The same `count` register rows (the city's, as the merge left them) put as the ~1000 pages of
   * their ids (bare IndexedDB, one transaction, no read): the floor of writing the register's pages.
   */
  readonly idbPutRegisterPagesMs: number;
  /** Longest task blocking the page (ms; 0 when none reached 50 ms) during the first catch-up, the export, the open and the merge. */
  readonly catchUpLongestTaskMs: number;
  readonly exportLongestTaskMs: number;
  readonly openLongestTaskMs: number;
  readonly mergeLongestTaskMs: number;
  /** Bare IndexedDB: `count` rows of ~1 KB, one put() each, one transaction. */
  readonly idbPutRowsMs: number;
  /** The same rows packed 100 per value: `count / 100` puts. */
  readonly idbPutPackedMs: number;
  /** The city database's chromeTransactionDurability in this run. */
  readonly durability: Durability;
}

/** Dexie's chromeTransactionDurability. */
export type Durability = 'strict' | 'relaxed' | 'default';

/** Options of {@link measureExchange}: the app's workers (else in the page) and the city's durability (else the app's). */
export interface ExchangeBenchOptions {
  readonly build?: PackageBuilder;
  readonly open?: PackageOpener;
  readonly durability?: Durability;
}

/**
 * The storage floor: `count` rows of ~1 KB put into a bare IndexedDB store in one 'strict'
 * transaction (as the app's), one put() per value, `perValue` rows per value. Returns ms from the
 * first put to the transaction's completion.
 */
async function idbPutFloor(count: number, perValue: number): Promise<number> {
  const filler = '场景描述 scenario description '.repeat(40);
  const rows = Array.from({ length: count }, (_, index) => ({ id: `r${String(index).padStart(8, '0')}`, title: `场景 ${String(index)}`, text: `${String(index)}${filler}`.slice(0, 900) }));
  const values = perValue === 1 ? rows : Array.from({ length: Math.ceil(count / perValue) }, (_, index) => ({ id: `p${String(index).padStart(8, '0')}`, rows: rows.slice(index * perValue, (index + 1) * perValue) }));
  return putIntoFreshStore(values);
}

const COUNTY = asRegionCode('510107');
const CITY = asRegionCode('510100');
const NODE = '510107.bench0000001';

/** Clock stamps as the write path issues them: strictly increasing, 10 000 per ms at most. */
function stamp(wallMs: number, index: number): string {
  return `${String(wallMs + Math.floor(index / 10_000)).padStart(18, '0')}-${String(index % 10_000).padStart(4, '0')}-${NODE}`;
}

/** The county's `count` records and their creations, written straight to its tables at `t0`. */
async function seedCounty(countyDb: AtlasDb, regions: RegionIndex, count: number, t0: number): Promise<void> {
  // Catalog numbers are unique, at most 9999 per region and year: spread over years.
  const numbered = generateDemoScenarios(count, regions, { seed: 17, year: 2026 }).map((row, index) => ({
    ...row,
    catalogNumber: `510107-${String(2000 + Math.floor(index / 9999))}-${String((index % 9999) + 1).padStart(4, '0')}`,
    ownerUnitCode: COUNTY,
    isDemo: false,
  }));
  const creations: ChangeRecord[] = numbered.map((row, index) => ({
    id: crypto.randomUUID() as ChangeRecordId,
    entity: 'scenario',
    entityId: row.id,
    op: 'create',
    changes: creationChanges(row),
    unitCode: COUNTY,
    actorRole: 'county',
    hlc: stamp(t0, index),
    at: t0,
  }));
  await countyDb.transaction('rw', [...registerTables(countyDb), countyDb.changes], async () => {
    await addScenarioRows(countyDb, numbered.map(toScenarioRow));
    await countyDb.changes.bulkAdd(creations);
    await countyDb.meta.put({ key: 'hlc', value: creations[creations.length - 1]?.hlc ?? '' });
    await countyDb.meta.put({ key: 'installationId', value: 'bench0000001' });
  });
}

/** The county's first package (every record) imported at the city, through the preview as the app does. */
async function firstExchange(county: ExchangeContext, city: ExchangeContext, build: { build?: PackageBuilder }, open: { open?: PackageOpener }): Promise<void> {
  const first = await exportChangesPackage(county, { recipientUnit: CITY, mode: 'since-last' }, build);
  if (!first.ok) throw new Error(first.message);
  await trustKeys(city.db, [{ unit: COUNTY, publicKey: county.identity.publicKey }], Date.now());
  const opened = await openImport(city, first.value.bytes, open);
  if (opened.status !== 'preview') throw new Error(`[bench] first package: ${opened.status}`);
  const applied = await applyImport(city, opened.preview);
  if (!applied.ok) throw new Error(applied.message);
}

/** One edit of every county record (partnerSlots + 1) at `t1`, later than everything before. */
async function editAtCounty(countyDb: AtlasDb, t1: number): Promise<void> {
  await countyDb.transaction('rw', [...registerTables(countyDb), countyDb.changes], async () => {
    const rows = (await scenarioRowsWhere(countyDb)).map(toScenario);
    const edits: ChangeRecord[] = rows.map((row, index) => ({
      id: crypto.randomUUID() as ChangeRecordId,
      entity: 'scenario',
      entityId: row.id,
      op: 'update',
      changes: { partnerSlots: { old: row.partnerSlots, new: row.partnerSlots + 1 } },
      unitCode: COUNTY,
      actorRole: 'county',
      hlc: stamp(t1, index),
      at: t1,
    }));
    await putScenarioRows(countyDb, rows.map((row) => toScenarioRow({ ...row, partnerSlots: row.partnerSlots + 1, version: row.version + 1 })));
    await countyDb.changes.bulkAdd(edits);
    await countyDb.meta.put({ key: 'hlc', value: edits[edits.length - 1]?.hlc ?? '' });
  });
}

function context(db: AtlasDb, regions: RegionIndex, unit: typeof COUNTY, role: 'county' | 'city'): ExchangeContext {
  const keys = generateKeyPair((length) => crypto.getRandomValues(new Uint8Array(length)));
  return {
    db,
    regions,
    actor: { unitCode: unit, role },
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    identity: { publicKey: keys.publicKey, sign: async (texts) => texts.map((text) => signText(text, keys.secretKey)) },
  };
}

/** Runs the exchange figures with `count` records; the two databases are deleted afterwards. */
export async function measureExchange(regions: RegionIndex, count: number, options: ExchangeBenchOptions = {}): Promise<ExchangeFigures> {
  const suffix = Math.random().toString(36).slice(2);
  const durability = options.durability ?? 'strict';
  const countyDb = new AtlasDb(`bench-exchange-county-${suffix}`);
  const cityDb = new AtlasDb(`bench-exchange-city-${suffix}`, { chromeTransactionDurability: durability });
  const build = options.build ? { build: options.build } : {};
  const open = options.open ? { open: options.open } : {};
  const longTasks = watchLongTasks();
  try {
    const county = context(countyDb, regions, COUNTY, 'county');
    const city = context(cityDb, regions, CITY, 'city');
    const t0 = Date.now() - 10_000;
    // Each step's own data is made and let go inside its helper: a bench that kept its generated
    // records and the first import's preview alive ran the page's heap to ~1 GB, whose collections
    // then showed up as the merge's longest tasks (an app drops a preview once it is applied).
    await seedCounty(countyDb, regions, count, t0);

    let start = performance.now();
    await countyDb.transaction('rw', exchangeTables(countyDb), async () => catchUp(countyDb));
    const catchUpMs = performance.now() - start;
    const catchUpLongestTaskMs = await longTasks.longest(start, start + catchUpMs);
    await firstExchange(county, city, build, open);
    await editAtCounty(countyDb, t0 + 20);
    await countyDb.transaction('rw', exchangeTables(countyDb), async () => catchUp(countyDb));

    start = performance.now();
    const second = await exportChangesPackage(county, { recipientUnit: CITY, mode: 'since-last' }, build);
    const exportMs = performance.now() - start;
    const exportLongestTaskMs = await longTasks.longest(start, start + exportMs);
    if (!second.ok) throw new Error(second.message);
    const bytes = second.value.bytes;
    // The county's part is done: free its storage before the city merges (the quota is per origin).
    countyDb.close();
    await countyDb.delete();

    start = performance.now();
    const opened = await openImport(city, bytes, open);
    const openMs = performance.now() - start;
    const openLongestTaskMs = await longTasks.longest(start, start + openMs);
    if (opened.status !== 'preview') throw new Error(`[bench] second package: ${opened.status}`);

    start = performance.now();
    const applied = await applyImport(city, opened.preview);
    const mergeMs = performance.now() - start;
    const markAt = (name: string): number => {
      const mark = performance.getEntriesByName(name, 'mark').at(-1);
      if (mark === undefined || mark.startTime < start) throw new Error(`[bench] the merge set no ${name} mark`);
      return mark.startTime;
    };
    const mergePlanMs = markAt(MERGE_MARKS.writes) - start;
    const mergeRegisterMs = markAt(MERGE_MARKS.registerQueued) - markAt(MERGE_MARKS.writes);
    const mergeLongestTaskMs = await longTasks.longest(start, start + mergeMs);
    if (!applied.ok) throw new Error(applied.message);
    const written = await scenarioRowsWhere(cityDb);
    start = performance.now();
    await cityDb.transaction('rw', registerTables(cityDb), async () => {
      await putScenarioRows(cityDb, written.map((row) => ({ ...row, version: row.version + 1 })));
    });
    const referencePutMs = performance.now() - start;
    // The city's database goes before the floor figures, so they run with the same free space.
    cityDb.close();
    await cityDb.delete();
    const idbPutRowsMs = await idbPutFloor(count, 1);
    const idbPutPackedMs = await idbPutFloor(count, 100);
    // The register's own rows as pages would hold them, one put() per page.
    const idbPutRegisterPagesMs = await putIntoFreshStore(rowsAsPages(written));
    return {
      catchUpMs,
      exportMs,
      packageMb: bytes.length / 1e6,
      openMs,
      mergeMs,
      mergePlanMs,
      mergeRegisterMs,
      merged: applied.value.summary.updated,
      referencePutMs,
      idbPutRegisterPagesMs,
      catchUpLongestTaskMs,
      exportLongestTaskMs,
      openLongestTaskMs,
      mergeLongestTaskMs,
      idbPutRowsMs,
      idbPutPackedMs,
      durability,
    };
  } finally {
    longTasks.stop();
    countyDb.close();
    cityDb.close();
    await Promise.all([countyDb.delete(), cityDb.delete()]);
  }
}
