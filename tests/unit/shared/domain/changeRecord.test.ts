import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  deepEqual,
  diffFields,
  invertChange,
  type ChangeRecord,
  type ChangeRecordId,
  type ChangeStamp,
} from '../../../../shared/domain/changeRecord';
import { asRegionCode } from '../../../../shared/regions/regions';

const stamp: ChangeStamp = {
  id: 'c2' as ChangeRecordId,
  unitCode: asRegionCode('510107'),
  actorRole: 'county',
  hlc: '000001764000000001-0000-510107',
  at: 1_764_000_000_001,
};

function record(changes: ChangeRecord['changes'], op: ChangeRecord['op'] = 'update'): ChangeRecord {
  return { id: 'c1' as ChangeRecordId, entity: 'scenario', entityId: 's1', op, changes, unitCode: asRegionCode('510107'), actorRole: 'county', hlc: '000001764000000000-0000-510107', at: 1_764_000_000_000 };
}

describe('diffFields', () => {
  it('lists only changed fields, comparing arrays and objects deeply', () => {
    const before = { title: 'A', techDirections: ['invasive_bci'], location: { lat: 30, lng: 103 }, batch: null, version: 1, updatedAt: 1 };
    const after = { title: 'B', techDirections: ['invasive_bci'], location: { lat: 30, lng: 104 }, batch: null, version: 2, updatedAt: 2 };
    expect(diffFields(before, after)).toEqual({
      title: { old: 'A', new: 'B' },
      location: { old: { lat: 30, lng: 103 }, new: { lat: 30, lng: 104 } },
    });
    expect(diffFields(before, { ...before, techDirections: ['invasive_bci', 'digital_twin'] })).toEqual({
      techDirections: { old: ['invasive_bci'], new: ['invasive_bci', 'digital_twin'] },
    });
    expect(diffFields(before, before)).toEqual({});
  });

  it('records a creation with null old values and never aliases the entity', () => {
    const after = { id: 's1', techDirections: ['other'] };
    const changes = diffFields(null, after);
    expect(changes).toEqual({ id: { old: null, new: 's1' }, techDirections: { old: null, new: ['other'] } });
    after.techDirections.push('digital_twin');
    expect(changes['techDirections']?.new).toEqual(['other']);
  });

  it('treats undefined and null as the same absent value', () => {
    expect(diffFields({ batch: null }, { batch: undefined })).toEqual({});
    expect(deepEqual({ a: undefined }, {})).toBe(true);
    expect(deepEqual([1, [2]], [1, [3]])).toBe(false);
  });
});

describe('invertChange and applyChanges', () => {
  it('undoes an update by appending the swapped change', () => {
    const before = { title: 'A', partnerSlots: 1 };
    const after = { title: 'B', partnerSlots: 1 };
    const change = record(diffFields(before, after));
    const undo = invertChange(change, stamp);
    expect(undo).toMatchObject({ id: 'c2', op: 'update', entityId: 's1', changes: { title: { old: 'B', new: 'A' } }, hlc: stamp.hlc });
    expect(applyChanges(after, undo)).toEqual({ ok: true, value: before });
  });

  it('undoes a creation (and an import of a new record) by a soft delete, and a delete by a restore', () => {
    for (const op of ['create', 'import'] as const) {
      const undo = invertChange(record({ id: { old: null, new: 's1' }, title: { old: null, new: 'A' } }, op), stamp);
      expect(undo).toMatchObject({ op: 'delete', changes: { deletedAt: { old: null, new: stamp.at } } });
    }
    const undoDelete = invertChange(record({ deletedAt: { old: null, new: 5 } }, 'delete'), stamp);
    expect(undoDelete).toMatchObject({ op: 'restore', changes: { deletedAt: { old: 5, new: null } } });
    expect(invertChange(record({ title: { old: 'A', new: 'B' } }, 'import'), stamp).op).toBe('update');
    expect(invertChange(record({ status: { old: 'open', new: 'closed' } }, 'status'), stamp).op).toBe('status');
  });

  it('refuses to apply over a record that moved on, naming the fields', () => {
    const change = record({ title: { old: 'A', new: 'B' } });
    const result = applyChanges({ title: 'C' }, change);
    expect(result).toMatchObject({ ok: false, error: 'conflict', details: ['title'] });
    expect(applyChanges({ title: 'C' }, change, { isForced: true })).toEqual({ ok: true, value: { title: 'B' } });
  });

  it('refuses field names that would reach the prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"old": null, "new": {"isAdmin": true}}}') as ChangeRecord['changes'];
    const result = applyChanges({}, record(hostile), { isForced: true });
    expect(result).toMatchObject({ ok: false, error: 'invalid-field' });
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(diffFields({}, JSON.parse('{"__proto__": 1, "constructor": 2}') as object)).toEqual({});
  });

  it('builds a created entity from {}', () => {
    expect(applyChanges({}, record(diffFields(null, { id: 's1', title: 'A' }), 'create'))).toEqual({ ok: true, value: { id: 's1', title: 'A' } });
  });

  it('round-trips: apply(after, invert(diff(before, after))) equals before', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.string(),
      fc.array(fc.constantFrom('invasive_bci', 'digital_twin', 'other'), { maxLength: 3 }),
      fc.record({ lat: fc.double({ min: 26, max: 34, noNaN: true }), lng: fc.double({ min: 97, max: 109, noNaN: true }) }),
    );
    const keys = ['title', 'techDirections', 'location', 'batch', 'partnerSlots', 'status'];
    const entity = fc.record(Object.fromEntries(keys.map((k) => [k, value])) as Record<string, typeof value>);
    fc.assert(
      fc.property(entity, entity, (before, after) => {
        const forward = record(diffFields(before, after));
        const applied = applyChanges(before, forward);
        expect(applied.ok).toBe(true);
        if (applied.ok) expect(deepEqual(applied.value, after)).toBe(true);
        const back = applyChanges(after, invertChange(forward, stamp));
        expect(back.ok).toBe(true);
        if (back.ok) expect(deepEqual(back.value, before)).toBe(true);
      }),
    );
  });
});
