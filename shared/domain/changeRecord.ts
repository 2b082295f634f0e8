/**
 * The change log: one record per write, stored in the same transaction as the write. History,
 * undo, audit and the exchange between levels all read it, so a record is plain JSON (no
 * `undefined`: an absent value is `null`) and is never rewritten; undo appends its inverse.
 */
import type { RegionCode } from '../regions/regions';
import type { Role } from '../settings/settings';
import { fail, type DomainResult } from './localizedText';

/** A change record's identity: a UUID made by the caller. */
export type ChangeRecordId = string & { readonly __brand: 'ChangeRecordId' };

/** What kind of record changed. */
export type ChangeEntity = 'scenario' | 'pilot' | 'partner' | 'application';
/** What happened: `status` is a status/stage change, `import` a write made by an import. */
export type ChangeOp = 'create' | 'update' | 'status' | 'delete' | 'restore' | 'import';

/** Every {@link ChangeEntity}. */
export const CHANGE_ENTITIES: readonly ChangeEntity[] = ['scenario', 'pilot', 'partner', 'application'];
/** Every {@link ChangeOp}. */
export const CHANGE_OPS: readonly ChangeOp[] = ['create', 'update', 'status', 'delete', 'restore', 'import'];

/** A JSON value, as fields are stored and exchanged. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One field's old and new value (`null` when absent). */
export interface FieldChange {
  readonly old: JsonValue;
  readonly new: JsonValue;
}

/** Changed fields by name. */
export type FieldChanges = Readonly<Record<string, FieldChange>>;

/** One entry of the change log: who changed what on which record, when, and why. */
export interface ChangeRecord {
  readonly id: ChangeRecordId;
  readonly entity: ChangeEntity;
  readonly entityId: string;
  readonly op: ChangeOp;
  readonly changes: FieldChanges;
  /** The unit (administrative code) of the installation that made the change. */
  readonly unitCode: RegionCode;
  readonly actorRole: Role;
  /** Hybrid logical clock, formatted (hlc.ts); orders the log across installations. */
  readonly hlc: string;
  /** Epoch ms, for display. */
  readonly at: number;
  /** Why (required for 暂停 / 已关闭 / 已终止 / 未入选). */
  readonly note?: string;
  /** Groups the records of one operation (an import, an undo of an import) so it undoes as one. */
  readonly batchId?: string;
}

/** Entity id of the demo-data load/remove markers: local to one installation, never exchanged. */
export const DEMO_MARKER_ENTITY_ID = 'demo-data';

/** Record fields a diff skips by default: they change on every write and are not history. */
export const UNTRACKED_FIELDS: readonly string[] = ['updatedAt', 'version'];

// Field names from exchange files are untrusted: these would reach Object.prototype.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Deep equality of JSON-like values; `undefined` equals `null` (both mean absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  // Values are the entity's own JSON data; copy arrays/objects so the log never aliases live state.
  return typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as JsonValue) : (value as JsonValue);
}

/**
 * The changed fields between two versions of a record, with deep equality for arrays and objects.
 * `before` may be null (a creation). Fields in `ignore` (default {@link UNTRACKED_FIELDS}) are skipped.
 */
export function diffFields(
  before: object | null,
  after: object,
  ignore: readonly string[] = UNTRACKED_FIELDS,
): Record<string, FieldChange> {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (ignore.includes(key) || FORBIDDEN_KEYS.has(key)) continue;
    if (!deepEqual(a[key], b[key])) changes[key] = { old: toJson(a[key]), new: toJson(b[key]) };
  }
  return changes;
}

/** Does this record bring the entity into existence (a create, or an import of a new record)? */
export function isCreation(record: Pick<ChangeRecord, 'op' | 'changes'>): boolean {
  if (record.op === 'create') return true;
  const id = Object.hasOwn(record.changes, 'id') ? record.changes['id'] : undefined;
  return record.op === 'import' && id !== undefined && id.old === null;
}

/** What the caller supplies for a new record: shared has no clock, ids or settings. */
export interface ChangeStamp {
  readonly id: ChangeRecordId;
  readonly unitCode: RegionCode;
  readonly actorRole: Role;
  readonly hlc: string;
  readonly at: number;
  readonly note?: string;
  readonly batchId?: string;
}

/** The op that undoes another. */
const INVERSE_OP: Readonly<Record<ChangeOp, ChangeOp>> = {
  create: 'delete',
  update: 'update',
  status: 'status',
  delete: 'restore',
  restore: 'delete',
  import: 'update',
};

/**
 * The change that undoes `record`, to append to the log (history is never rewritten). A creation
 * is undone by a soft delete (`deletedAt` set to the stamp's time), anything else by swapping old
 * and new. Apply it with {@link applyChanges}, which refuses it if the record moved on since.
 */
export function invertChange(record: ChangeRecord, stamp: ChangeStamp): ChangeRecord {
  const changes: Record<string, FieldChange> = {};
  if (isCreation(record)) {
    changes['deletedAt'] = { old: null, new: stamp.at };
  } else {
    for (const [field, change] of Object.entries(record.changes)) {
      if (FORBIDDEN_KEYS.has(field)) continue;
      changes[field] = { old: change.new, new: change.old };
    }
  }
  const op = isCreation(record) ? 'delete' : INVERSE_OP[record.op];
  return {
    id: stamp.id,
    entity: record.entity,
    entityId: record.entityId,
    op,
    changes,
    unitCode: stamp.unitCode,
    actorRole: stamp.actorRole,
    hlc: stamp.hlc,
    at: stamp.at,
    ...(stamp.note !== undefined ? { note: stamp.note } : {}),
    ...(stamp.batchId !== undefined ? { batchId: stamp.batchId } : {}),
  };
}

/** Why changes cannot be applied. */
export type ApplyChangesError = 'conflict' | 'invalid-field';

/**
 * Applies a change record's new values to an entity, returning a new object. Each field's current
 * value must equal the record's `old` (else `conflict`, listing the fields) unless `isForced`;
 * field names that could reach the prototype are refused. Pass `{}` to build a created entity.
 */
export function applyChanges<T extends object>(
  entity: T,
  record: Pick<ChangeRecord, 'changes'>,
  options: { readonly isForced?: boolean } = {},
): DomainResult<T, ApplyChangesError> {
  const current = entity as Record<string, unknown>;
  const next: Record<string, unknown> = { ...current };
  const conflicts: string[] = [];
  for (const [field, change] of Object.entries(record.changes)) {
    if (FORBIDDEN_KEYS.has(field)) {
      return fail('invalid-field', { zh: `变更记录含有无效字段名“${field}”`, en: `The change record has an invalid field name "${field}"` });
    }
    if (!options.isForced && !deepEqual(current[field], change.old)) conflicts.push(field);
    next[field] = toJson(change.new);
  }
  if (conflicts.length > 0) {
    return fail(
      'conflict',
      {
        zh: `记录已被修改，以下字段与变更前的值不一致：${conflicts.join('、')}`,
        en: `The record has changed since; these fields no longer hold their previous values: ${conflicts.join(', ')}`,
      },
      conflicts,
    );
  }
  return { ok: true, value: next as T };
}
