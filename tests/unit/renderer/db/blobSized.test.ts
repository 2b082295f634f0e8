import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BLOB_WRAP_BYTES, fillFor, FILL_FROM_BYTES, withoutFill } from '../../../../renderer/db/blobSized';
import type { MergeEntryRow } from '../../../../renderer/db/exchangeRows';
import { mergePagesWith } from '../../../../renderer/db/mergePages';
import { mergePageOf } from '../../../../renderer/db/schema/v6';
import { FieldStampsBuilder } from '../../../../renderer/db/schema/v12';
import { snapshotBytes } from '../../../../renderer/db/backupSnapshot';
import { freshDb } from './dbTestKit';

function entry(index: number): MergeEntryRow {
  const fields = new FieldStampsBuilder();
  for (const field of ['title', 'status', 'partnerSlots']) fields.add(field, 0);
  const id = `e${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return { entityId: id, entity: 'scenario', owner: '510107', stamps: [[`${String(index).padStart(18, '0')}-0000-510107.abcdef`, '510107', `c-${id}`, 1]], ...fields.done(), pending: [] };
}

/** The characters of a row's strings, fill included: a lower bound of its serialised bytes. */
function characters(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + characters(item), 0);
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce((sum: number, item) => sum + characters(item), 0);
  return 0;
}

describe('rows filled past the blob threshold', () => {
  it.each<[string, number, boolean]>([
    ['a small row', 1000, false],
    ['a row just under the band', FILL_FROM_BYTES - 1, false],
    ['a row at the band’s start', FILL_FROM_BYTES, true],
    ['a row just under the threshold', BLOB_WRAP_BYTES - 10, true],
    ['a row surely over it', BLOB_WRAP_BYTES + 4096, false],
  ])('%s (%i bytes at least): filled %s', (_label, bytes, isFilled) => {
    const { fill } = fillFor(bytes);
    expect(fill !== undefined).toBe(isFilled);
    if (fill !== undefined) {
      expect(bytes + fill.length).toBeGreaterThan(BLOB_WRAP_BYTES);
      expect(fill.trim()).toBe('');
    }
  });

  it('leaves a row without its fill for a backup, and a row without one as it is', () => {
    const row = { page: 3, entries: [], fill: '   ' };
    expect(withoutFill(row)).toEqual({ page: 3, entries: [] });
    const plain: { page: number; entries: never[]; fill?: string } = { page: 4, entries: [] };
    expect(withoutFill(plain)).toBe(plain);
  });

  it('fills a big merge page past the threshold and leaves a small one as it is', async () => {
    const db = freshDb();
    try {
      // Entries on one page, each with a long stamp (~2 KB): 20 of them hold 40 KB of characters.
      const onPage: MergeEntryRow[] = [];
      for (let index = 0; onPage.length < 20; index += 1) {
        const item = entry(index);
        if (mergePageOf(item.entityId) === 7) onPage.push({ ...item, stamps: [[item.stamps[0]?.[0] ?? '', '510107', 'c'.repeat(2000), 1]] });
      }
      const [big] = await mergePagesWith(db, onPage);
      expect(big?.entries).toHaveLength(20);
      expect(characters(big)).toBeGreaterThan(BLOB_WRAP_BYTES);
      expect(characters(withoutFill(big as NonNullable<typeof big>))).toBeLessThan(BLOB_WRAP_BYTES);
      const [small] = await mergePagesWith(db, onPage.slice(0, 2));
      expect(small?.entries).toHaveLength(2);
      expect(small).not.toHaveProperty('fill');
    } finally {
      db.close();
    }
  });

  it('are backed up without their fill', async () => {
    const db = freshDb();
    try {
      const entries = [entry(1)];
      await db.mergePages.put({ page: mergePageOf(entries[0]?.entityId ?? ''), entries, ...fillFor(FILL_FROM_BYTES) });
      await db.exchangeBatches.put({ firstSeq: 1, lastSeq: 1, changeIds: ['c1'], attestations: [-1], signatures: [], ...fillFor(FILL_FROM_BYTES) });
      expect((await db.mergePages.toArray())[0]).toHaveProperty('fill');
      const file = JSON.parse(new TextDecoder().decode(await snapshotBytes(db, 'manual', 0))) as { tables: Record<string, unknown[]> };
      expect(file.tables.mergePages).toEqual([{ page: mergePageOf(entries[0]?.entityId ?? ''), entries }]);
      expect(file.tables.exchangeBatches).toEqual([{ firstSeq: 1, lastSeq: 1, changeIds: ['c1'], attestations: [-1], signatures: [] }]);
    } finally {
      db.close();
    }
  });
});
