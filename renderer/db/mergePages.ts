/**
 * The merge state of the exchange, read and written by record though stored in pages (schema v6,
 * renderer/db/schema/v6.ts): what exchangeRepository reads before a merge and writes after it.
 */
import type { AtlasDb } from './atlasDb';
import { fillFor } from './blobSized';
import type { MergeEntryRow, MergePageRow } from './exchangeRows';
import { entriesByPage, inIdOrder, mergePageOf } from './schema/v6';

/**
 * Pages per bulkGet and per bulkPut: at 100k records a page holds about a hundred entries, so these
 * move about as many records per request as READ_CHUNK and WRITE_CHUNK do with one record a row
 * (Dexie clones a request's rows in one task of the page).
 */
export const PAGES_PER_READ = 10;
export const PAGES_PER_WRITE = 5;

/**
 * Pages per bulkPut of the merge state an exchange import or catch-up writes: its entries are
 * small (~400 bytes a record), and at 100k records 205 requests of 5 pages took ~0.2 s longer than
 * 52 of 20 (bench browser:exchange, merge_100k_exchange_state_write_ms 1.72 → 1.47–1.58 s).
 */
export const MERGE_PAGES_PER_WRITE = 20;

/** Merge pages as read, by page number: a page read but not stored is there, empty; a page not read is absent. */
export type MergePagesRead = ReadonlyMap<number, MergePageRow>;

/** The stored merge entries of these records, by id (a record without one is absent), and the pages read for them (one not stored as empty). */
export async function readMergePages(db: AtlasDb, entityIds: Iterable<string>): Promise<{ entries: Map<string, MergeEntryRow>; pages: MergePagesRead }> {
  const wanted = new Set(entityIds);
  const numbers = [...new Set([...wanted].map(mergePageOf))];
  const found = new Map<string, MergeEntryRow>();
  const pages = new Map<number, MergePageRow>();
  // Each request's pages are sorted out before the next is read: a pass over all the pages read
  // (100k entries at 100k records) was one task of the page.
  for (let start = 0; start < numbers.length; start += PAGES_PER_READ) {
    const part = numbers.slice(start, start + PAGES_PER_READ);
    for (const [index, page] of (await db.mergePages.bulkGet(part)).entries()) {
      if (page === undefined) {
        pages.set(part[index] as number, { page: part[index] as number, entries: [] });
        continue;
      }
      pages.set(page.page, page);
      for (const entry of page.entries) if (wanted.has(entry.entityId)) found.set(entry.entityId, entry);
    }
  }
  return { entries: found, pages };
}

/** The stored merge entries of these records, by id (a record without one is absent). */
export async function readMergeEntries(db: AtlasDb, entityIds: Iterable<string>): Promise<Map<string, MergeEntryRow>> {
  return (await readMergePages(db, entityIds)).entries;
}

/** A lower bound of the serialised bytes of entries: their ids', codes' and stamps' characters. */
function leastBytesOf(entries: readonly MergeEntryRow[]): number {
  let bytes = 0;
  for (const entry of entries) {
    bytes += entry.entityId.length + (entry.fieldCodes?.length ?? 0);
    for (const [hlc, unit, changeId] of entry.stamps) bytes += hlc.length + unit.length + changeId.length;
  }
  return bytes;
}

/**
 * The pages to put so that the merge state holds `entries` in place of the stored entries of the
 * same records: the pages they fall on, as stored, with those entries replaced or added. A
 * record's `log` (where its received changes are, schema v8) is storage, not merge state: the
 * stored one is kept, with the seqs in `received` (by record id) appended. `read`: pages read
 * before in the current state (a merge plan's), taken instead of reading them again. A big page
 * is filled past Chromium's blob threshold (blobSized.ts).
 */
export async function mergePagesWith(db: AtlasDb, entries: readonly MergeEntryRow[], received: ReadonlyMap<string, readonly number[]> = new Map(), read: MergePagesRead = new Map()): Promise<MergePageRow[]> {
  const byPage = entriesByPage(entries);
  const numbers = [...byPage.keys()];
  const out: MergePageRow[] = [];
  // A request's pages are merged before the next is read (merging all of them at once, 100k
  // entries at 100k records, was one task of a few hundred ms).
  for (let start = 0; start < numbers.length; start += PAGES_PER_READ) {
    const part = numbers.slice(start, start + PAGES_PER_READ);
    // Pages read before in this state (`read`, a merge plan's) are not read again; never changed here.
    const unread = part.filter((page) => !read.has(page));
    const fetched = unread.length === 0 ? [] : await db.mergePages.bulkGet(unread);
    const stored = part.map((page) => read.get(page) ?? fetched[unread.indexOf(page)]);
    part.forEach((page, index) => {
      const byId = new Map((stored[index]?.entries ?? []).map((entry) => [entry.entityId, entry]));
      for (const entry of byPage.get(page) ?? []) {
        const kept = byId.get(entry.entityId)?.log;
        const added = received.get(entry.entityId);
        const log = kept !== undefined || added !== undefined ? [...(kept ?? []), ...(added ?? [])] : undefined;
        if (log !== undefined) byId.set(entry.entityId, { ...entry, log });
        else if (entry.log !== undefined) {
          const { log: _log, ...plain } = entry;
          byId.set(entry.entityId, plain);
        } else byId.set(entry.entityId, entry);
      }
      const pageEntries = inIdOrder([...byId.values()]);
      out.push({ page, entries: pageEntries, ...fillFor(leastBytesOf(pageEntries)) });
    });
  }
  return out;
}
