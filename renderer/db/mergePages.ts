/**
 * The merge state of the exchange, read and written by record though stored in pages (schema v6,
 * renderer/db/schema/v6.ts): what exchangeRepository reads before a merge and writes after it.
 */
import type { AtlasDb } from './atlasDb';
import { bulkGetInChunks } from './exchangeProgress';
import type { MergeEntryRow, MergePageRow } from './exchangeRows';
import { inIdOrder, mergePageOf, toMergePages } from './schema/v6';

/**
 * Pages per bulkGet and per bulkPut: at 100k records a page holds about a hundred entries, so these
 * move about as many records per request as READ_CHUNK and WRITE_CHUNK do with one record a row
 * (Dexie clones a request's rows in one task of the page).
 */
export const PAGES_PER_READ = 10;
export const PAGES_PER_WRITE = 5;

/** The stored merge entries of these records, by id (a record without one is absent). */
export async function readMergeEntries(db: AtlasDb, entityIds: Iterable<string>): Promise<Map<string, MergeEntryRow>> {
  const wanted = new Set(entityIds);
  const pages = [...new Set([...wanted].map(mergePageOf))];
  const found = new Map<string, MergeEntryRow>();
  for (const page of await bulkGetInChunks(db.mergePages, pages, undefined, PAGES_PER_READ)) {
    for (const entry of page?.entries ?? []) if (wanted.has(entry.entityId)) found.set(entry.entityId, entry);
  }
  return found;
}

/**
 * The pages to put so that the merge state holds `entries` in place of the stored entries of the
 * same records: the pages they fall on, as stored, with those entries replaced or added. A
 * record's `log` (where its received changes are, schema v8) is storage, not merge state: the
 * stored one is kept, with the seqs in `received` (by record id) appended.
 */
export async function mergePagesWith(db: AtlasDb, entries: readonly MergeEntryRow[], received: ReadonlyMap<string, readonly number[]> = new Map()): Promise<MergePageRow[]> {
  const changed = toMergePages(entries);
  const stored = await bulkGetInChunks(db.mergePages, changed.map((page) => page.page), undefined, PAGES_PER_READ);
  return changed.map((page, index) => {
    const byId = new Map((stored[index]?.entries ?? []).map((entry) => [entry.entityId, entry]));
    for (const { log: _log, ...entry } of page.entries) {
      const log = [...(byId.get(entry.entityId)?.log ?? []), ...(received.get(entry.entityId) ?? [])];
      byId.set(entry.entityId, log.length > 0 ? { ...entry, log } : entry);
    }
    return { page: page.page, entries: inIdOrder([...byId.values()]) };
  });
}
