import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../../../shared/domain/changeRecord';
import { createMerger, digestState, emptyMergeState, mergeChanges, resolveConflict, type MergeState } from '../../../../shared/exchange/merge';
import { T0, creation, edit, makeChange, nextId } from './exchangeTestKit';

const A = 'a0000000-0000-4000-8000-00000000000a';
const B = 'b0000000-0000-4000-8000-00000000000b';

function merged(changes: readonly ChangeRecord[], state: MergeState = emptyMergeState()) {
  return mergeChanges(state, changes);
}

function recordOf(state: MergeState, id: string) {
  return state.get(id)?.record;
}

describe('createMerger: a merge in pieces', () => {
  it.each([1, 2, 3, 5])('gives what one mergeChanges call gives, in pieces of %i (pending settled across pieces included)', (size) => {
    const create = creation('510107', A);
    const changes = [
      edit('510107', A, 'title', '初始', '一', 10),
      edit('510107', B, 'title', null, '孤儿', 11),
      edit('510104', A, 'title', '一', '越权', 12),
      create,
      edit('510107', A, 'title', '一', '二', 20, '510107.bb'),
      edit('510107', A, 'title', '一', '三', 20, '510107.aa'),
      edit('510107', A, 'deletedAt', null, T0 + 30, 30),
    ];
    const whole = mergeChanges(emptyMergeState(), changes);
    const merger = createMerger(emptyMergeState());
    for (let start = 0; start < changes.length; start += size) merger.add(changes.slice(start, start + size));
    const pieces = merger.finish();
    expect(digestState(pieces.state)).toBe(digestState(whole.state));
    expect(pieces.summary).toEqual(whole.summary);
    expect(pieces.summary).toMatchObject({ created: 1, pending: 1, refused: 1, conflicts: 1 });
    expect({ applied: pieces.applied, pending: pieces.pending, refused: pieces.refused, conflicts: pieces.conflicts }).toEqual({
      applied: whole.applied,
      pending: whole.pending,
      refused: whole.refused,
      conflicts: whole.conflicts,
    });
  });
});

describe('mergeChanges: per-field last writer wins', () => {
  const create = creation('510107', A);

  it('builds a record from its creation and applies later edits', () => {
    const result = merged([create, edit('510107', A, 'title', '初始', '武侯 AR 导览', 10)]);
    expect(recordOf(result.state, A)).toMatchObject({ title: '武侯 AR 导览', ownerUnitCode: '510107' });
    expect(result.state.get(A)?.owner).toBe('510107');
    expect(result.summary).toMatchObject({ created: 1, conflicts: 0, refused: 0 });
  });

  it('keeps the newer stamp whatever the arrival order', () => {
    const e1 = edit('510107', A, 'title', '初始', '一', 10);
    const e2 = edit('510107', A, 'title', '一', '二', 20);
    const forward = merged([create, e1, e2]).state;
    const backward = merged([e2, e1, create]).state;
    expect(recordOf(forward, A)?.['title']).toBe('二');
    expect(digestState(backward)).toBe(digestState(forward));
  });

  it('breaks an equal clock by unit code, then change id', () => {
    // Two installations of one unit, same wall time and counter: the node decides (string order).
    const x = edit('510107', A, 'title', '初始', 'X', 10, '510107.aa');
    const y = edit('510107', A, 'title', '初始', 'Y', 10, '510107.bb');
    expect(recordOf(merged([create, y, x]).state, A)?.['title']).toBe('Y');
    expect(recordOf(merged([create, x, y]).state, A)?.['title']).toBe('Y');
    const sameHlc1 = makeChange({ unit: '510107', entityId: A, op: 'update', changes: { title: { old: '初始', new: 'P' } }, wall: 10, id: '00000000-0000-4000-8000-000000000001' });
    const sameHlc2 = makeChange({ unit: '510107', entityId: A, op: 'update', changes: { title: { old: '初始', new: 'Q' } }, wall: 10, id: '00000000-0000-4000-8000-000000000002' });
    expect(recordOf(merged([create, sameHlc2, sameHlc1]).state, A)?.['title']).toBe('Q');
  });

  it('is idempotent: the same changes again change nothing', () => {
    const changes = [create, edit('510107', A, 'title', '初始', '一', 10)];
    const once = merged(changes);
    const twice = mergeChanges(once.state, changes);
    expect(twice.applied).toEqual([]);
    expect(twice.unchanged).toHaveLength(2);
    expect(twice.conflicts).toEqual([]);
    expect(digestState(twice.state)).toBe(digestState(once.state));
  });

  it('does not modify the state it is given', () => {
    const first = merged([create]);
    const before = digestState(first.state);
    mergeChanges(first.state, [edit('510107', A, 'title', '初始', '改', 5)]);
    expect(digestState(first.state)).toBe(before);
    expect(recordOf(first.state, A)?.['title']).toBe('初始');
  });

  it('writes status and suspendedFrom as one group', () => {
    const suspend = makeChange({ unit: '510107', entityId: A, op: 'status', changes: { status: { old: 'open', new: 'suspended' }, suspendedFrom: { old: null, new: 'open' } }, wall: 10, node: '510107.aa' });
    // Concurrent, newer, written without suspendedFrom (it stayed null on that installation).
    const close = makeChange({ unit: '510107', entityId: A, op: 'status', changes: { status: { old: 'open', new: 'closed' } }, wall: 20, node: '510107.bb' });
    for (const order of [[create, suspend, close], [close, suspend, create]]) {
      expect(recordOf(merged(order).state, A)).toMatchObject({ status: 'closed', suspendedFrom: null });
    }
  });
});

