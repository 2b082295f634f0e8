/**
 * The register's scenarios, read and written by record though stored in pages (schema v9,
 * renderer/db/schema/v9.ts). Every read and write of a scenario row goes through this file: it
 * keeps the rows' pages, the catalog numbers' pages (the unique 场景编号) and the counts row in
 * step, in the caller's transaction.
 *
 * A write loads the pages it touches, changes them in memory and puts them back: at once for the
 * one-call writes ({@link putScenarioRows} …), or once at the end for a {@link ScenarioWriter} that
 * a chunked writer (a 100k-row import, its undo, an exchange merge) keeps across its chunks, so
 * each page is put once, not once per chunk. Reads of that writer's transaction go through it.
 *
 * The writer is passed by hand, not found through Dexie's current transaction: Dexie's zone can be
 * lost across nested async functions that await native promises (seen in the tests), and a lost
 * zone would silently read past the writer's unput pages.
 *
 * Written here, not taken from a library: the pages are this app's stored format (schema v9), and
 * no IndexedDB library pages values by a hash of their key.
 */
import Dexie, { type PromiseExtended, type Table } from 'dexie';
import type { AtlasDb, ScenarioRow } from './atlasDb';
import { PAGES_PER_READ, PAGES_PER_WRITE } from './mergePages';
import { addToCounts, addToRegion, catalogPageOf, inNumberOrder, inRowOrder, scenarioPageOf, SCENARIO_COUNTS_KEY, zeroCounts, type CatalogPageRowV9 as CatalogPageRow, type MutableScenarioCounts, type ScenarioCountsV9 as ScenarioCounts, type ScenarioPageRowV9 as ScenarioPageRow } from './schema/v9';

export type { CatalogPageRow, ScenarioCounts, ScenarioPageRow };

// Pages per bulkGet and per bulkPut are the merge state's (mergePages.ts): at 100k records a page
// holds about a hundred rows, so a request moves about as many rows as a chunk of 500–1000 did
// when rows were stored one by one (Dexie clones a request's values in one task of the page).
export { PAGES_PER_READ, PAGES_PER_WRITE };
/** Pages per getAll of a full read: 32 pages, ~3k rows at 100k, read in ~25 ms (bench db_load_100k_as_pages_ms). */
export const PAGES_PER_SCAN = 32;

/** The tables a transaction that writes scenarios must hold. */
export function registerTables(db: AtlasDb): Table[] {
  return [db.scenarioPages, db.catalogPages, db.meta];
}

/**
 * A scenario id, or a 场景编号, that another record holds: what IndexedDB's unique keys raised
 * before schema v9, by the same name, so writeFailure.ts and the import read it as they did.
 * Dexie's promises hand it on as their own ConstraintError (same name and message): callers test
 * the name, not the class.
 */
export class RegisterKeyTaken extends Error {
  constructor(
    readonly key: 'id' | 'catalogNumber',
    readonly value: string,
  ) {
    super(`[register] ${key === 'id' ? 'a scenario with id' : 'catalog number'} ${value} exists already`);
    this.name = 'ConstraintError';
  }
}

const EMPTY_COUNTS: ScenarioCounts = zeroCounts();

/**
 * Runs `step` for 0 … count-1, one after another, as ONE chain of Dexie promises.
 *
 * Every function of this file returns Dexie's promises, built with then(), never an async
 * function's native promise: Dexie finds a transaction through its zone, and the zone was lost
 * (PrematureCommitError, seen in the e2e run) where a transaction's body awaited an async function
 * that returned another async function's promise. A Dexie promise keeps the zone it was made in.
 */
function inSequence(count: number, step: (index: number) => PromiseLike<unknown> | void): PromiseExtended<void> {
  let chain: PromiseExtended<unknown> = Dexie.Promise.resolve();
  for (let index = 0; index < count; index += 1) chain = chain.then(() => step(index));
  return chain.then(() => undefined);
}

