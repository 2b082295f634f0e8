/**
 * The merge of change records into records (issue 6 item 4): a pure state machine over plain
 * objects, so the renderer, a worker and the property tests run the same code.
 *
 * Rules
 * - Per field, last writer wins by stamp: the HLC string (wall ms, counter, node), then the unit
 *   code, then the change id, so any two distinct writes are ordered the same way everywhere.
 *   Applying the same changes in any order, any number of times, gives the same records.
 * - Field groups are stamped as one: a change touching one member writes them all (an absent
 *   member is written as null). `status` + `suspendedFrom` is such a group, because the pair is
 *   only valid together (suspendedFrom is set exactly while suspended) and a per-field mix of two
 *   concurrent status changes could break it.
 * - Ownership: only the owner's changes apply (ownership.ts). A change to a record whose creation
 *   has not arrived yet (loss, reordering) waits in the entry's `pending` list and is applied —
 *   or refused, if not by the owner — when the creation arrives; so the result does not depend
 *   on which arrived first.
 * - Deletes are soft: a tombstone is the record with `deletedAt` set, merged like any field.
 *   DELETE VS EDIT: an edit never brings a deleted record back; only a restore (a newer write of
 *   `deletedAt = null`) does. An edit stamped after the delete was made by someone who had not
 *   seen the delete (the app refuses edits of a deleted record), so it is kept inside the tombstone
 *   (visible if the record is restored) and reported as a 'delete-edit' conflict for the owner to
 *   restore or leave deleted.
 * - Concurrency (for the conflict queue only; it never changes which value wins): of two writes
 *   of one field, the later-stamped one had seen the earlier one iff its old value equals the
 *   earlier one's new value. Two writes are concurrent iff they come from different clock nodes
 *   (one node sees all its own writes), neither is the record's creation (every edit has seen
 *   it), the later one had not seen the earlier one, and their new values differ (identical
 *   concurrent edits are not conflicts). Under the ownership rule only
 *   the installations of one unit (or one office after restoring a backup) can conflict. A value
 *   that went A→B→A in between can hide a conflict, and a missing intermediate change from a
 *   third node can raise a false one; both only affect what the queue shows, never the data.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { deepEqual, isCreation, type ChangeEntity, type ChangeRecord, type ChangeRecordId, type ChangeStamp, type FieldChange, type JsonValue } from '../domain/changeRecord';
import { fail, type DomainResult, type LocalizedText } from '../domain/localizedText';
import { canonicalJson } from './canonicalJson';
import { bytesToHex, utf8ToBytes } from './encoding';
import { checkAuthorship, checkOwner, ownerOfCreation, ownershipRefusalText, type OwnershipRefusal } from './ownership';

/** Who last wrote a field: the winning change's stamp and the value it overwrote (its `old`). */
export interface FieldStamp {
  readonly hlc: string;
  readonly unit: string;
  readonly changeId: string;
  /** The winning change's `old` value; absent when null. Needed to tell concurrent writes apart. */
  readonly base?: JsonValue;
  /** Set when the winning write is the record's creation, which every later edit has seen. */
  readonly isCreation?: true;
}

/** One record in the merge state, with a stamp per field. */
export interface MergeEntry {
  readonly entity: ChangeEntity;
  /** The unit that created the record; null while only changes before its creation have arrived. */
  readonly owner: string | null;
  readonly record: Readonly<Record<string, JsonValue>>;
  readonly fieldStamps: Readonly<Record<string, FieldStamp>>;
  /** Changes waiting for the record's creation (owner unknown yet); empty normally. */
  readonly pending: readonly ChangeRecord[];
}

/** Records by entity id. */
export type MergeState = ReadonlyMap<string, MergeEntry>;