describe('mergeChanges: conflicts', () => {
  const create = creation('510107', A, {}, 0, '510107.aa');

  it('queues concurrent different edits of one field by two installations, either order', () => {
    const mine = edit('510107', A, 'title', '初始', '甲', 10, '510107.aa');
    const theirs = edit('510107', A, 'title', '初始', '乙', 20, '510107.bb');
    for (const [local, incoming] of [[mine, theirs], [theirs, mine]] as const) {
      const base = merged([create, local]).state;
      const result = mergeChanges(base, [incoming]);
      expect(recordOf(result.state, A)?.['title']).toBe('乙');
      expect(result.conflicts).toEqual([
        expect.objectContaining({ kind: 'field', entityId: A, field: 'title', base: '初始', local: local === mine ? '甲' : '乙', incoming: incoming === mine ? '甲' : '乙', winner: incoming === theirs ? 'incoming' : 'local' }),
      ]);
    }
  });

  it('does not queue identical concurrent edits', () => {
    const a = edit('510107', A, 'title', '初始', '同', 10, '510107.aa');
    const b = edit('510107', A, 'title', '初始', '同', 20, '510107.bb');
    expect(merged([create, a, b]).conflicts).toEqual([]);
  });

  it('does not queue an edit that saw the other', () => {
    const a = edit('510107', A, 'title', '初始', '甲', 10, '510107.aa');
    const b = edit('510107', A, 'title', '甲', '乙', 20, '510107.bb');
    expect(merged([create, a, b]).conflicts).toEqual([]);
    expect(merged([create, b, a]).conflicts).toEqual([]);
  });

  it('does not queue sequential edits of one installation arriving out of order', () => {
    const a = edit('510107', A, 'title', '初始', '甲', 10, '510107.aa');
    const b = edit('510107', A, 'title', '甲', '乙', 20, '510107.aa');
    expect(merged([create, b, a]).conflicts).toEqual([]);
  });

  it('resolves a conflict with a new change that wins everywhere and travels', () => {
    const mine = edit('510107', A, 'title', '初始', '甲', 10, '510107.aa');
    const theirs = edit('510107', A, 'title', '初始', '乙', 20, '510107.bb');
    const result = merged([create, mine, theirs]);
    const [conflict] = result.conflicts;
    const resolution = resolveConflict(conflict!, { value: '甲乙合并' }, result.state, {
      id: nextId() as never,
      unitCode: '510107' as never,
      actorRole: 'county',
      hlc: `${String(T0 + 30).padStart(18, '0')}-0000-510107.aa`,
      at: T0 + 30,
    });
    expect(resolution.ok).toBe(true);
    if (!resolution.ok) return;
    expect(resolution.value.changes).toEqual({ title: { old: '乙', new: '甲乙合并' } });
    const elsewhere = merged([theirs, resolution.value, create, mine]);
    expect(recordOf(elsewhere.state, A)?.['title']).toBe('甲乙合并');
    expect(recordOf(mergeChanges(result.state, [resolution.value]).state, A)?.['title']).toBe('甲乙合并');
  });

  it('lets only the owner resolve', () => {
    const result = merged([create, edit('510107', A, 'title', '初始', '甲', 10, '510107.aa'), edit('510107', A, 'title', '初始', '乙', 20, '510107.bb')]);
    const attempt = resolveConflict(result.conflicts[0]!, { value: 'x' }, result.state, { id: nextId() as never, unitCode: '510100' as never, actorRole: 'city', hlc: `${String(T0 + 30).padStart(18, '0')}-0000-510100`, at: T0 + 30 });
    expect(attempt).toMatchObject({ ok: false, error: 'not-owner' });
  });
});

