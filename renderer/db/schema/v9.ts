/**
 * Version 9: the register's scenarios in pages (issue 6, merge speed).
 *
 * Until version 8 every scenario was one row of `scenarios`. Chromium's IndexedDB charges about the
 * same for a put whatever the value's size, so an exchange import of 100k changes spent 33–46 of its
 * ~45 s putting 100k rows (bench browser:exchange, merge_100k_register_write_ms), where the same rows
 * grouped by page took 1.0–1.4 s (idb_put_100k_register_rows_as_pages_ms) and read back in 0.8 s
 * against 3.8–5.2 s (db_load_100k_as_pages_ms).
 *
 * - `scenarioPages`: the rows, on the page of their id ({@link mergePageOf}, the merge state's page
 *   function and count: a record's row and merge entry share a page number), rows in id order.
 * - `catalogPages`: who holds each 场景编号, on the page of the number ([number, id] in number
 *   order). It replaces the unique index `&catalogNumber`: the writer of the pages
 *   (renderer/db/scenarioPages.ts) refuses a number another record holds, as the index did.
 * - `meta` row {@link SCENARIO_COUNTS_KEY}: live, deleted and demo rows, and live rows per region.
 *   It replaces the `deletedFlag`, `demoFlag` and `[deletedFlag+regionCode]` indexes (counts, the
 *   choropleth); the writer keeps it in step in the same transaction.
 *
 * The upgrade moves every row into its page and empties `scenarios`, which version 10 deletes
 * (Dexie lets an upgrade read a table only up to the version that drops it). The page function and
 * count are stored format: changing either needs a new version that moves the rows again.
 */
import type { Transaction } from 'dexie';
import type { ScenarioRow } from '../atlasDb';
import type { SchemaVersion } from './schemaVersion';
import { byPageOf, mergePageOf, MERGE_PAGE_COUNT } from './v6';

/** A page of the register: the scenarios whose id falls on it ({@link mergePageOf}), in id order. */
export interface ScenarioPageRowV9 {
  readonly page: number;
  readonly rows: readonly ScenarioRow[];
}

/** A page of the catalog numbers: [场景编号, id] of the numbers that fall on it ({@link catalogPageOf}), in number order. */
export interface CatalogPageRowV9 {
  readonly page: number;
  readonly holders: readonly (readonly [string, string])[];
}

/** How many scenarios, kept in `meta` under {@link SCENARIO_COUNTS_KEY}. */
export interface ScenarioCountsV9 {
  readonly live: number;
  readonly deleted: number;
  readonly demo: number;
  /** Live scenarios by their own region code (parents are not summed). */
  readonly liveByRegion: Readonly<Record<string, number>>;
}

/** The `meta` key of {@link ScenarioCountsV9}. */
export const SCENARIO_COUNTS_KEY = 'scenarioCounts';

/** The page of a scenario row: its id's merge page (stored format). */
export const scenarioPageOf = mergePageOf;

/** The page of a catalog number: the same hash of the number (stored format). */
export const catalogPageOf = mergePageOf;

/** Pages of either kind; stored format. */
export const REGISTER_PAGE_COUNT = MERGE_PAGE_COUNT;

function byKey<T>(keyOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Rows sorted by id (in place). */
export const inRowOrder = (rows: ScenarioRow[]): ScenarioRow[] => rows.sort(byKey((row) => row.id));

/** Holders sorted by number (in place). */
export const inNumberOrder = (holders: (readonly [string, string])[]): (readonly [string, string])[] => holders.sort(byKey((holder) => holder[0]));

/** The pages holding `rows`. */
export function toScenarioPages(rows: Iterable<ScenarioRow>): ScenarioPageRowV9[] {
  return [...byPageOf(rows, (row) => row.id)].map(([page, list]) => ({ page, rows: inRowOrder(list) }));
}

/** The catalog pages of `rows`. */
export function toCatalogPages(rows: Iterable<ScenarioRow>): CatalogPageRowV9[] {
  const holders = [...rows].map((row) => [row.catalogNumber, row.id] as const);
  return [...byPageOf(holders, (holder) => holder[0])].map(([page, list]) => ({ page, holders: inNumberOrder(list) }));
}

/** {@link ScenarioCountsV9} being summed. */
export interface MutableScenarioCounts {
  live: number;
  deleted: number;
  demo: number;
  liveByRegion: Record<string, number>;
}

/** Zero of everything. */
export function zeroCounts(): MutableScenarioCounts {
  return { live: 0, deleted: 0, demo: 0, liveByRegion: {} };
}

/** Adds `added` live rows to `code` (a region at zero is left out). */
export function addToRegion(liveByRegion: Record<string, number>, code: string, added: number): void {
  const next = (liveByRegion[code] ?? 0) + added;
  if (next === 0) delete liveByRegion[code];
  else liveByRegion[code] = next;
}

/** What one row adds to the counts (`sign` -1 takes it away). */
export function addToCounts(counts: MutableScenarioCounts, row: ScenarioRow, sign: 1 | -1): void {
  if (row.deletedFlag === 0) {
    counts.live += sign;
    addToRegion(counts.liveByRegion, row.regionCode, sign);
  } else counts.deleted += sign;
  if (row.demoFlag === 1) counts.demo += sign;
}

/** The counts of `rows`. */
export function countsOf(rows: Iterable<ScenarioRow>): ScenarioCountsV9 {
  const counts = zeroCounts();
  for (const row of rows) addToCounts(counts, row, 1);
  return counts;
}

async function pageTheRegister(tx: Transaction): Promise<void> {
  const table = tx.table<ScenarioRow, string>('scenarios');
  const rows = await table.toArray();
  await tx.table<ScenarioPageRowV9, number>('scenarioPages').bulkAdd(toScenarioPages(rows));
  await tx.table<CatalogPageRowV9, number>('catalogPages').bulkAdd(toCatalogPages(rows));
  await tx.table<{ key: string; value: unknown }, string>('meta').put({ key: SCENARIO_COUNTS_KEY, value: countsOf(rows) });
  await table.clear();
}

/** Version 9 of the schema. */
export const schemaV9: SchemaVersion = {
  version: 9,
  stores: {
    scenarioPages: 'page',
    catalogPages: 'page',
  },
  upgrade: pageTheRegister,
};

/** Version 10: `scenarios`, emptied by version 9, is deleted. */
export const schemaV10: SchemaVersion = {
  version: 10,
  stores: {
    scenarios: null,
  },
};
