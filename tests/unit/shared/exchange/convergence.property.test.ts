/**
 * Issue 6 item 7: replicas of two counties (锦江 510104, 武侯 510107 with a second installation),
 * their city (成都 510100) and the province (510000) edit what they own and exchange packages
 * along the county ↔ city ↔ province links, with loss, duplication and any delivery order; then
 * everything is resent until delivered. Checked: every replica ends with the same digest, each
 * field holds the value of its greatest-stamped edit (no acknowledged edit is lost), and no
 * replica ever applies a change by a unit that does not own the record. Records are scenarios,
 * pilots and partners (the merge is the same for each; the entity must never change).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeEntity, ChangeRecord, ChangeRecordId, FieldChanges, JsonValue } from '../../../../shared/domain/changeRecord';
import { formatHlc, initialHlc, parseHlc, receive, tick, type Hlc } from '../../../../shared/domain/hlc';
import type { RegionCode } from '../../../../shared/regions/regions';
import { compareStamps, digestState, emptyMergeState, mergeChanges, writtenFields, type MergeState } from '../../../../shared/exchange/merge';
import { createPackage, openPackage, serializePackage, type AttestedChange } from '../../../../shared/exchange/package';
import { keysOf, nextId, roleOf, T0, trustOf } from './exchangeTestKit';

const INSTALLATIONS = ['510104', '510107', '510107.b', '510100', '510000'] as const;
type Installation = (typeof INSTALLATIONS)[number];
const LINKS: readonly (readonly [Installation, Installation])[] = [
  ['510104', '510100'],
  ['510107', '510100'],
  ['510107.b', '510100'],
  ['510107', '510107.b'],
  ['510100', '510000'],
];
const TRUSTED = trustOf(INSTALLATIONS);
const unitOf = (installation: string): RegionCode => installation.split('.')[0] as RegionCode;

interface Replica {
  readonly name: Installation;
  state: MergeState;
  /** Every change this replica holds, with its owner's attestation (its own are attested when sent). */
  readonly held: Map<string, { change: ChangeRecord; attestation?: AttestedChange['attestation'] }>;
  /** Change ids already put in a package to each peer ("changes since my last package to <unit>"). */
  readonly sent: Map<string, Set<string>>;
  readonly inbox: string[];
  clock: Hlc;
}

const ENTITIES: readonly ChangeEntity[] = ['scenario', 'pilot', 'partner'];

/** The fields a creation of each entity writes (a small record of the register's shape). */
function creationValues(entity: ChangeEntity, id: string, unit: string, title: string): Record<string, JsonValue> {
  if (entity === 'pilot') return { id, ownerUnitCode: unit, title, investment: 1, stage: 'applied', deletedAt: null };
  if (entity === 'partner') return { id, ownerUnitCode: unit, name: title, contactName: '', type: 'enterprise', deletedAt: null };
  return { id, ownerUnitCode: unit, title, partnerSlots: 1, status: 'open', suspendedFrom: null, deletedAt: null };
}

/** An edit of one field of a pilot or partner: 0 its name, 1 a number or contact, 3 its stage or type. */
function entityEdit(entity: 'pilot' | 'partner', record: Readonly<Record<string, JsonValue>>, field: number, value: number): { op: ChangeRecord['op']; changes: FieldChanges } {
  const from = (name: string): JsonValue => record[name] ?? null;
  if (entity === 'pilot') {
    if (field === 0) return { op: 'update', changes: { title: { old: from('title'), new: `v${value}` } } };
    if (field === 1) return { op: 'update', changes: { investment: { old: from('investment'), new: value * 10 } } };
    return { op: 'status', changes: { stage: { old: from('stage'), new: ['under_review', 'selected', 'applied', 'terminated'][value] ?? 'applied' } } };
  }
  if (field === 0) return { op: 'update', changes: { name: { old: from('name'), new: `v${value}` } } };
  if (field === 1) return { op: 'update', changes: { contactName: { old: from('contactName'), new: `c${value}` } } };
  return { op: 'update', changes: { type: { old: from('type'), new: ['enterprise', 'institute', 'university', 'other'][value] ?? 'other' } } };
}