/** A conflict queue entry: what the user sees and resolves. */
export interface ConflictEntry {
  /** 'field': concurrent different edits of one field; 'delete-edit': an edit made without seeing a delete. */
  readonly kind: 'field' | 'delete-edit';
  readonly entity: ChangeEntity;
  readonly entityId: string;
  readonly owner: string;
  readonly field: string;
  /** The value the incoming (or, for delete-edit, the editing) side started from. */
  readonly base: JsonValue;
  /** This replica's value before the merge. */
  readonly local: JsonValue;
  /** The value the incoming change brought. */
  readonly incoming: JsonValue;
  readonly localHlc: string;
  readonly incomingHlc: string;
  /** Which value the merged data holds (by stamp); a resolution writes a newer one. */
  readonly winner: 'local' | 'incoming';
  /** delete-edit only: the record's deletedAt (it stays deleted). */
  readonly deletedAt?: JsonValue;
}

/** Why the merge refused a change. */
export type MergeRefusal = OwnershipRefusal | 'entity-mismatch' | 'duplicate-creation';

/** A change the merge did not apply, with the reason to list in the import report. */
export interface RefusedChange {
  readonly change: ChangeRecord;
  readonly reason: MergeRefusal;
  readonly text: LocalizedText;
}

/** Counts for the import preview (新增 / 更新 / 删除 / 恢复 …), per record. */
export interface MergeSummary {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly restored: number;
  readonly conflicts: number;
  readonly refused: number;
  readonly unchanged: number;
  readonly pending: number;
}

/** The outcome of {@link mergeChanges}. */
export interface MergeResult {
  readonly state: MergeState;
  /** Changes that moved at least one field's stamp (or were applied from pending). */
  readonly applied: readonly ChangeRecord[];
  /** Changes already known or older than what is held in every field. */
  readonly unchanged: readonly ChangeRecord[];
  /** Changes waiting for their record's creation. */
  readonly pending: readonly ChangeRecord[];
  readonly refused: readonly RefusedChange[];
  readonly conflicts: readonly ConflictEntry[];
  readonly summary: MergeSummary;
}

/** Options of {@link mergeChanges}. */
export interface MergeOptions {
  /** Fields stamped as one (default {@link DEFAULT_FIELD_GROUPS}). */
  readonly fieldGroups?: readonly (readonly string[])[];
}

/** The soft-delete field: non-null is a tombstone. */
export const DELETED_FIELD = 'deletedAt';

/** Field groups of the register's records; see the file header. */
export const DEFAULT_FIELD_GROUPS: readonly (readonly string[])[] = [['status', 'suspendedFrom']];

/** An empty merge state. */
export function emptyMergeState(): MergeState {
  return new Map();
}

interface Stamp {
  readonly hlc: string;
  readonly unit: string;
  readonly changeId: string;
}

/** Orders two writes: HLC string (whose order is compareHlc's), then unit code, then change id. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.unit !== b.unit) return a.unit < b.unit ? -1 : 1;
  if (a.changeId !== b.changeId) return a.changeId < b.changeId ? -1 : 1;
  return 0;
}

function stampOf(change: ChangeRecord): Stamp {
  return { hlc: change.hlc, unit: change.unitCode, changeId: change.id };
}

// The HLC string is `wall-counter-node`; the node holds no '-' (hlc.ts).
function clockNode(hlc: string): string {
  return hlc.slice(hlc.lastIndexOf('-') + 1);
}

/** Did two writes of one field happen without one seeing the other, with different results? */
function isConcurrent(older: { hlc: string; value: JsonValue }, newer: { hlc: string; base: JsonValue; value: JsonValue }): boolean {
  return clockNode(older.hlc) !== clockNode(newer.hlc) && !deepEqual(newer.base, older.value) && !deepEqual(older.value, newer.value);
}

/** The fields a change writes, group members it leaves out included (as null → null). */
export function writtenFields(change: Pick<ChangeRecord, 'changes'>, groups: readonly (readonly string[])[] = DEFAULT_FIELD_GROUPS): [string, FieldChange][] {
  const fields = Object.entries(change.changes);
  for (const group of groups) {
    if (!group.some((field) => Object.hasOwn(change.changes, field))) continue;
    for (const field of group) if (!Object.hasOwn(change.changes, field)) fields.push([field, { old: null, new: null }]);
  }
  return fields;
}

