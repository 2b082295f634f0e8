/**
 * The change-log half of a partner or pilot write (issue 4): builds the change record of one
 * write and stamps it with the HLC. Runs inside inWriteTransaction (writePath.ts), which owns the
 * transaction; the caller puts the row in the same transaction, so record and log commit together.
 */
import {
  UNTRACKED_FIELDS,
  type ChangeEntity,
  type ChangeOp,
  type ChangeRecord,
  type ChangeRecordId,
  type FieldChange,
  type FieldChanges,
  type JsonValue,
} from '../../shared/domain/changeRecord';
import type { WriteContext } from './writePath';
import { issueHlcStamps, localHlcNode } from './metaStore';

/** What one change record says, before it is stamped. */
export interface EntityChangeDraft {
  readonly entity: ChangeEntity;
  readonly entityId: string;
  readonly op: ChangeOp;
  readonly changes: FieldChanges;
  readonly note?: string | null;
  readonly batchId?: string;
}

function jsonOf(value: unknown): JsonValue {
  if (value === undefined) return null;
  return typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as JsonValue) : (value as JsonValue);
}

/**
 * Every tracked field of a record coming into existence, null ones included, so a replica
 * replaying the log builds the whole record from this one entry (as creationChanges does for scenarios).
 */
export function entityCreationChanges(record: object): FieldChanges {
  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(record)) {
    if (!UNTRACKED_FIELDS.includes(field)) changes[field] = { old: null, new: jsonOf(value) };
  }
  return changes;
}

/** Stamps and adds change records for `drafts` (in order); inside the write transaction. */
export async function addEntityChanges(ctx: WriteContext, drafts: readonly EntityChangeDraft[], at: number): Promise<ChangeRecord[]> {
  if (drafts.length === 0) return [];
  const node = await localHlcNode(ctx.db, ctx.actor.unitCode, ctx.newId);
  const stamps = await issueHlcStamps(ctx.db, node, at, drafts.length);
  const records = drafts.map(
    (draft, index): ChangeRecord => ({
      id: ctx.newId() as ChangeRecordId,
      entity: draft.entity,
      entityId: draft.entityId,
      op: draft.op,
      changes: draft.changes,
      unitCode: ctx.actor.unitCode,
      actorRole: ctx.actor.role,
      hlc: stamps[index] as string,
      at,
      // Optional keys are left out rather than undefined: the log is plain JSON (changeRecord.ts).
      ...(draft.note ? { note: draft.note } : {}),
      ...(draft.batchId !== undefined ? { batchId: draft.batchId } : {}),
    }),
  );
  await ctx.db.changes.bulkAdd(records);
  return records;
}
