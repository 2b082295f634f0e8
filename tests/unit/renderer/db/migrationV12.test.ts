import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MergeEntryRow } from '../../../../renderer/db/exchangeRows';
import { fieldCodeOf, FieldStampsBuilder, forEachFieldStamp, STAMPED_FIELDS } from '../../../../renderer/db/schema/v12';
import { scenarioRecordSchema } from '../../../../shared/domain/scenario';
import { PARTNER_FIELD_LABELS } from '../../../../shared/partners/partner';
import { pilotRecordSchema } from '../../../../shared/partners/pilot';

/** An entry with these field stamps, as written since v12 (built) or before (legacy `fields`). */
function entryWith(stamps: readonly (readonly [string, number])[], form: 'v12' | 'legacy'): MergeEntryRow {
  const base = { entityId: 'e1', entity: 'scenario' as const, owner: '510107', stamps: [], pending: [] };
  if (form === 'legacy') return { ...base, fields: Object.fromEntries(stamps) };
  const builder = new FieldStampsBuilder();
  for (const [field, index] of stamps) builder.add(field, index);
  return { ...base, ...builder.done() };
}

function read(row: MergeEntryRow): [string, number][] {
  const out: [string, number][] = [];
  forEachFieldStamp(row, (field, index) => out.push([field, index]));
  return out;
}

describe('merge entries’ field stamps (schema v12)', () => {
  it('keep the list of field codes as it shipped: new fields go at the end, none moves', () => {
    // The list is stored format: this digest of its first 47 names changes if any is moved or removed.
    const shipped = STAMPED_FIELDS.slice(0, 47).join(',');
    expect(createHash('sha256').update(shipped).digest('hex').slice(0, 16)).toBe('b1641841c79ceada');
    expect(new Set(STAMPED_FIELDS).size).toBe(STAMPED_FIELDS.length);
    expect([fieldCodeOf('id'), fieldCodeOf('title'), fieldCodeOf('partnerSlots'), fieldCodeOf('creditCode'), fieldCodeOf('不存在')]).toEqual([0, 1, 13, 46, undefined]);
  });

  it('code every field of scenarios, pilots and partners (none is kept by name)', () => {
    const fields = [...Object.keys(scenarioRecordSchema.shape), ...Object.keys(pilotRecordSchema.shape), ...Object.keys(PARTNER_FIELD_LABELS)];
    expect(fields.filter((field) => fieldCodeOf(field) === undefined)).toEqual([]);
  });

  it('are written as two characters a known field, with no names', () => {
    const row = entryWith([['title', 0], ['partnerSlots', 1], ['status', 0]], 'v12');
    expect(row).toMatchObject({ fieldCodes: String.fromCharCode(1, 0, 13, 1, 21, 0) });
    expect(row).not.toHaveProperty('fields');
    expect(row).not.toHaveProperty('extraFields');
  });

  it('keep by name a field not in the list and a stamp index too high to be a code', () => {
    const row = entryWith([['title', 0], ['来自新版本的字段', 1], ['status', 0xd800]], 'v12');
    expect(row).toMatchObject({ fieldCodes: String.fromCharCode(1, 0), extraFields: { 来自新版本的字段: 1, status: 0xd800 } });
    expect(new Map(read(row))).toEqual(new Map([['title', 0], ['来自新版本的字段', 1], ['status', 0xd800]]));
    expect(read(entryWith([['__proto__', 2]], 'v12'))).toEqual([['__proto__', 2]]);
  });

  it('read back every field and index written, in either form', () => {
    const field = fc.oneof(fc.constantFrom(...STAMPED_FIELDS), fc.string({ minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(fc.dictionary(field, fc.nat({ max: 0xffff })), fc.constantFrom<'v12' | 'legacy'>('v12', 'legacy'), (fields, form) => {
        const stamps = Object.entries(fields);
        expect(new Map(read(entryWith(stamps, form)))).toEqual(new Map(stamps));
      }),
    );
  });

  it('refuse an entry whose codes are not in the list, rather than reading another field', () => {
    const row: MergeEntryRow = { entityId: 'e1', entity: 'scenario', owner: '510107', stamps: [], pending: [], fieldCodes: String.fromCharCode(STAMPED_FIELDS.length + 5, 0) };
    expect(() => read(row)).toThrow(/unknown field code/);
  });
});