/** `step` over `items` in slices of `size`, one after another (see {@link inSequence}). */
function inSlices<T>(items: readonly T[], size: number, step: (slice: T[]) => PromiseLike<unknown> | void): PromiseExtended<void> {
  return inSequence(Math.ceil(items.length / size), (index) => step(items.slice(index * size, (index + 1) * size)));
}

/** Reads the pages `numbers` of `table`, {@link PAGES_PER_READ} a request, handing each (undefined when not stored) to `use`. */
function readPages<P>(table: Table<P, number>, numbers: readonly number[], use: (page: number, stored: P | undefined) => void): PromiseExtended<void> {
  return inSlices(numbers, PAGES_PER_READ, (part) =>
    table.bulkGet(part).then((stored) => {
      part.forEach((page, index) => use(page, stored[index]));
    }),
  );
}

/**
 * The scenario writes of one transaction, kept in memory until {@link ScenarioWriter.flush}: make
 * one inside a rw transaction over {@link registerTables}, write and read through it, flush before
 * the transaction's body returns. A body that throws flushes nothing (the transaction rolls back).
 */
export class ScenarioWriter {
  /** Register pages read or written in this transaction: id → row. */
  private readonly pages = new Map<number, Map<string, ScenarioRow>>();
  private readonly dirtyPages = new Set<number>();
  /** Catalog pages read or written: number → id. */
  private readonly catalog = new Map<number, Map<string, string>>();
  private readonly dirtyCatalog = new Set<number>();
  /** What the writes add to the stored counts. */
  private delta: MutableScenarioCounts = zeroCounts();

  /**
   * `seed`: pages read earlier, as they are stored now (an exchange merge's plan read them and
   * nothing was written since); taken instead of reading them again, copied before any change.
   */
  constructor(
    private readonly db: AtlasDb,
    private readonly seed: ScenarioPagesRead = new Map(),
  ) {}

  private loadPages(numbers: Iterable<number>): PromiseExtended<void> {
    const missing: number[] = [];
    for (const page of new Set(numbers)) {
      if (this.pages.has(page)) continue;
      const seeded = this.seed.get(page);
      if (seeded === undefined) missing.push(page);
      else this.pages.set(page, new Map(seeded.map((row) => [row.id, row])));
    }
    return readPages(this.db.scenarioPages, missing, (page, stored) => this.pages.set(page, new Map((stored?.rows ?? []).map((row) => [row.id, row]))));
  }

  private loadCatalog(numbers: Iterable<number>): PromiseExtended<void> {
    const missing = [...new Set(numbers)].filter((page) => !this.catalog.has(page));
    return readPages(this.db.catalogPages, missing, (page, stored) => this.catalog.set(page, new Map((stored?.holders ?? []).map(([number, id]) => [number, id]))));
  }

  /** The row of `id` (its page must be loaded). */
  private row(id: string): ScenarioRow | undefined {
    return this.pages.get(scenarioPageOf(id))?.get(id);
  }

  /** Who holds `number` (its catalog page must be loaded). */
  private holder(number: string): string | undefined {
    return this.catalog.get(catalogPageOf(number))?.get(number);
  }

  /** Who holds each of these 场景编号, by number, this writer's writes included. */
  holders(numbers: readonly string[]): PromiseExtended<Map<string, string>> {
    return this.loadCatalog(numbers.map(catalogPageOf)).then(() => {
      const found = new Map<string, string>();
      for (const number of numbers) {
        const id = this.holder(number);
        if (id !== undefined) found.set(number, id);
      }
      return found;
    });
  }

  /** The rows of `ids`, in order (undefined where there is none), this writer's writes included. */
  rows(ids: readonly string[]): PromiseExtended<(ScenarioRow | undefined)[]> {
    return this.loadPages(ids.map(scenarioPageOf)).then(() => ids.map((id) => this.row(id)));
  }

  /** Adds new rows; rejects with {@link RegisterKeyTaken} (nothing added) when an id or 场景编号 is taken. */
  add(rows: readonly ScenarioRow[]): PromiseExtended<void> {
    return this.write(rows, true);
  }

