/**
 * Version 6: the merge state in pages (issue 6, merge speed).
 *
 * Version 4 kept one `mergeEntries` row per record. Chromium's IndexedDB charges about the same for
 * a get or put whatever the value's size (bench idb_put_100k_rows_ms vs _packed_ms: 86× apart), and
 * an exchange import of 100k changes read and wrote 100k of those rows, two of the five requests it
 * made per record. `mergePages` holds the same entries in {@link MERGE_PAGE_COUNT} pages, a record's
 * page fixed by its id ({@link mergePageOf}): an import of 100k changes reads and writes about a
 * thousand rows for them, and a single local edit one page of about a hundred entries (at 100k
 * records).
 *
 * The upgrade moves every v4 row into its page and empties `mergeEntries`; the table stays, empty
 * and unused, because shipped versions are not rewritten. The page function and count are part of
 * the stored format: changing either needs a new version that moves the entries again.
 */
import type { Transaction } from 'dexie';
import type { MergeEntryRow } from '../exchangeRows';
import type { SchemaVersion } from './schemaVersion';

/** Pages of the merge state; stored format, never change (see the file comment). */
export const MERGE_PAGE_COUNT = 1024;

/**
 * The page of a record's merge entry: FNV-1a (32-bit) of its id's UTF-16 code units, modulo
 * {@link MERGE_PAGE_COUNT}. A plain, stable, well-spread hash of short ids (UUIDs); written here
 * because it is a few lines and must never change with a dependency's version.
 */
export function mergePageOf(entityId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < entityId.length; index += 1) {
    hash ^= entityId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % MERGE_PAGE_COUNT;
}

/** A page of the merge state: the entries of the records whose id falls on it, by id. */
export interface MergePageRowV6 {
  readonly page: number;
  readonly entries: readonly MergeEntryRow[];
}

/** A page's entries in id order (sorted in place). */
export function inIdOrder(entries: MergeEntryRow[]): MergeEntryRow[] {
  return entries.sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
}

/** `items` by the page their id falls on ({@link mergePageOf}), in the order given (pages without an item are left out). */
export function byPageOf<T>(items: Iterable<T>, idOf: (item: T) => string): Map<number, T[]> {
  const byPage = new Map<number, T[]>();
  for (const item of items) {
    const page = mergePageOf(idOf(item));
    const list = byPage.get(page);
    if (list) list.push(item);
    else byPage.set(page, [item]);
  }
  return byPage;
}

/** `entries` by the page they fall on, in the order given. */
export function entriesByPage(entries: Iterable<MergeEntryRow>): Map<number, MergeEntryRow[]> {
  return byPageOf(entries, (entry) => entry.entityId);
}

/** Pages holding `entries`, each page's entries in id order (pages without an entry are left out). */
export function toMergePages(entries: Iterable<MergeEntryRow>): MergePageRowV6[] {
  return [...entriesByPage(entries)].map(([page, list]) => ({ page, entries: inIdOrder(list) }));
}

async function pageTheMergeState(tx: Transaction): Promise<void> {
  const entries = tx.table<MergeEntryRow, string>('mergeEntries');
  await tx.table<MergePageRowV6, number>('mergePages').bulkAdd(toMergePages(await entries.toArray()));
  await entries.clear();
}

/** Version 6 of the schema. */
export const schemaV6: SchemaVersion = {
  version: 6,
  stores: {
    mergePages: 'page',
  },
  upgrade: pageTheMergeState,
};