describe('mergeChanges: delete vs edit (an edit never resurrects; the tombstone keeps it; the user is told)', () => {
  const create = creation('510107', A, {}, 0, '510107.aa');
  const remove = edit('510107', A, 'deletedAt', null, T0 + 10, 10, '510107.aa');
  const lateEdit = edit('510107', A, 'title', '初始', '删除后才到的修改', 20, '510107.bb');

  it.each([
    ['delete first', [create, remove, lateEdit]],
    ['edit first', [create, lateEdit, remove]],
    ['edit before creation', [lateEdit, remove, create]],
  ])('%s: record stays deleted, edit kept, delete-edit conflict shown', (_name, order) => {
    const result = merged(order);
    expect(recordOf(result.state, A)).toMatchObject({ deletedAt: T0 + 10, title: '删除后才到的修改' });
    expect(result.conflicts).toContainEqual(expect.objectContaining({ kind: 'delete-edit', entityId: A, field: 'title', deletedAt: T0 + 10 }));
  });

  it('an edit older than the delete is no conflict', () => {
    const earlyEdit = edit('510107', A, 'title', '初始', '早', 5, '510107.bb');
    const result = merged([create, remove, earlyEdit]);
    expect(result.conflicts).toEqual([]);
    expect(recordOf(result.state, A)?.['deletedAt']).toBe(T0 + 10);
  });

  it('a newer restore brings the record back with the kept edit', () => {
    const restore = edit('510107', A, 'deletedAt', T0 + 10, null, 30, '510107.aa');
    const result = merged([lateEdit, restore, create, remove]);
    expect(recordOf(result.state, A)).toMatchObject({ deletedAt: null, title: '删除后才到的修改' });
  });

  it('counts deletes and restores for the preview', () => {
    const base = merged([create]).state;
    expect(mergeChanges(base, [remove]).summary).toMatchObject({ deleted: 1, created: 0 });
    const deletedState = mergeChanges(base, [remove]).state;
    expect(mergeChanges(deletedState, [edit('510107', A, 'deletedAt', T0 + 10, null, 30)]).summary).toMatchObject({ restored: 1 });
  });
});

describe('mergeChanges: ownership', () => {
  const create = creation('510107', A);

  it('refuses a county changing another county’s record, and lists it', () => {
    const intrusion = edit('510104', A, 'title', '初始', '锦江改武侯', 10);
    const result = merged([create, intrusion]);
    expect(result.refused).toEqual([expect.objectContaining({ change: intrusion, reason: 'not-owner' })]);
    expect(result.refused[0]?.text.zh).toContain('510104');
    expect(recordOf(result.state, A)?.['title']).toBe('初始');
  });

  it('holds a change that arrives before its creation, then settles it by the owner rule', () => {
    const ownEdit = edit('510107', A, 'title', '初始', '先到', 10);
    const intrusion = edit('510104', A, 'partnerSlots', 1, 99, 11);
    const first = merged([ownEdit, intrusion]);
    expect(first.pending).toHaveLength(2);
    expect(first.applied).toEqual([]);
    expect(digestState(first.state)).toBe(digestState(emptyMergeState()));
    const second = mergeChanges(first.state, [create]);
    expect(recordOf(second.state, A)).toMatchObject({ title: '先到', partnerSlots: 1 });
    expect(second.refused).toEqual([expect.objectContaining({ change: intrusion, reason: 'not-owner' })]);
    expect(second.state.get(A)?.pending).toEqual([]);
    expect(digestState(second.state)).toBe(digestState(merged([create, ownEdit]).state));
  });

  it.each([
    ['a creation naming another owner', creation('510107', B, { ownerUnitCode: '510104' }), 'creation-owner-mismatch'],
    ['an edit of the owner field', edit('510107', A, 'ownerUnitCode', '510107', '510104', 10), 'identity-field'],
    ['a stamp from another unit’s clock', edit('510107', A, 'title', '初始', 'x', 10, '510104'), 'clock-node-mismatch'],
    ['a demo marker', makeChange({ unit: '510107', entityId: 'demo-data', op: 'import', changes: { count: { old: 0, new: 5 } } }), 'local-only'],
    ['a __proto__ field', makeChange({ unit: '510107', entityId: A, op: 'update', changes: JSON.parse('{"__proto__":{"old":null,"new":1}}') as never, wall: 10 }), 'invalid-field'],
  ])('refuses %s', (_name, change, reason) => {
    const result = merged([create, change]);
    expect(result.refused).toEqual([expect.objectContaining({ reason })]);
    expect(({} as Record<string, unknown>)['new']).toBeUndefined();
  });

  it('refuses a second creation of the same id by another unit', () => {
    const result = merged([create, creation('510104', A, { title: '抢注' })]);
    expect(result.refused).toEqual([expect.objectContaining({ reason: 'duplicate-creation' })]);
    expect(result.state.get(A)?.owner).toBe('510107');
  });

  it('refuses a change whose entity type differs from the record’s', () => {
    const pilotEdit = { ...edit('510107', A, 'title', '初始', 'x', 10), entity: 'pilot' as const };
    expect(merged([create, pilotEdit]).refused).toEqual([expect.objectContaining({ reason: 'entity-mismatch' })]);
  });
});

describe('digestState', () => {
  it('ignores insertion order and changes with the data', () => {
    const a = creation('510107', A);
    const b = creation('510104', B);
    const one = merged([a, b]).state;
    const two = merged([b, a]).state;
    expect(digestState(one)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestState(two)).toBe(digestState(one));
    expect(digestState(mergeChanges(one, [edit('510104', B, 'title', '初始', '变', 5)]).state)).not.toBe(digestState(one));
  });
});