  /** Puts rows over the stored ones (or adds them); rejects with {@link RegisterKeyTaken} (nothing put) when a 场景编号 is another record's. */
  put(rows: readonly ScenarioRow[]): PromiseExtended<void> {
    return this.write(rows, false);
  }

  /**
   * Writes `rows` over (or, when `isNew`, beside) the stored ones; all of them or, when an id or
   * number is taken, none. Later rows of the call see earlier ones, as with a bulkPut: a row may
   * take the number another gave up in the same call.
   */
  private write(rows: readonly ScenarioRow[], isNew: boolean): PromiseExtended<void> {
    const before = new Map<string, ScenarioRow | undefined>();
    return this.loadPages(rows.map((row) => scenarioPageOf(row.id)))
      .then(() => {
        for (const row of rows) if (!before.has(row.id)) before.set(row.id, this.row(row.id));
        // Only numbers that move are looked up: a row keeping its number holds it already.
        const moving: string[] = [];
        for (const row of rows) {
          const current = before.get(row.id);
          if (current?.catalogNumber !== row.catalogNumber) moving.push(row.catalogNumber, ...(current ? [current.catalogNumber] : []));
        }
        return this.loadCatalog(moving.map(catalogPageOf));
      })
      .then(() => {
        // Checked in full before anything changes, so a refused call leaves the writer as it was.
        const next = new Map<string, ScenarioRow>();
        const holders = new Map<string, string | null>();
        const holderOf = (number: string) => (holders.has(number) ? holders.get(number) : this.holder(number));
        for (const row of rows) {
          const current = next.get(row.id) ?? before.get(row.id);
          if (isNew && current !== undefined) throw new RegisterKeyTaken('id', row.id);
          next.set(row.id, row);
          if (current?.catalogNumber === row.catalogNumber) continue;
          if (current !== undefined && holderOf(current.catalogNumber) === row.id) holders.set(current.catalogNumber, null);
          const holder = holderOf(row.catalogNumber);
          if (holder !== undefined && holder !== null && holder !== row.id) throw new RegisterKeyTaken('catalogNumber', row.catalogNumber);
          holders.set(row.catalogNumber, row.id);
        }
        for (const [id, row] of next) {
          const current = before.get(id);
          if (current !== undefined) addToCounts(this.delta, current, -1);
          addToCounts(this.delta, row, 1);
          const page = scenarioPageOf(id);
          this.pages.get(page)?.set(id, row);
          this.dirtyPages.add(page);
        }
        for (const [number, id] of holders) this.setHolder(number, id);
      });
  }

  /** Deletes rows (absent ids are skipped). */
  remove(ids: readonly string[]): PromiseExtended<void> {
    let found: ScenarioRow[] = [];
    return this.rows(ids)
      .then((rows) => {
        found = rows.filter((row) => row !== undefined);
        return this.loadCatalog(found.map((row) => catalogPageOf(row.catalogNumber)));
      })
      .then(() => {
        for (const row of found) {
          if (this.row(row.id) === undefined) continue; // listed twice
          addToCounts(this.delta, row, -1);
          const page = scenarioPageOf(row.id);
          this.pages.get(page)?.delete(row.id);
          this.dirtyPages.add(page);
          if (this.holder(row.catalogNumber) === row.id) this.setHolder(row.catalogNumber, null);
        }
      });
  }

  /** `counts` with what this writer's writes add. */
  private withDelta(counts: ScenarioCounts): ScenarioCounts {
    const out: MutableScenarioCounts = { live: counts.live + this.delta.live, deleted: counts.deleted + this.delta.deleted, demo: counts.demo + this.delta.demo, liveByRegion: { ...counts.liveByRegion } };
    for (const [code, added] of Object.entries(this.delta.liveByRegion)) addToRegion(out.liveByRegion, code, added);
    return out;
  }