type Action =
  | { readonly kind: 'create'; readonly actor: number; readonly entity: number }
  | { readonly kind: 'edit'; readonly actor: number; readonly pick: number; readonly field: number; readonly value: number }
  | { readonly kind: 'send'; readonly link: number; readonly isReverse: boolean; readonly isLost: boolean }
  | { readonly kind: 'deliver'; readonly to: number; readonly pick: number; readonly isDuplicated: boolean }
  | { readonly kind: 'intrude'; readonly pick: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), actor: fc.nat(INSTALLATIONS.length - 1), entity: fc.nat(ENTITIES.length - 1) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), actor: fc.nat(INSTALLATIONS.length - 1), pick: fc.nat(50), field: fc.nat(3), value: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), link: fc.nat(LINKS.length - 1), isReverse: fc.boolean(), isLost: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), to: fc.nat(INSTALLATIONS.length - 1), pick: fc.nat(50), isDuplicated: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('intrude' as const), pick: fc.nat(50) }) },
);

/** The changes of a package in a shuffled order (a package's own order must not matter either). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function run(actions: readonly Action[], skews: readonly number[]): void {
  const replicas = new Map<Installation, Replica>(
    INSTALLATIONS.map((name) => [name, { name, state: emptyMergeState(), held: new Map(), sent: new Map(), inbox: [], clock: initialHlc(name, T0) }]),
  );
  const creator = new Map<string, string>();
  const entityOf = new Map<string, ChangeEntity>();
  // Changes 锦江 made to records it does not own: refused everywhere, never applied.
  const intrusions = new Set<string>();
  const allChanges: ChangeRecord[] = [];
  let step = 0;
  const nowOf = (replica: Replica): number => T0 + step * 1000 + (skews[INSTALLATIONS.indexOf(replica.name)] ?? 0);

  const write = (replica: Replica, entityId: string, op: ChangeRecord['op'], changes: FieldChanges): void => {
    replica.clock = tick(replica.clock, nowOf(replica));
    const unit = unitOf(replica.name);
    const change: ChangeRecord = { id: nextId() as ChangeRecordId, entity: entityOf.get(entityId)!, entityId, op, changes, unitCode: unit, actorRole: roleOf(unit), hlc: formatHlc(replica.clock), at: nowOf(replica) };
    const merged = mergeChanges(replica.state, [change]);
    expect(merged.applied).toEqual([change]);
    replica.state = merged.state;
    replica.held.set(change.id, { change });
    allChanges.push(change);
  };

  const makePackage = (from: Replica, to: Replica, ids: readonly string[]): string => {
    const own: ChangeRecord[] = [];
    const relayed: AttestedChange[] = [];
    for (const id of ids) {
      const item = from.held.get(id)!;
      if (item.change.unitCode === unitOf(from.name) && item.attestation === undefined) own.push(item.change);
      else relayed.push({ change: item.change, attestation: item.attestation! });
    }
    const unit = unitOf(from.name);
    return serializePackage(createPackage({ kind: 'changes', source: { unit, role: roleOf(unit), keyPair: keysOf(from.name) }, own, relayed, now: nowOf(from), recipientUnit: unitOf(to.name) }));
  };

  const deliver = (to: Replica, text: string, seed: number): void => {
    const opened = openPackage(text, { trustedKeys: TRUSTED, ownerOf: (id) => to.state.get(id)?.owner });
    if (!opened.ok) throw new Error(`${opened.error}: ${opened.message}`);
    for (const refusal of opened.value.refused) expect(intrusions.has(refusal.changeId ?? '')).toBe(true);
    const changes = shuffled(
      opened.value.accepted.map(({ change }) => change),
      seed,
    );
    const merged = mergeChanges(to.state, changes);
    for (const refusal of merged.refused) expect(intrusions.has(refusal.change.id)).toBe(true);
    for (const change of merged.applied) {
      expect(intrusions.has(change.id)).toBe(false);
      expect(change.unitCode).toBe(creator.get(change.entityId));
    }
    to.state = merged.state;
    const refused = new Set(merged.refused.map(({ change }) => change.id));
    for (const item of opened.value.accepted) if (!to.held.has(item.change.id) && !refused.has(item.change.id)) to.held.set(item.change.id, item);
    const latest = changes.reduce<string | null>((max, change) => (max === null || change.hlc > max ? change.hlc : max), null);
    if (latest !== null) {
      const remote = parseHlc(latest);
      if (remote.ok) {
        const moved = receive(to.clock, remote.value, nowOf(to));
        if (moved.ok) to.clock = moved.value;
      }
    }
  };

  for (const action of actions) {
    step += 1;
    if (action.kind === 'create') {
      const replica = replicas.get(INSTALLATIONS[action.actor]!)!;
      const unit = unitOf(replica.name);
      const id = nextId();
      const entity = ENTITIES[action.entity]!;
      creator.set(id, unit);
      entityOf.set(id, entity);
      const values = creationValues(entity, id, unit, `${replica.name}-${step}`);
      write(replica, id, 'create', Object.fromEntries(Object.entries(values).map(([field, value]) => [field, { old: null, new: value }])));
    } else if (action.kind === 'edit') {
      const replica = replicas.get(INSTALLATIONS[action.actor]!)!;
      const unit = unitOf(replica.name);
      const owned = [...replica.state.entries()].filter(([, entry]) => entry.owner === unit).sort(([a], [b]) => (a < b ? -1 : 1));
      if (owned.length === 0) continue;
      const [id, entry] = owned[action.pick % owned.length]!;
      const record = entry.record;
      // The app refuses edits of a deleted record: the only move is a restore.
      if (record['deletedAt'] !== null) {
        write(replica, id, 'restore', { deletedAt: { old: record['deletedAt'] ?? null, new: null } });
      } else if (action.field === 2) {
        write(replica, id, 'delete', { deletedAt: { old: null, new: nowOf(replica) } });
      } else if (entry.entity === 'pilot' || entry.entity === 'partner') {
        const { op, changes } = entityEdit(entry.entity, record, action.field, action.value);
        write(replica, id, op, changes);
      } else if (action.field === 0) {
        write(replica, id, 'update', { title: { old: record['title'] ?? null, new: `v${action.value}` } });
      } else if (action.field === 1) {
        write(replica, id, 'update', { partnerSlots: { old: record['partnerSlots'] ?? null, new: action.value } });
      } else {
        const isSuspending = record['status'] !== 'suspended' && action.value % 2 === 0;
        const changes: Record<string, { old: JsonValue; new: JsonValue }> = isSuspending
          ? { status: { old: record['status'] ?? null, new: 'suspended' }, suspendedFrom: { old: null, new: record['status'] ?? null } }
          : { status: { old: record['status'] ?? null, new: action.value === 1 ? 'closed' : 'open' } };
        if (!isSuspending && record['suspendedFrom'] !== null) changes['suspendedFrom'] = { old: record['suspendedFrom'] ?? null, new: null };
        write(replica, id, 'status', changes);
      }
    } else if (action.kind === 'send') {
      const [a, b] = LINKS[action.link]!;
      const from = replicas.get(action.isReverse ? b : a)!;
      const to = replicas.get(action.isReverse ? a : b)!;
      const sent = from.sent.get(to.name) ?? new Set<string>();
      from.sent.set(to.name, sent);
      const ids = [...from.held.keys()].filter((id) => !sent.has(id));
      if (ids.length === 0) continue;
      ids.forEach((id) => sent.add(id));
      const text = makePackage(from, to, ids);
      if (!action.isLost) to.inbox.push(text);
    } else if (action.kind === 'deliver') {
      const to = replicas.get(INSTALLATIONS[action.to]!)!;
      if (to.inbox.length === 0) continue;
      const index = action.pick % to.inbox.length;
      const text = to.inbox[index]!;
      if (!action.isDuplicated) to.inbox.splice(index, 1);
      deliver(to, text, step);
    } else {
      // 锦江 changes one of 武侯's records and sends it straight to the city, signed by itself.
      const intruder = replicas.get('510104')!;
      const targets = [...creator.entries()].filter(([, unit]) => unit === '510107').map(([id]) => id).sort();
      if (targets.length === 0) continue;
      const entityId = targets[action.pick % targets.length]!;
      intruder.clock = tick(intruder.clock, nowOf(intruder));
      const change: ChangeRecord = { id: nextId() as ChangeRecordId, entity: entityOf.get(entityId)!, entityId, op: 'update', changes: { title: { old: null, new: '锦江越权修改' } }, unitCode: '510104' as RegionCode, actorRole: 'county', hlc: formatHlc(intruder.clock), at: nowOf(intruder) };
      intrusions.add(change.id);
      const text = serializePackage(createPackage({ kind: 'changes', source: { unit: '510104' as RegionCode, role: 'county', keyPair: keysOf('510104') }, own: [change], now: nowOf(intruder) }));
      replicas.get('510100')!.inbox.push(text);
    }
  }

  // Resend until everything is delivered: pending inboxes first (in reverse, for one more order),
  // then, per link and direction, whatever the receiver does not hold yet (its acknowledgement).
  for (const replica of replicas.values()) for (const text of replica.inbox.splice(0).reverse()) deliver(replica, text, step);
  for (let round = 0; round < INSTALLATIONS.length + 1; round += 1) {
    for (const [a, b] of LINKS) {
      for (const [from, to] of [[replicas.get(a)!, replicas.get(b)!], [replicas.get(b)!, replicas.get(a)!]] as const) {
        step += 1;
        // The first round resends everything (duplicates included), later ones only what is missing.
        const ids = [...from.held.keys()].filter((id) => round === 0 || !to.held.has(id));
        if (ids.length > 0) deliver(to, makePackage(from, to, ids), step);
      }
    }
  }

  const digests = new Set([...replicas.values()].map((replica) => digestState(replica.state)));
  expect(digests.size).toBe(1);

  // No acknowledged edit lost: each field holds its greatest-stamped write.
  const expected = new Map<string, Map<string, { stamp: { hlc: string; unit: string; changeId: string }; value: JsonValue }>>();
  for (const change of allChanges) {
    const fields = expected.get(change.entityId) ?? new Map();
    expected.set(change.entityId, fields);
    for (const [field, fieldChange] of writtenFields(change)) {
      const stamp = { hlc: change.hlc, unit: change.unitCode, changeId: change.id };
      const current = fields.get(field);
      if (current === undefined || compareStamps(stamp, current.stamp) > 0) fields.set(field, { stamp, value: fieldChange.new });
    }
  }
  for (const replica of replicas.values()) {
    expect(replica.state.size).toBe(expected.size);
    for (const [entityId, fields] of expected) {
      const entry = replica.state.get(entityId)!;
      expect(entry.owner).toBe(creator.get(entityId));
      expect(entry.entity).toBe(entityOf.get(entityId));
      expect(entry.pending).toEqual([]);
      for (const [field, { value }] of fields) expect(entry.record[field]).toEqual(value);
      // Ownership: every stamp held was written by the owner.
      for (const stamp of Object.values(entry.fieldStamps)) expect(stamp.unit).toBe(entry.owner);
    }
  }
}

describe('exchange convergence (property)', () => {
  it('converges with reorder, duplication, loss and resend; loses no edit; keeps ownership', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 5, maxLength: 40 }), fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: 5, maxLength: 5 }), (actions, skews) => run(actions, skews)),
      { numRuns: 40 },
    );
    // 40 runs of up to 40 steps with signing: seconds alone, much longer on a loaded shared machine.
  }, 120_000);
});