interface Working {
  entity: ChangeEntity;
  owner: string | null;
  record: Record<string, JsonValue>;
  fieldStamps: Record<string, FieldStamp>;
  pending: ChangeRecord[];
}

function toWorking(entry: MergeEntry): Working {
  return { entity: entry.entity, owner: entry.owner, record: { ...entry.record }, fieldStamps: { ...entry.fieldStamps }, pending: [...entry.pending] };
}

function value(record: Readonly<Record<string, JsonValue>>, field: string): JsonValue {
  return Object.hasOwn(record, field) ? (record[field] as JsonValue) : null;
}

function isDeleted(record: Readonly<Record<string, JsonValue>>): boolean {
  return value(record, DELETED_FIELD) !== null;
}

/** Applies one change (already owner-checked) to a working entry; true if any stamp moved. */
function applyOne(work: Working, change: ChangeRecord, groups: readonly (readonly string[])[], conflicts: ConflictEntry[]): boolean {
  const incoming = stampOf(change);
  const owner = work.owner as string;
  const base = { entity: work.entity, entityId: change.entityId, owner, incomingHlc: change.hlc };
  let isMoved = false;
  const wasDeleted = isDeleted(work.record);
  const isCreating = isCreation(change);
  // A restore also writes deletedAt; only a change that leaves deletedAt alone can be an edit of a tombstone.
  const deleteStamp = wasDeleted && !Object.hasOwn(change.changes, DELETED_FIELD) ? work.fieldStamps[DELETED_FIELD] : undefined;
  for (const [field, fieldChange] of writtenFields(change, groups)) {
    const current = work.fieldStamps[field];
    if (current?.changeId === change.id) continue;
    const local = value(work.record, field);
    if (current === undefined || compareStamps(incoming, current) > 0) {
      if (current !== undefined && !isCreating && current.isCreation !== true && isConcurrent({ hlc: current.hlc, value: local }, { hlc: change.hlc, base: fieldChange.old, value: fieldChange.new })) {
        conflicts.push({ ...base, kind: 'field', field, base: fieldChange.old, local, incoming: fieldChange.new, localHlc: current.hlc, winner: 'incoming' });
      }
      work.record[field] = fieldChange.new;
      work.fieldStamps[field] = { ...incoming, ...(fieldChange.old === null ? {} : { base: fieldChange.old }), ...(isCreating ? { isCreation: true as const } : {}) };
      isMoved = true;
    } else if (!isCreating && current.isCreation !== true && isConcurrent({ hlc: change.hlc, value: fieldChange.new }, { hlc: current.hlc, base: current.base ?? null, value: local })) {
      conflicts.push({ ...base, kind: 'field', field, base: fieldChange.old, local, incoming: fieldChange.new, localHlc: current.hlc, winner: 'local' });
    }
    // Delete vs edit, the edit arriving: an edit stamped after the delete never saw it.
    if (deleteStamp !== undefined && compareStamps(incoming, deleteStamp) > 0 && !deepEqual(local, fieldChange.new)) {
      const isWinner = work.fieldStamps[field]?.changeId === change.id;
      conflicts.push({
        ...base,
        kind: 'delete-edit',
        field,
        base: fieldChange.old,
        local,
        incoming: fieldChange.new,
        localHlc: deleteStamp.hlc,
        winner: isWinner ? 'incoming' : 'local',
        deletedAt: value(work.record, DELETED_FIELD),
      });
    }
  }
  // Delete vs edit, the delete arriving: fields written after it were edited without seeing it.
  const newDelete = work.fieldStamps[DELETED_FIELD];
  if (!wasDeleted && isDeleted(work.record) && newDelete?.changeId === change.id) {
    for (const [field, stamp] of Object.entries(work.fieldStamps)) {
      if (field === DELETED_FIELD || compareStamps(stamp, newDelete) <= 0) continue;
      conflicts.push({
        ...base,
        kind: 'delete-edit',
        field,
        base: stamp.base ?? null,
        local: value(work.record, field),
        incoming: stamp.base ?? null,
        localHlc: stamp.hlc,
        winner: 'local',
        deletedAt: value(work.record, DELETED_FIELD),
      });
    }
  }
  return isMoved;
}