  private setHolder(number: string, id: string | null): void {
    const page = catalogPageOf(number);
    const holders = this.catalog.get(page);
    if (holders === undefined) return;
    if (id === null) holders.delete(number);
    else holders.set(number, id);
    this.dirtyCatalog.add(page);
  }

  /**
   * Puts the changed pages and the counts, {@link PAGES_PER_WRITE} pages a request, one request in
   * flight; `afterRequest` (pages put, pages to put) may report progress or throw to cancel. The
   * writer keeps its pages for later reads and writes.
   */
  flush(afterRequest?: (done: number, total: number) => void): PromiseExtended<void> {
    const pages = [...this.dirtyPages];
    const catalog = [...this.dirtyCatalog];
    const total = pages.length + catalog.length;
    let done = 0;
    let inFlight: PromiseExtended<unknown> = Dexie.Promise.resolve();
    const putAll = <P>(table: Table<P, number>, numbers: readonly number[], build: (page: number) => P | null) =>
      inSlices(numbers, PAGES_PER_WRITE, (part) => {
        const kept: P[] = [];
        const emptied: number[] = [];
        for (const page of part) {
          const value = build(page);
          if (value === null) emptied.push(page);
          else kept.push(value);
        }
        // Queued now (the values are cloned here); the chain waits for the request before, so one is in flight.
        // (More in flight measured no faster: 4 gave the same merge_100k figures.)
        const request = Dexie.Promise.all([kept.length > 0 ? table.bulkPut(kept) : null, emptied.length > 0 ? table.bulkDelete(emptied) : null]);
        const previous = inFlight;
        inFlight = request;
        return previous.then(() => {
          done += part.length;
          afterRequest?.(done, total);
        });
      });
    return putAll(this.db.scenarioPages, pages, (page) => {
      const rows = [...(this.pages.get(page)?.values() ?? [])];
      return rows.length === 0 ? null : { page, rows: inRowOrder(rows) };
    })
      .then(() =>
        putAll(this.db.catalogPages, catalog, (page) => {
          const holders = [...(this.catalog.get(page) ?? [])];
          return holders.length === 0 ? null : { page, holders: inNumberOrder(holders) };
        }),
      )
      .then(() => inFlight)
      .then(() => {
        const moved = this.delta.live !== 0 || this.delta.deleted !== 0 || this.delta.demo !== 0 || Object.keys(this.delta.liveByRegion).length > 0;
        if (!moved) return undefined;
        return readScenarioCounts(this.db).then((counts) => this.db.meta.put({ key: SCENARIO_COUNTS_KEY, value: this.withDelta(counts) }));
      })
      .then(() => {
        this.dirtyPages.clear();
        this.dirtyCatalog.clear();
        this.delta = zeroCounts();
      });
  }
}

/** A writer for one call, flushed at once; in a transaction (its read and put must be one). */
function once(db: AtlasDb, work: (writer: ScenarioWriter) => PromiseExtended<void>): PromiseExtended<void> {
  if (Dexie.currentTransaction === null) return Dexie.Promise.reject(new Error('[register] scenarios are written inside a transaction'));
  const writer = new ScenarioWriter(db);
  return work(writer).then(() => writer.flush());
}

/** Adds new rows; rejects with {@link RegisterKeyTaken} (nothing added) when an id or 场景编号 is taken. In a transaction. */
export function addScenarioRows(db: AtlasDb, rows: readonly ScenarioRow[]): PromiseExtended<void> {
  return once(db, (writer) => writer.add(rows));
}

/** Puts rows over the stored ones (or adds them); rejects with {@link RegisterKeyTaken} (nothing put) when a 场景编号 is another record's. In a transaction. */
export function putScenarioRows(db: AtlasDb, rows: readonly ScenarioRow[]): PromiseExtended<void> {
  return once(db, (writer) => writer.put(rows));
}

