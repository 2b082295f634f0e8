import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AtlasDb } from '../../../../renderer/db/atlasDb';
import { schemaV1 } from '../../../../renderer/db/schema/v1';
import { schemaV2 } from '../../../../renderer/db/schema/v2';
import { schemaV3 } from '../../../../renderer/db/schema/v3';
import { schemaV4 } from '../../../../renderer/db/schema/v4';
import { EXCHANGE_BATCH_SIZE, toExchangeBatches } from '../../../../renderer/db/schema/v5';

const opened: Dexie[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

async function v4Database(rows: readonly { changeId: string; seq: number; attestation: string | null }[]): Promise<string> {
  const name = `atlas-migration-v5-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  opened.push(old);
  for (const schema of [schemaV1, schemaV2, schemaV3, schemaV4]) old.version(schema.version).stores(schema.stores);
  await old.table('exchangeLog').bulkAdd(rows);
  await old.table('meta').put({ key: 'exchange:seq', value: rows.length });
  expect(old.verno).toBe(4);
  old.close();
  return name;
}

describe('migration v4 → v5 (exchange log in batches)', () => {
  it('moves every logged change into batches in seq order, with its attestation, and empties the v4 log', async () => {
    const count = EXCHANGE_BATCH_SIZE + 3;
    const rows = Array.from({ length: count }, (_unused, index) => ({ changeId: `c${String(index + 1)}`, seq: index + 1, attestation: index % 3 === 0 ? null : `sig-${String(index % 2)}` }));
    const db = new AtlasDb(await v4Database(rows));
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    const batches = await db.exchangeBatches.orderBy('firstSeq').toArray();
    expect(batches.map((b) => [b.firstSeq, b.lastSeq, b.changeIds.length])).toEqual([
      [1, EXCHANGE_BATCH_SIZE, EXCHANGE_BATCH_SIZE],
      [EXCHANGE_BATCH_SIZE + 1, count, 3],
    ]);
    const flattened = batches.flatMap((batch) => batch.changeIds.map((changeId, index) => ({ changeId, seq: batch.firstSeq + index, attestation: (batch.attestations[index] ?? -1) < 0 ? null : batch.signatures[batch.attestations[index] ?? 0] })));
    expect(flattened).toEqual(rows);
    expect(batches[0]?.signatures).toHaveLength(2);
    expect(await db.exchangeLog.count()).toBe(0);
    expect((await db.meta.get('exchange:seq'))?.value).toBe(count);
    const indexes = Object.fromEntries(db.tables.map((t) => [t.name, [t.schema.primKey.name, ...t.schema.indexes.map((i) => i.name).sort()]]));
    expect(indexes['exchangeBatches']).toEqual(['firstSeq', 'lastSeq']);
  });

  it('starts a new batch at a gap in the seqs, and leaves an empty log empty', async () => {
    const db = new AtlasDb(await v4Database([
      { changeId: 'a', seq: 1, attestation: null },
      { changeId: 'b', seq: 2, attestation: null },
      { changeId: 'c', seq: 5, attestation: 'sig' },
    ]));
    opened.push(db);
    await db.open();
    expect((await db.exchangeBatches.orderBy('firstSeq').toArray()).map((b) => [b.firstSeq, b.lastSeq, b.changeIds, b.attestations, b.signatures])).toEqual([
      [1, 2, ['a', 'b'], [-1, -1], []],
      [5, 5, ['c'], [0], ['sig']],
    ]);
    const empty = new AtlasDb(await v4Database([]));
    opened.push(empty);
    await empty.open();
    expect(await empty.exchangeBatches.count()).toBe(0);
  });
});

describe('toExchangeBatches', () => {
  it.each([
    [0, []],
    [1, [[10, 10]]],
    [EXCHANGE_BATCH_SIZE, [[10, 10 + EXCHANGE_BATCH_SIZE - 1]]],
    [EXCHANGE_BATCH_SIZE + 1, [[10, 10 + EXCHANGE_BATCH_SIZE - 1], [10 + EXCHANGE_BATCH_SIZE, 10 + EXCHANGE_BATCH_SIZE]]],
  ])('numbers %i changes from seq 10 in runs of at most one batch', (count, expected) => {
    const items = Array.from({ length: count }, (_unused, index) => ({ changeId: `c${String(index)}`, attestation: null }));
    expect(toExchangeBatches(10, items).map((b) => [b.firstSeq, b.lastSeq])).toEqual(expected);
  });
});