function refusal(change: ChangeRecord, reason: MergeRefusal, owner?: string): RefusedChange {
  let text: LocalizedText;
  if (reason === 'entity-mismatch') text = { zh: '变更记录的类型与已有记录不一致', en: 'The change is for a different kind of record than the one held' };
  else if (reason === 'duplicate-creation') text = { zh: `记录 ${change.entityId} 已由 ${owner ?? '其他单位'} 创建，另一单位的同一标识的新建已拒绝`, en: `Record ${change.entityId} was created by ${owner ?? 'another unit'}; a second creation by another unit is refused` };
  else text = ownershipRefusalText(reason, change, owner);
  return { change, reason, text };
}

/** An incremental merge: changes added in pieces give exactly what one {@link mergeChanges} call gives. */
export interface Merger {
  /** Merges more changes (in order, after those added before). */
  add(incoming: readonly ChangeRecord[]): void;
  /** The result over everything added; call once, at the end. */
  finish(): MergeResult;
}

/**
 * Starts a merge against `state` (not modified) to which changes are added in pieces, so a long
 * merge can be split around pauses (the import lets the page draw between pieces). See the file
 * header for the rules.
 */
export function createMerger(state: MergeState, options: MergeOptions = {}): Merger {
  const groups = options.fieldGroups ?? DEFAULT_FIELD_GROUPS;
  const next = new Map(state);
  const working = new Map<string, Working>();
  const applied: ChangeRecord[] = [];
  const unchanged: ChangeRecord[] = [];
  const refused: RefusedChange[] = [];
  const conflicts: ConflictEntry[] = [];
  const pendingNow = new Map<string, ChangeRecord>();

  const workFor = (change: ChangeRecord): Working | undefined => {
    let work = working.get(change.entityId);
    if (work === undefined) {
      const entry = next.get(change.entityId);
      if (entry === undefined) return undefined;
      work = toWorking(entry);
      working.set(change.entityId, work);
    }
    return work;
  };

  const addOne = (change: ChangeRecord): void => {
    const authorship = checkAuthorship(change);
    if (authorship !== null) {
      refused.push(refusal(change, authorship));
      return;
    }
    let work = workFor(change);
    if (work !== undefined && work.entity !== change.entity) {
      refused.push(refusal(change, 'entity-mismatch'));
      return;
    }
    if (isCreation(change)) {
      const owner = ownerOfCreation(change);
      if (work !== undefined && work.owner !== null && work.owner !== owner) {
        refused.push(refusal(change, 'duplicate-creation', work.owner));
        return;
      }
      if (work === undefined) {
        work = { entity: change.entity, owner, record: {}, fieldStamps: {}, pending: [] };
        working.set(change.entityId, work);
      }
      work.owner = owner;
      (applyOne(work, change, groups, conflicts) ? applied : unchanged).push(change);
      // The owner is known now: settle what waited for it, oldest first (the order does not matter for the data).
      const waiting = work.pending.sort((a, b) => compareStamps(stampOf(a), stampOf(b)));
      work.pending = [];
      for (const held of waiting) {
        pendingNow.delete(held.id);
        const ownership = checkOwner(held, owner);
        if (ownership !== null) refused.push(refusal(held, ownership, owner));
        else (applyOne(work, held, groups, conflicts) ? applied : unchanged).push(held);
      }
      return;
    }
    if (work === undefined || work.owner === null) {
      if (work === undefined) {
        work = { entity: change.entity, owner: null, record: {}, fieldStamps: {}, pending: [] };
        working.set(change.entityId, work);
      }
      if (!work.pending.some((held) => held.id === change.id)) work.pending.push(change);
      pendingNow.set(change.id, change);
      return;
    }
    const ownership = checkOwner(change, work.owner);
    if (ownership !== null) {
      refused.push(refusal(change, ownership, work.owner));
      return;
    }
    (applyOne(work, change, groups, conflicts) ? applied : unchanged).push(change);
  };

  return {
    add(incoming) {
      for (const change of incoming) addOne(change);
    },
    finish() {
      let created = 0;
      let updated = 0;
      let deleted = 0;
      let restored = 0;
      const touched = new Set(applied.map((change) => change.entityId));
      for (const [entityId, work] of working) {
        const before = next.get(entityId);
        next.set(entityId, { entity: work.entity, owner: work.owner, record: work.record, fieldStamps: work.fieldStamps, pending: work.pending });
        if (!touched.has(entityId)) continue;
        if (before === undefined || before.owner === null) created += 1;
        else if (!isDeleted(before.record) && isDeleted(work.record)) deleted += 1;
        else if (isDeleted(before.record) && !isDeleted(work.record)) restored += 1;
        else updated += 1;
      }
      const pending = [...pendingNow.values()];
      return {
        state: next,
        applied,
        unchanged,
        pending,
        refused,
        conflicts,
        summary: { created, updated, deleted, restored, conflicts: conflicts.length, refused: refused.length, unchanged: unchanged.length, pending: pending.length },
      };
    },
  };
}

