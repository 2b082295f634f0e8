import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtlasDb } from '../../../../renderer/db/atlasDb';
import type { MergeEntryRow } from '../../../../renderer/db/exchangeRows';
import { mergePagesWith, readMergeEntries, readMergePages } from '../../../../renderer/db/mergePages';
import { schemaV1 } from '../../../../renderer/db/schema/v1';
import { schemaV2 } from '../../../../renderer/db/schema/v2';
import { schemaV3 } from '../../../../renderer/db/schema/v3';
import { schemaV4 } from '../../../../renderer/db/schema/v4';
import { CURRENT_SCHEMA_VERSION } from '../../../../renderer/db/schema';
import { schemaV5 } from '../../../../renderer/db/schema/v5';
import { MERGE_PAGE_COUNT, mergePageOf, toMergePages } from '../../../../renderer/db/schema/v6';
import { freshDb } from './dbTestKit';

const opened: Dexie[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

function entry(entityId: string, hlc = '000001772323200000-0000-510107'): MergeEntryRow {
  return { entityId, entity: 'scenario', owner: '510107', stamps: [[hlc, '510107', `change-${entityId}`, 1]], fields: { title: 0 }, pending: [] };
}

const ids = (count: number, prefix = 'e'): string[] => Array.from({ length: count }, (_unused, index) => `${prefix}${String(index).padStart(5, '0')}-4000-8000-000000000000`);

async function v5Database(entries: readonly MergeEntryRow[]): Promise<string> {
  const name = `atlas-migration-v6-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  opened.push(old);
  for (const schema of [schemaV1, schemaV2, schemaV3, schemaV4, schemaV5]) old.version(schema.version).stores(schema.stores);
  await old.table('mergeEntries').bulkAdd(entries);
  expect(old.verno).toBe(5);
  old.close();
  return name;
}

describe('migration v5 → v6 (merge state in pages)', () => {
  it('moves every merge entry onto its page, unchanged, and empties the v4 table', async () => {
    const entries = ids(3000).map((id) => entry(id));
    const db = new AtlasDb(await v5Database(entries));
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.mergeEntries.count()).toBe(0);
    const pages = await db.mergePages.toArray();
    expect(pages.every((page) => page.entries.every((stored) => mergePageOf(stored.entityId) === page.page))).toBe(true);
    const stored = pages.flatMap((page) => page.entries);
    expect(stored).toHaveLength(entries.length);
    expect(new Map(stored.map((row) => [row.entityId, row]))).toEqual(new Map(entries.map((row) => [row.entityId, row])));
    expect(await readMergeEntries(db, [entries[7]?.entityId ?? '', 'not-there'])).toEqual(new Map([[entries[7]?.entityId, entries[7]]]));
  });

  it('leaves an empty merge state empty', async () => {
    const db = new AtlasDb(await v5Database([]));
    opened.push(db);
    await db.open();
    expect(await db.mergePages.count()).toBe(0);
  });
});

describe('mergePageOf', () => {
  it.each([
    // FNV-1a 32-bit of the id, modulo the page count (stored format: these must never change).
    ['', 0x811c9dc5 % MERGE_PAGE_COUNT],
    ['a', 0xe40c292c % MERGE_PAGE_COUNT],
    ['foobar', 0xbf9cf968 % MERGE_PAGE_COUNT],
  ])('puts %j on page %i', (id, page) => {
    expect(mergePageOf(id)).toBe(page);
  });

  it('spreads 100k UUID-like ids evenly: every page gets between half and twice its share', () => {
    const counts = new Array<number>(MERGE_PAGE_COUNT).fill(0);
    for (let index = 0; index < 100_000; index += 1) {
      const id = `${index.toString(16).padStart(8, '0')}-0000-4000-8000-${(index * 7919).toString(16).padStart(12, '0')}`;
      const page = mergePageOf(id);
      counts[page] = (counts[page] ?? 0) + 1;
    }
    const share = 100_000 / MERGE_PAGE_COUNT;
    expect(Math.min(...counts)).toBeGreaterThan(share / 2);
    expect(Math.max(...counts)).toBeLessThan(share * 2);
  });
});

describe('toMergePages and mergePagesWith', () => {
  it('groups entries by page, in id order, and leaves out empty pages', () => {
    const entries = ids(50).reverse().map((id) => entry(id));
    const pages = toMergePages(entries);
    expect(pages.flatMap((page) => page.entries)).toHaveLength(50);
    for (const page of pages) {
      expect(page.entries.length).toBeGreaterThan(0);
      expect(page.entries.map((row) => row.entityId)).toEqual(page.entries.map((row) => row.entityId).sort());
      expect(new Set(page.entries.map((row) => mergePageOf(row.entityId)))).toEqual(new Set([page.page]));
    }
    expect(toMergePages([])).toEqual([]);
  });

  it('replaces the stored entries of the same records and keeps the other entries of their pages', async () => {
    const db = freshDb();
    opened.push(db);
    const first = ids(2000).map((id) => entry(id));
    await db.mergePages.bulkPut(await mergePagesWith(db, first));
    const newer = first.slice(0, 10).map((row) => entry(row.entityId, '000001772323299999-0000-510100'));
    const added = ids(5, 'n').map((id) => entry(id));
    const pages = await mergePagesWith(db, [...newer, ...added]);
    // Only the pages of the changed records are written, each whole.
    expect(new Set(pages.map((page) => page.page))).toEqual(new Set([...newer, ...added].map((row) => mergePageOf(row.entityId))));
    await db.mergePages.bulkPut(pages);
    const all = await readMergeEntries(db, [...first, ...added].map((row) => row.entityId));
    expect(all.size).toBe(2005);
    for (const row of newer) expect(all.get(row.entityId)).toEqual(row);
    for (const row of [...first.slice(10), ...added]) expect(all.get(row.entityId)).toEqual(row);
  });

  it("keeps a record's log of received seqs across rewrites of its entry, and appends the new ones", async () => {
    const db = freshDb();
    opened.push(db);
    const [a, b, c] = ids(3).map((id) => entry(id));
    if (!a || !b || !c) throw new Error('three entries');
    await db.mergePages.bulkPut(await mergePagesWith(db, [a, b, c], new Map([[a.entityId, [1, 2]], [b.entityId, [3]]])));
    // A rewrite from the merge (whose rows never carry a log) keeps the stored log; new seqs follow it.
    const newer = { ...a, owner: '510100' };
    await db.mergePages.bulkPut(await mergePagesWith(db, [newer, b, { ...c, log: [99] }], new Map([[b.entityId, [7, 8]]])));
    const all = await readMergeEntries(db, [a, b, c].map((row) => row.entityId));
    expect(all.get(a.entityId)).toEqual({ ...newer, log: [1, 2] });
    expect(all.get(b.entityId)).toEqual({ ...b, log: [3, 7, 8] });
    // A log on the row passed in is not taken as stored: only `received` adds seqs.
    expect(all.get(c.entityId)).toEqual(c);
  });

  it('takes pages read before (a merge plan’s) instead of reading them again, with the same result', async () => {
    const db = freshDb();
    opened.push(db);
    const first = ids(300).map((id) => entry(id));
    await db.mergePages.bulkPut(await mergePagesWith(db, first));
    const newer = first.slice(0, 50).map((row) => entry(row.entityId, '000001772323299999-0000-510100'));
    const expected = await mergePagesWith(db, newer, new Map([[newer[0]!.entityId, [5]]]));
    const read = await readMergePages(db, newer.map((row) => row.entityId));
    expect([...read.entries.values()]).toEqual(first.slice(0, 50));
    const before = structuredClone([...read.pages]);
    const reads = vi.spyOn(db.mergePages, 'bulkGet');
    expect(await mergePagesWith(db, newer, new Map([[newer[0]!.entityId, [5]]]), read.pages)).toEqual(expected);
    expect(reads).not.toHaveBeenCalled();
    expect([...read.pages]).toEqual(before);
  });

  it('reads a page not stored as empty, so entries new to it are merged without reading it again', async () => {
    const db = freshDb();
    opened.push(db);
    const stored = ids(3).map((id) => entry(id));
    await db.mergePages.bulkPut(await mergePagesWith(db, stored));
    const storedPages = new Set(stored.map((row) => mergePageOf(row.entityId)));
    const added = ids(400)
      .filter((id) => !storedPages.has(mergePageOf(id)))
      .slice(0, 20)
      .map((id) => entry(id));
    const read = await readMergePages(db, [...stored, ...added].map((row) => row.entityId));
    expect(read.entries.size).toBe(3);
    for (const row of added) expect(read.pages.get(mergePageOf(row.entityId))).toEqual({ page: mergePageOf(row.entityId), entries: [] });
    const expected = await mergePagesWith(db, [...stored, ...added]);
    const reads = vi.spyOn(db.mergePages, 'bulkGet');
    expect(await mergePagesWith(db, [...stored, ...added], new Map(), read.pages)).toEqual(expected);
    expect(reads).not.toHaveBeenCalled();
  });
});