/** Deletes rows (absent ids are skipped). In a transaction. */
export function deleteScenarioRows(db: AtlasDb, ids: readonly string[]): PromiseExtended<void> {
  return once(db, (writer) => writer.remove(ids));
}

/** Pages as read, by page number: every stored row of each (a page with none is empty). */
export type ScenarioPagesRead = ReadonlyMap<number, readonly ScenarioRow[]>;

/** The stored rows of `ids`, in order (undefined where there is none), and the pages read for them. */
export function readScenarioPages(db: AtlasDb, ids: readonly string[]): PromiseExtended<{ rows: (ScenarioRow | undefined)[]; pages: ScenarioPagesRead }> {
  const pages = [...new Set(ids.map(scenarioPageOf))];
  const byPage = new Map<number, readonly ScenarioRow[]>();
  return readPages(db.scenarioPages, pages, (page, stored) => byPage.set(page, stored?.rows ?? [])).then(() => ({ rows: ids.map((id) => findRow(byPage.get(scenarioPageOf(id)) ?? [], id)), pages: byPage }));
}

/** The stored rows of `ids`, in order (undefined where there is none). */
export function getScenarioRows(db: AtlasDb, ids: readonly string[]): PromiseExtended<(ScenarioRow | undefined)[]> {
  return readScenarioPages(db, ids).then((read) => read.rows);
}

/** Binary search of a page's rows (in id order). */
function findRow(rows: readonly ScenarioRow[], id: string): ScenarioRow | undefined {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const row = rows[middle] as ScenarioRow;
    if (row.id === id) return row;
    if (row.id < id) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** One row, or undefined. */
export function getScenarioRow(db: AtlasDb, id: string): PromiseExtended<ScenarioRow | undefined> {
  return getScenarioRows(db, [id]).then((rows) => rows[0]);
}

/** Who holds each of these 场景编号 here, by number (numbers nobody holds are absent). */
export function catalogHolders(db: AtlasDb, numbers: readonly string[]): PromiseExtended<Map<string, string>> {
  const found = new Map<string, string>();
  const wanted = new Set(numbers);
  const pages = [...new Set(numbers.map(catalogPageOf))];
  return readPages(db.catalogPages, pages, (_page, stored) => {
    for (const [number, id] of stored?.holders ?? []) if (wanted.has(number)) found.set(number, id);
  }).then(() => found);
}

/**
 * Calls `each` with every page's rows, page by page ({@link PAGES_PER_SCAN} pages a request, so
 * no one task decodes them all), in one read transaction unless called inside one.
 */
export function eachScenarioPage(db: AtlasDb, each: (rows: Iterable<ScenarioRow>) => void): PromiseExtended<void> {
  // The pages held first (keys only, one request): a small register is read in one or two requests.
  const scan = () =>
    db.scenarioPages
      .toCollection()
      .primaryKeys()
      .then((held) =>
        inSlices(held, PAGES_PER_SCAN, (part) =>
          db.scenarioPages
            .where('page')
            .between(part[0] as number, part[part.length - 1] as number, true, true)
            .toArray()
            .then((pages) => {
              for (const page of pages) each(page.rows);
            }),
        ),
      );
  return Dexie.currentTransaction !== null ? scan() : db.transaction('r', db.scenarioPages, scan);
}

/** Every row that `keep` keeps (all by default). */
export function scenarioRowsWhere(db: AtlasDb, keep: (row: ScenarioRow) => boolean = () => true): PromiseExtended<ScenarioRow[]> {
  const out: ScenarioRow[] = [];
  return eachScenarioPage(db, (rows) => {
    for (const row of rows) if (keep(row)) out.push(row);
  }).then(() => out);
}

/** How many scenarios: live, deleted, demo, live by region (zero for a register that never held a row). */
export function readScenarioCounts(db: AtlasDb): PromiseExtended<ScenarioCounts> {
  return db.meta.get(SCENARIO_COUNTS_KEY).then((stored) => (stored?.value as ScenarioCounts | undefined) ?? EMPTY_COUNTS);
}