/**
 * Merges change records into the state; returns a new state (the input is not modified) and
 * what happened to each change. See the file header for the rules.
 */
export function mergeChanges(state: MergeState, incoming: readonly ChangeRecord[], options: MergeOptions = {}): MergeResult {
  const merger = createMerger(state, options);
  merger.add(incoming);
  return merger.finish();
}

/**
 * A stable SHA-256 (hex) of the records in the state — entity, id, owner and field values, not
 * the stamps or pending changes — for the "same data?" check between installations.
 */
export function digestState(state: MergeState): string {
  const hash = sha256.create();
  const ids = [...state.keys()].sort();
  for (const id of ids) {
    const entry = state.get(id) as MergeEntry;
    if (entry.owner === null) continue;
    hash.update(utf8ToBytes(`${canonicalJson([id, entry.entity, entry.owner, entry.record])}\n`));
  }
  return bytesToHex(hash.digest());
}

/** Why a conflict cannot be resolved here. */
export type ResolveError = 'unknown-record' | 'not-owner';

/** What the user chose: the value of a field (default the conflict's field). */
export interface ConflictResolution {
  readonly field?: string;
  readonly value: JsonValue;
}

/**
 * The change that resolves a conflict: the chosen (or edited) value written with a fresh stamp,
 * which is newer than both sides, so it wins everywhere once it travels. Only the owner resolves.
 * For a delete-edit conflict, resolve `{ field: 'deletedAt', value: null }` to restore the record
 * or `{ field: 'deletedAt', value: <its deletedAt> }` to confirm the delete.
 * The stamp's HLC must be issued after receiving the incoming change's (hlc.ts `receive`).
 */
export function resolveConflict(conflict: ConflictEntry, resolution: ConflictResolution, state: MergeState, stamp: ChangeStamp): DomainResult<ChangeRecord, ResolveError> {
  const entry = state.get(conflict.entityId);
  if (entry === undefined || entry.owner === null) {
    return fail('unknown-record', { zh: '找不到冲突涉及的记录', en: 'The record of this conflict was not found' });
  }
  if (stamp.unitCode !== entry.owner) {
    return fail('not-owner', {
      zh: `该记录属于 ${entry.owner}，只能由该单位处理冲突`,
      en: `This record belongs to ${entry.owner}; only that unit can resolve the conflict`,
    });
  }
  const field = resolution.field ?? conflict.field;
  const old = value(entry.record, field);
  const op = field === DELETED_FIELD ? (resolution.value === null ? 'restore' : 'delete') : 'update';
  return {
    ok: true,
    value: {
      id: stamp.id as ChangeRecordId,
      entity: entry.entity,
      entityId: conflict.entityId,
      op,
      changes: { [field]: { old, new: resolution.value } },
      unitCode: stamp.unitCode,
      actorRole: stamp.actorRole,
      hlc: stamp.hlc,
      at: stamp.at,
      note: stamp.note ?? '处理冲突',
      ...(stamp.batchId !== undefined ? { batchId: stamp.batchId } : {}),
    },
  };
}
