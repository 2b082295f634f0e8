import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../../../shared/domain/changeRecord';
import { packAccepted, packRecords, PACKED_BLOCK_SIZE, unpackRecords } from '../../../../shared/exchange/packedRecords';
import type { AttestedChange } from '../../../../shared/exchange/package';
import { deflateRawChunk } from '../../../../shared/spreadsheet/fastDeflate';
import { utf8ToBytes } from '../../../../shared/exchange/encoding';

/** A change record as the exchange carries it (the fields packing must keep, Chinese text included). */
function change(index: number, note = ''): ChangeRecord {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    entity: 'scenario',
    entityId: `s-${index % 7}`,
    op: 'update',
    changes: { title: { old: `场景 ${index}`, new: `场景 ${index}（扩建）${note}` }, partnerSlots: { old: index, new: index + 1 } },
    unitCode: '510107',
    actorRole: 'county',
    hlc: `${String(1_790_000_000_000 + index).padStart(18, '0')}-0000-510107.abc`,
    at: 1_790_000_000_000 + index,
  } as unknown as ChangeRecord;
}

const attested = (records: readonly ChangeRecord[]): AttestedChange[] => records.map((record) => ({ change: record, attestation: { signature: 'sig' } }) as unknown as AttestedChange);

describe('packed change records', () => {
  it('give back exactly the records packed, in order', () => {
    const records = Array.from({ length: 1000 }, (_, index) => change(index));
    const packed = packRecords(records);
    expect(unpackRecords(packed)).toEqual(records);
    // Packing is what it is for: far fewer bytes than the records' JSON.
    expect(packed.length).toBeLessThan(JSON.stringify(records).length / 4);
  });

  it('round-trip any JSON values a record may hold', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), changes: fc.dictionary(fc.string(), fc.record({ old: json, new: json })), note: fc.string({ unit: 'grapheme' }) }), { maxLength: 40 }), (records) => {
        expect(unpackRecords(packRecords(records as unknown as ChangeRecord[]))).toEqual(records);
      }),
    );
  });

  it('packs accepted changes in blocks of the block size, block k holding changes k × size …', () => {
    const records = Array.from({ length: 2 * PACKED_BLOCK_SIZE + 17 }, (_, index) => change(index));
    const blocks = packAccepted(attested(records));
    expect(blocks.map((block) => unpackRecords(block).length)).toEqual([PACKED_BLOCK_SIZE, PACKED_BLOCK_SIZE, 17]);
    expect(blocks.flatMap((block) => unpackRecords(block))).toEqual(records);
    expect(packAccepted(attested(records.slice(0, 5)), 2).map((block) => unpackRecords(block).map((record) => record.id))).toEqual([
      [records[0]?.id, records[1]?.id],
      [records[2]?.id, records[3]?.id],
      [records[4]?.id],
    ]);
    expect(packAccepted([])).toEqual([]);
  });

  const good = packRecords([change(1), change(2, '备注')]);
  it.each<[string, Uint8Array]>([
    ['no bytes', new Uint8Array(0)],
    ['bytes that are not DEFLATE', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x01])],
    ['a truncated block', good.slice(0, Math.floor(good.length / 2))],
    ['a block of text that is not JSON', deflateRawChunk(utf8ToBytes('[{"id": "a"'), true)],
    ['a block of JSON that is not a list', deflateRawChunk(utf8ToBytes('{"id":"a"}'), true)],
  ])('refuse %s, throwing rather than returning other records', (_label, bytes) => {
    expect(() => unpackRecords(bytes)).toThrow();
  });
});
