/**
 * What resolving a conflict-queue entry writes, per kind of record (issue 6 item 4): the chosen
 * value of the field goes through the record's own write path (so it is validated, logged and
 * travels like any edit), a delete-vs-edit is settled by restoring or leaving the record deleted.
 * Runs inside the caller's transaction; a refusal throws {@link WriteRefused}.
 */
import { deepEqual, type JsonValue } from '../../shared/domain/changeRecord';
import { scenarioInputFieldSchemas } from '../../shared/domain/scenario';
import type { ScenarioStatus } from '../../shared/domain/scenarioStatus';
import type { PilotStage } from '../../shared/domain/vocabulary';
import { partnerInputFieldSchemas, type Partner } from '../../shared/partners/partner';
import { pilotInputFieldSchemas } from '../../shared/partners/pilot';
import { toPartner, toPilot, toScenario } from './atlasDb';
import type { ConflictRow } from './exchangeRows';
import { restorePartner, updatePartner } from './partnerRepository';
import { changePilotStage, restorePilot, updatePilot } from './pilotRepository';
import { refuse, type WriteResult } from './writeFailure';
import { changeScenarioStatus, restoreScenario, updateScenario, type WriteContext } from './writePath';
import { getScenarioRow } from './scenarioPages';

/** How the user settles a conflict queue entry. */
export type ConflictChoice =
  /** Keep or write this value of the field (the local, the incoming or an edited one). */
  | { readonly kind: 'value'; readonly value: JsonValue; readonly label: 'local' | 'incoming' | 'edited' }
  /** Delete vs edit: bring the deleted record back (with the edit). */
  | { readonly kind: 'restore' }
  /** Delete vs edit: leave it deleted. */
  | { readonly kind: 'keep-deleted' };

/** The write a choice made (null when the record already held the chosen value) and how the entry is marked. */
export interface ConflictOutcome {
  readonly result: WriteResult<unknown> | null;
  readonly resolution: string;
}

const SCENARIO_FIELDS = new Set<string>(Object.keys(scenarioInputFieldSchemas));
const PILOT_FIELDS = new Set<string>(Object.keys(pilotInputFieldSchemas));
const PARTNER_FIELDS = Object.keys(partnerInputFieldSchemas) as (keyof typeof partnerInputFieldSchemas)[];
/** The note on a status or stage change made from the queue. */
const RESOLUTION_NOTE = '处理冲突';

/** The state of one record the resolution needs: deleted or not, the held value, and how to write. */
interface ConflictTarget {
  readonly isDeleted: boolean;
  readonly held: JsonValue;
  readonly restore: () => Promise<WriteResult<unknown>>;
  /** Writes `value` into the conflict's field; refuses a field the queue cannot change. */
  readonly write: (value: JsonValue) => Promise<WriteResult<unknown>>;
}

function fieldNotEditable(field: string): never {
  refuse('not-found', { zh: `字段“${field}”不能在冲突队列中修改`, en: `The field "${field}" cannot be changed from the conflict queue` });
}

function missing(): never {
  refuse('not-found', { zh: '找不到冲突涉及的记录', en: 'The record of this conflict was not found' });
}

function heldValue(record: object, field: string): JsonValue {
  return (record as Record<string, JsonValue | undefined>)[field] ?? null;
}

async function scenarioTarget(ctx: WriteContext, conflict: ConflictRow): Promise<ConflictTarget> {
  const row = await getScenarioRow(ctx.db, conflict.entityId);
  if (!row) missing();
  const current = toScenario(row);
  return {
    isDeleted: current.deletedAt !== null,
    held: heldValue(current, conflict.field),
    restore: () => restoreScenario(ctx, current.id, current.version),
    write: (value) => {
      if (conflict.field === 'status' || conflict.field === 'suspendedFrom') {
        const to = conflict.field === 'status' ? value : current.status;
        return changeScenarioStatus(ctx, current.id, to as ScenarioStatus, RESOLUTION_NOTE, current.version);
      }
      if (!SCENARIO_FIELDS.has(conflict.field)) fieldNotEditable(conflict.field);
      return updateScenario(ctx, current.id, { [conflict.field]: value }, current.version);
    },
  };
}

async function pilotTarget(ctx: WriteContext, conflict: ConflictRow): Promise<ConflictTarget> {
  const row = await ctx.db.pilots.get(conflict.entityId);
  if (!row) missing();
  const current = toPilot(row);
  return {
    isDeleted: current.deletedAt !== null,
    held: heldValue(current, conflict.field),
    restore: () => restorePilot(ctx, current.id, current.version),
    write: (value) => {
      // A stage moves only along the pipeline's transitions, asking for what the target stage needs.
      if (conflict.field === 'stage') return changePilotStage(ctx, current.id, value as PilotStage, { note: RESOLUTION_NOTE }, current.version);
      if (!PILOT_FIELDS.has(conflict.field)) fieldNotEditable(conflict.field);
      return updatePilot(ctx, current.id, { [conflict.field]: value }, current.version);
    },
  };
}

/** A partner is saved as a whole form: its current fields with the chosen one replaced. */
function partnerInput(current: Partner, field: string, value: JsonValue): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of PARTNER_FIELDS) input[key] = current[key];
  input[field] = value;
  return input;
}

async function partnerTarget(ctx: WriteContext, conflict: ConflictRow): Promise<ConflictTarget> {
  const row = await ctx.db.partners.get(conflict.entityId);
  if (!row) missing();
  const current = toPartner(row);
  return {
    isDeleted: current.deletedAt !== null,
    held: heldValue(current, conflict.field),
    restore: () => restorePartner(ctx, current.id, current.version),
    write: (value) => {
      if (!(PARTNER_FIELDS as readonly string[]).includes(conflict.field)) fieldNotEditable(conflict.field);
      return updatePartner(ctx, current.id, partnerInput(current, conflict.field, value), current.version);
    },
  };
}

function targetOf(ctx: WriteContext, conflict: ConflictRow): Promise<ConflictTarget> {
  switch (conflict.entity) {
    case 'scenario':
      return scenarioTarget(ctx, conflict);
    case 'pilot':
      return pilotTarget(ctx, conflict);
    case 'partner':
      return partnerTarget(ctx, conflict);
    default:
      return refuse('not-found', {
        zh: '该类记录的冲突不能在本机处理',
        en: 'Conflicts on this kind of record cannot be resolved here',
      });
  }
}

/** Applies the user's choice to the conflict's record; nothing is written when it already holds the value. */
export async function applyConflictChoice(ctx: WriteContext, conflict: ConflictRow, choice: ConflictChoice): Promise<ConflictOutcome> {
  const target = await targetOf(ctx, conflict);
  if (choice.kind === 'keep-deleted') return { result: null, resolution: 'kept-deleted' };
  if (choice.kind === 'restore') return { result: target.isDeleted ? await target.restore() : null, resolution: 'restored' };
  if (deepEqual(target.held, choice.value)) return { result: null, resolution: choice.label };
  if (target.isDeleted) {
    refuse('deleted', { zh: '该记录已删除，请先恢复再处理字段冲突', en: 'This record is deleted; restore it before resolving a field conflict' });
  }
  return { result: await target.write(choice.value), resolution: choice.label };
}
