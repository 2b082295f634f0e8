/**
 * The one write path of the register (issue 3 item 2). Every create, edit, status change, delete,
 * restore, undo and import runs in ONE read-write transaction over `scenarios`, `changes` and
 * `meta` that writes the record, its change record (who, when by HLC, what: field old/new) and
 * the moved clock and catalog sequence — all of it, or nothing.
 *
 * Refusals (invalid input, not the owner, a stale version …) are checked before anything is
 * written and are thrown as WriteRefused inside the transaction, so even a refusal found late
 * aborts whatever was already put. Storage errors become 'storage-full' / 'write-failed'.
 */
import {
  DEMO_MARKER_ENTITY_ID,
  applyChanges,
  diffFields,
  invertChange,
  UNTRACKED_FIELDS,
  type ChangeOp,
  type ChangeRecord,
  type ChangeRecordId,
  type FieldChange,
  type FieldChanges,
  type JsonValue,
} from '../../shared/domain/changeRecord';
import { fail } from '../../shared/domain/localizedText';
import {
  asScenarioId,
  canEditScenario,
  createScenario as buildScenario,
  scenarioInputFieldSchemas,
  updateScenario as buildUpdatedScenario,
  validateScenario,
  type FieldIssues,
  type Scenario,
  type ScenarioInputField,
} from '../../shared/domain/scenario';
import { regionSubtree } from '../../shared/domain/scenarioFilter';
import { checkStatusChange, scenarioStatusLabel, type ScenarioStatus } from '../../shared/domain/scenarioStatus';
import { isUuid } from '../../shared/domain/uuid';
import type { RegionCode, RegionIndex } from '../../shared/regions/regions';
import type { Role } from '../../shared/settings/settings';
import { toScenario, toScenarioRow, type AtlasDb, type ScenarioRow } from './atlasDb';
import { ChunkSizer, WRITE_CHUNK_SIZING, type ChunkSizerOptions } from './chunkSizer';
import { CatalogAllocator, issueHlcStamps, localHlcNode } from './metaStore';
import { addScenarioRows, catalogHolders, getScenarioRow, getScenarioRows, putScenarioRows, registerTables, ScenarioWriter } from './scenarioPages';
import { refuse, storageFailure, WriteRefused, type RowIssues, type WriteFailure, type WriteResult } from './writeFailure';

export type { RowIssues, WriteError, WriteFailure, WriteResult } from './writeFailure';

/** Who writes: this installation's unit and role (from settings). */
export interface Actor {
  readonly unitCode: RegionCode;
  readonly role: Role;
}

/** Everything a write needs from outside, injected so tests are deterministic. */
export interface WriteContext {
  readonly db: AtlasDb;
  readonly regions: RegionIndex;
  readonly actor: Actor;
  /** Epoch ms; `Date.now` in the app. */
  readonly now: () => number;
  /** A fresh UUID; `() => crypto.randomUUID()` in the app. */
  readonly newId: () => string;
}

/** A written scenario and its change record (null when the save changed nothing). */
export interface ScenarioWrite {
  readonly scenario: Scenario;
  readonly change: ChangeRecord | null;
  /** Validation warnings (not placed on the map, outside the chosen region) to show after saving. */
  readonly warnings: FieldIssues;
}

/** Form fields to change; missing fields keep their stored value. Other keys are ignored. */
export type ScenarioPatch = Partial<Record<ScenarioInputField, unknown>>;

/** Change records written by an undo, and the batch that groups them (so an undo can be undone). */
export interface UndoWrite {
  readonly batchId: string;
  readonly scenarios: readonly Scenario[];
  readonly changes: readonly ChangeRecord[];
}

/** What to undo: one change record, or every record of one operation (an import). */
export type UndoTarget = { readonly changeId: string } | { readonly batchId: string };

/** Options of {@link bulkImportScenarios}. */
export interface BulkImportOptions {
  /** Groups the import's change records: undo({ batchId }) takes the whole import back. */
  readonly batchId: string;
  /** 'keep' the rows' catalog numbers (refused if one is taken) or 'allocate' new ones. */
  readonly catalogNumbers: 'keep' | 'allocate';
}

/** The outcome of a bulk import. */
export interface BulkImportWrite {
  readonly batchId: string;
  readonly count: number;
}

/** Change-record entity id of the demo-data load/remove markers (demoRepository.ts); never a scenario. */
export const DEMO_ENTITY_ID = DEMO_MARKER_ENTITY_ID;

const INPUT_FIELDS = Object.keys(scenarioInputFieldSchemas) as ScenarioInputField[];
const MAX_ROW_ISSUES = 100;

// ---------------------------------------------------------------------------------------------
// Shared steps

/** Runs `body` in the write transaction; refusals and storage errors come back as values. */
export async function inWriteTransaction<T>(ctx: WriteContext, body: () => Promise<T>): Promise<WriteResult<T>> {
  const { db } = ctx;
  try {
    // Partners, pilots, applications and stars (issue 4) share the transaction: a pilot write may
    // read its scenario and partners, and an import writes partner and pilot together.
    const value = await db.transaction('rw', [...registerTables(db), db.changes, db.partners, db.pilots, db.applications, db.stars], body);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof WriteRefused) return error.failure;
    console.error('[db] write transaction failed; nothing was written', error);
    return storageFailure(error);
  }
}

function regionName(ctx: WriteContext, code: string): string {
  const region = ctx.regions.get(code);
  return region ? `${region.name}（${code}）` : code;
}

function assertMayWrite(ctx: WriteContext): void {
  if (ctx.actor.role === 'company') {
    refuse('read-only-role', {
      zh: '企业/科研机构用户只能浏览场景目录，不能登记或修改场景',
      en: 'Companies and institutes browse the catalog; they cannot log or edit scenarios',
    });
  }
}

function assertCanEdit(ctx: WriteContext, current: Scenario): void {
  assertMayWrite(ctx);
  if (!canEditScenario(current, ctx.actor.unitCode)) {
    refuse('not-owner', {
      zh: `该场景由${regionName(ctx, current.ownerUnitCode)}登记管理，本单位只能查看，不能修改`,
      en: `This scenario is owned by ${current.ownerUnitCode}; your unit can view it but not change it`,
    });
  }
}

/** A unit logs scenarios of its own region and the regions under it (DOMAIN.md "Who uses it"). */
function assertJurisdiction(ctx: WriteContext, regionCode: string): void {
  if (!regionSubtree(ctx.regions, ctx.actor.unitCode).has(regionCode)) {
    refuse('outside-jurisdiction', {
      zh: `本单位（${regionName(ctx, ctx.actor.unitCode)}）只能登记本地区及下辖地区的场景，${regionName(ctx, regionCode)}不在其中`,
      en: `Your unit (${ctx.actor.unitCode}) logs scenarios of its own region and those under it; ${regionCode} is not one of them`,
    });
  }
}

function assertVersion(current: Scenario, expectedVersion: number): void {
  if (current.version !== expectedVersion) {
    const failure = fail('version-conflict', {
      zh: `该场景已被修改（你编辑的是第 ${String(expectedVersion)} 版，现为第 ${String(current.version)} 版），可能来自另一个窗口。请查看最新内容后重新保存。`,
      en: `This scenario has changed since you opened it (you edited version ${String(expectedVersion)}, it is now ${String(current.version)}), perhaps in another window. Review the latest and save again.`,
    });
    throw new WriteRefused({ ...failure, current });
  }
}

function assertLive(current: Scenario): void {
  if (current.deletedAt !== null) {
    refuse('deleted', { zh: '该场景已删除，请先恢复再修改', en: 'This scenario is deleted; restore it before editing' });
  }
}

async function loadScenario(ctx: WriteContext, id: string): Promise<Scenario> {
  const row = await getScenarioRow(ctx.db, id);
  if (!row) refuse('not-found', { zh: '找不到该场景，可能已被移除', en: 'The scenario was not found; it may have been removed' });
  return toScenario(row);
}

function jsonOf(value: unknown): JsonValue {
  return typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as JsonValue) : ((value ?? null) as JsonValue);
}

/**
 * The changes of a record coming into existence: every tracked field, null ones included, so a
 * replica replaying the log (the exchange, issue 6) builds the whole record from this one entry.
 */
export function creationChanges(scenario: Scenario): FieldChanges {
  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(scenario)) {
    if (!UNTRACKED_FIELDS.includes(field)) changes[field] = { old: null, new: jsonOf(value) };
  }
  return changes;
}

interface ChangeDraft {
  readonly entityId: string;
  readonly op: ChangeOp;
  readonly changes: FieldChanges;
  readonly note?: string | null;
  readonly batchId?: string;
}

function changeRecord(ctx: WriteContext, draft: ChangeDraft, hlc: string, at: number): ChangeRecord {
  return {
    id: ctx.newId() as ChangeRecordId,
    entity: 'scenario',
    entityId: draft.entityId,
    op: draft.op,
    changes: draft.changes,
    unitCode: ctx.actor.unitCode,
    actorRole: ctx.actor.role,
    hlc,
    at,
    // Optional keys are left out rather than undefined: the log is plain JSON (changeRecord.ts).
    ...(draft.note ? { note: draft.note } : {}),
    ...(draft.batchId !== undefined ? { batchId: draft.batchId } : {}),
  };
}

/** Writes one record and its change record, stamping the HLC; inside the write transaction. */
async function commitOne(ctx: WriteContext, next: Scenario, draft: ChangeDraft, at: number, isNew: boolean): Promise<ChangeRecord> {
  const { db } = ctx;
  const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
  const [hlc] = await issueHlcStamps(db, node, at, 1);
  const change = changeRecord(ctx, draft, hlc as string, at);
  const row: ScenarioRow = toScenarioRow(next);
  if (isNew) await addScenarioRows(db, [row]);
  else await putScenarioRows(db, [row]);
  await db.changes.add(change);
  return change;
}

function yearOf(epochMs: number): number {
  // Local calendar year: the office's year is the one printed in the catalog number.
  return new Date(epochMs).getFullYear();
}

// ---------------------------------------------------------------------------------------------
// Operations

/** Logs a new scenario (状态 草稿, version 1) owned by the actor's unit, with a fresh catalog number. */
export async function createScenario(ctx: WriteContext, input: unknown, options: { readonly batchId?: string } = {}): Promise<WriteResult<ScenarioWrite>> {
  const validation = validateScenario(input, ctx.regions);
  return inWriteTransaction(ctx, async () => {
    assertMayWrite(ctx);
    if (!validation.ok) throw new WriteRefused(validation);
    assertJurisdiction(ctx, validation.value.regionCode);
    const now = ctx.now();
    const allocator = new CatalogAllocator(ctx.db);
    const catalogNumber = await allocator.takeChecked(validation.value.regionCode, yearOf(now));
    if (catalogNumber === null) {
      refuse('catalog-exhausted', {
        zh: `${regionName(ctx, validation.value.regionCode)}今年的场景编号已用完（每年最多 9999 个）`,
        en: `Region ${validation.value.regionCode} has used all 9999 catalog numbers for this year`,
      });
    }
    const scenario = buildScenario(validation.value, {
      id: asScenarioId(ctx.newId()),
      catalogNumber,
      ownerUnitCode: ctx.actor.unitCode,
      now,
    });
    const change = await commitOne(ctx, scenario, { entityId: scenario.id, op: 'create', changes: creationChanges(scenario), ...(options.batchId ? { batchId: options.batchId } : {}) }, now, true);
    await allocator.flush();
    return { scenario, change, warnings: validation.warnings };
  });
}

/**
 * Saves an edit of the form fields. `expectedVersion` is the version the form was opened with: if
 * the record moved on since (another window), the save is refused with the current record.
 * Status, owner, number and metadata are not edited here.
 */
export async function updateScenario(ctx: WriteContext, id: string, patch: ScenarioPatch, expectedVersion: number): Promise<WriteResult<ScenarioWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadScenario(ctx, id);
    assertCanEdit(ctx, current);
    assertVersion(current, expectedVersion);
    assertLive(current);
    const merged: Record<string, unknown> = {};
    for (const field of INPUT_FIELDS) {
      merged[field] = Object.prototype.hasOwnProperty.call(patch, field) ? patch[field] : current[field];
    }
    const validation = validateScenario(merged, ctx.regions);
    if (!validation.ok) throw new WriteRefused(validation);
    if (validation.value.regionCode !== current.regionCode) assertJurisdiction(ctx, validation.value.regionCode);
    const now = ctx.now();
    const next = buildUpdatedScenario(current, validation.value, now);
    const changes = diffFields(current, next);
    if (Object.keys(changes).length === 0) return { scenario: current, change: null, warnings: validation.warnings };
    const change = await commitOne(ctx, next, { entityId: id, op: 'update', changes }, now, false);
    return { scenario: next, change, warnings: validation.warnings };
  });
}

/** Moves a scenario along an allowed status transition (DOMAIN.md), with the note 暂停/已关闭 require. */
export async function changeScenarioStatus(
  ctx: WriteContext,
  id: string,
  to: ScenarioStatus,
  note: string | null,
  expectedVersion: number,
): Promise<WriteResult<ScenarioWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadScenario(ctx, id);
    assertCanEdit(ctx, current);
    assertVersion(current, expectedVersion);
    assertLive(current);
    const checked = checkStatusChange({ from: current.status, to, note, suspendedFrom: current.suspendedFrom });
    if (!checked.ok) throw new WriteRefused(checked);
    const now = ctx.now();
    const next: Scenario = {
      ...current,
      status: checked.value.status,
      suspendedFrom: checked.value.suspendedFrom,
      updatedAt: now,
      version: current.version + 1,
    };
    const change = await commitOne(ctx, next, { entityId: id, op: 'status', changes: diffFields(current, next), note: checked.value.note }, now, false);
    return { scenario: next, change, warnings: {} };
  });
}

/** Soft-deletes a scenario (`deletedAt`); undo or {@link restoreScenario} brings it back. */
export async function deleteScenario(ctx: WriteContext, id: string, expectedVersion: number, note: string | null = null): Promise<WriteResult<ScenarioWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadScenario(ctx, id);
    assertCanEdit(ctx, current);
    assertVersion(current, expectedVersion);
    if (current.deletedAt !== null) refuse('already-deleted', { zh: '该场景已删除', en: 'This scenario is already deleted' });
    const now = ctx.now();
    const next: Scenario = { ...current, deletedAt: now, updatedAt: now, version: current.version + 1 };
    const change = await commitOne(ctx, next, { entityId: id, op: 'delete', changes: diffFields(current, next), note: note?.trim() || null }, now, false);
    return { scenario: next, change, warnings: {} };
  });
}

/** Brings a soft-deleted scenario back (its catalog number was never given away). */
export async function restoreScenario(ctx: WriteContext, id: string, expectedVersion: number): Promise<WriteResult<ScenarioWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadScenario(ctx, id);
    assertCanEdit(ctx, current);
    assertVersion(current, expectedVersion);
    if (current.deletedAt === null) refuse('not-deleted', { zh: '该场景未被删除，无需恢复', en: 'This scenario is not deleted' });
    const now = ctx.now();
    const next: Scenario = { ...current, deletedAt: null, updatedAt: now, version: current.version + 1 };
    const change = await commitOne(ctx, next, { entityId: id, op: 'restore', changes: diffFields(current, next) }, now, false);
    return { scenario: next, change, warnings: {} };
  });
}

/**
 * Undoes one change or every change of one operation by APPENDING their inverses (history is never
 * rewritten): a creation is undone by a soft delete, anything else by writing the old values back.
 * Refused ('undo-conflict', fields in `details`) if a field has changed since; a status change is
 * undone even where the status table has no such move (the undo is the record of why). The
 * inverses share a new batchId, so the undo itself can be undone.
 */
export async function undo(ctx: WriteContext, target: UndoTarget, note: string | null = null): Promise<WriteResult<UndoWrite>> {
  return inWriteTransaction(ctx, async () => {
    const { db } = ctx;
    const found =
      'changeId' in target
        ? [await db.changes.get(target.changeId)].filter((record): record is ChangeRecord => record !== undefined)
        : await db.changes.where('batchId').equals(target.batchId).toArray();
    if (found.length === 0) refuse('nothing-to-undo', NOTHING_TO_UNDO);
    found.forEach(assertUndoable);
    // Newest first, so several changes of one record unwind in reverse order.
    const records = [...found].sort(newestFirst);
    const now = ctx.now();
    const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
    const stamps = await issueHlcStamps(db, node, now, records.length);
    const batchId = ctx.newId();
    // One bulkGet, not an await per record: see CatalogAllocator on long await chains.
    const working = await loadWorking(ctx, records);
    const inverses = invertInto(ctx, records, working, { stamps, now, batchId, note });
    const scenarios = [...new Set(records.map((record) => record.entityId))].map((id) => working.get(id) as Scenario);
    await putScenarioRows(db, scenarios.map(toScenarioRow));
    await db.changes.bulkAdd(inverses);
    return { batchId, scenarios, changes: inverses };
  });
}

/** Options of {@link undoBatch}. */
export interface UndoBatchOptions {
  /** Change records undone so far, of `total`, after each chunk. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Records per chunk, every chunk (for tests). Default: chunks sized to a time budget (chunkSizer.ts). */
  readonly chunkRows?: number;
}

/** The outcome of {@link undoBatch}: the batch of the inverses, and how many change records were undone. */
export interface UndoBatchWrite {
  readonly batchId: string;
  readonly undone: number;
}

/** Change records read per request while {@link undoBatch} orders a batch. */
const UNDO_ORDER_CHUNK = 500;

/**
 * Chunks of {@link undoBatch}: the time budget of any long write, at most 500 records — a chunk's
 * change records and scenarios are also read (decoded outside the budget), and big chunks alive
 * across young-generation collections get promoted, whose collection later blocks the page.
 */
const UNDO_CHUNK_SIZING: ChunkSizerOptions = { ...WRITE_CHUNK_SIZING, max: 500 };

/**
 * Undoes every change of one operation like {@link undo}, in ONE transaction but in chunks (issue 5:
 * undoing a 100k-row import must not block the page for seconds, nor hold 100k records at once).
 * First the batch's records are read a chunk at a time to order them (only key and stamp kept),
 * then they are inverted and written a chunk at a time, each chunk's requests awaited before the
 * next is built; a record changed twice in the batch sees its first inverse, written by then.
 */
export async function undoBatch(ctx: WriteContext, sourceBatchId: string, options: UndoBatchOptions = {}): Promise<WriteResult<UndoBatchWrite>> {
  return inWriteTransaction(ctx, async () => {
    const { db } = ctx;
    const keys = await db.changes.where('batchId').equals(sourceBatchId).primaryKeys();
    if (keys.length === 0) refuse('nothing-to-undo', NOTHING_TO_UNDO);
    const order: { readonly id: string; readonly hlc: string }[] = [];
    for (let start = 0; start < keys.length; start += UNDO_ORDER_CHUNK) {
      for (const record of await db.changes.bulkGet(keys.slice(start, start + UNDO_ORDER_CHUNK))) {
        if (!record) continue;
        assertUndoable(record);
        order.push({ id: record.id, hlc: record.hlc });
      }
    }
    order.sort(newestFirst);
    const now = ctx.now();
    const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
    const batchId = ctx.newId();
    const fixed = options.chunkRows === undefined ? null : Math.max(1, Math.floor(options.chunkRows));
    const sizer = fixed === null ? new ChunkSizer(UNDO_CHUNK_SIZING) : null;
    options.onProgress?.(0, order.length);
    // Each scenario page is put once, after the last chunk; a chunk reads the earlier ones' rows through it.
    const pages = new ScenarioWriter(db);
    for (let done = 0; done < order.length; ) {
      const ids = order.slice(done, done + (sizer?.size ?? (fixed as number))).map((entry) => entry.id);
      const records = (await db.changes.bulkGet(ids)).filter((record): record is ChangeRecord => record !== undefined);
      // Stamps a chunk at a time: each call continues the clock the previous one persisted.
      const stamps = await issueHlcStamps(db, node, now, records.length);
      const working = await loadWorking(ctx, records, pages);
      const began = performance.now();
      const inverses = invertInto(ctx, records, working, { stamps, now, batchId, note: null });
      const scenarios = [...new Set(records.map((record) => record.entityId))].map((id) => working.get(id) as Scenario);
      // The rows wait in `pages` (put after the last chunk); the inverses go now.
      await pages.put(scenarios.map(toScenarioRow));
      const landed = db.changes.bulkAdd(inverses);
      sizer?.record(ids.length, performance.now() - began);
      await landed;
      done += ids.length;
      options.onProgress?.(done, order.length);
    }
    await pages.flush();
    return { batchId, undone: order.length };
  });
}

const NOTHING_TO_UNDO = { zh: '找不到要撤销的修改记录', en: 'The change to undo was not found' } as const;

function newestFirst(a: { readonly hlc: string }, b: { readonly hlc: string }): number {
  return a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0;
}

function assertUndoable(record: ChangeRecord): void {
  if (record.entity !== 'scenario' || record.entityId === DEMO_ENTITY_ID) {
    refuse('not-undoable', {
      zh: record.entityId === DEMO_ENTITY_ID ? '演示数据请用“移除演示数据”一次移除' : '该类修改暂不支持撤销',
      en: record.entityId === DEMO_ENTITY_ID ? 'Use "Remove demo data" to remove the demo data' : 'This kind of change cannot be undone yet',
    });
  }
}

/** The current records the change records touch, by id (one read), through `pages` when writes wait in it. */
async function loadWorking(ctx: WriteContext, records: readonly ChangeRecord[], pages?: ScenarioWriter): Promise<Map<string, Scenario>> {
  const entityIds = [...new Set(records.map((record) => record.entityId))];
  const working = new Map<string, Scenario>();
  (await (pages ? pages.rows(entityIds) : getScenarioRows(ctx.db, entityIds))).forEach((row) => {
    if (row) working.set(row.id, toScenario(row));
  });
  return working;
}

/**
 * The inverses of `records` (newest first), applied to `working` in place; refuses when a record
 * is gone, not ours, or changed since (undo-conflict).
 */
function invertInto(
  ctx: WriteContext,
  records: readonly ChangeRecord[],
  working: Map<string, Scenario>,
  stamp: { readonly stamps: readonly string[]; readonly now: number; readonly batchId: string; readonly note: string | null },
): ChangeRecord[] {
  const { now, note } = stamp;
  const inverses: ChangeRecord[] = [];
  for (const [index, record] of records.entries()) {
    const current = working.get(record.entityId);
    if (!current) refuse('not-found', { zh: '找不到要撤销的场景，可能已被移除', en: 'The scenario to undo was not found; it may have been removed' });
    assertCanEdit(ctx, current);
    const inverse = invertChange(record, {
      id: ctx.newId() as ChangeRecordId,
      unitCode: ctx.actor.unitCode,
      actorRole: ctx.actor.role,
      hlc: stamp.stamps[index] as string,
      at: now,
      note: note?.trim() || `撤销${OP_LABELS[record.op]}`,
      batchId: stamp.batchId,
    });
    const applied = applyChanges(current, inverse);
    if (!applied.ok) {
      refuse(
        'undo-conflict',
        { zh: `无法撤销：${applied.text.zh}`, en: `Cannot undo: ${applied.text.en}` },
        applied.details,
      );
    }
    working.set(record.entityId, { ...applied.value, updatedAt: now, version: current.version + 1 });
    inverses.push(inverse);
  }
  return inverses;
}

const OP_LABELS: Readonly<Record<ChangeOp, string>> = {
  create: '新建',
  update: '修改',
  status: '状态变更',
  delete: '删除',
  restore: '恢复',
  import: '导入',
};

function rowMetadataIssues(row: Scenario): string | null {
  if (!isUuid(row.id)) return 'id';
  if (!/^\d{6}$/.test(row.ownerUnitCode)) return 'ownerUnitCode';
  if (!Number.isSafeInteger(row.version) || row.version < 1) return 'version';
  try {
    scenarioStatusLabel(row.status);
  } catch {
    // scenarioStatusLabel throws on an unknown key; here that is a bad row, not a bug.
    return 'status';
  }
  return null;
}

/**
 * Imports whole records (the spreadsheet import; the exchange has its own merge) in ONE
 * transaction with ONE batchId: every row is validated first and the import is all or nothing —
 * any invalid row refuses all ('invalid-rows', up to 100 rows listed). Rows keep their owner (the
 * caller sets it) and get one 'import' change record each. Existing ids are refused.
 */
export async function bulkImportScenarios(ctx: WriteContext, rows: readonly Scenario[], options: BulkImportOptions): Promise<WriteResult<BulkImportWrite>> {
  const issues: RowIssues[] = [];
  let invalidCount = 0;
  rows.forEach((row, index) => {
    const validation = validateScenario(row, ctx.regions);
    const badMeta = rowMetadataIssues(row);
    if (validation.ok && badMeta === null) return;
    invalidCount += 1;
    if (issues.length < MAX_ROW_ISSUES) issues.push({ index, errors: validation.ok ? {} : validation.errors });
  });
  return inWriteTransaction(ctx, async () => {
    assertMayWrite(ctx);
    if (invalidCount > 0) {
      const failure = fail('invalid-rows', {
        zh: `有 ${String(invalidCount)} 行数据需要修改，本次未导入任何数据`,
        en: `${String(invalidCount)} rows need correcting; nothing was imported`,
      });
      throw new WriteRefused({ ...failure, rows: issues } satisfies WriteFailure);
    }
    const { db } = ctx;
    const ids = rows.map((row) => row.id);
    if (new Set(ids).size !== ids.length) refuse('duplicate-id', { zh: '导入数据中有重复的记录标识', en: 'The import repeats a record id' });
    const existing = (await getScenarioRows(db, ids)).filter((row) => row !== undefined);
    if (existing.length > 0) {
      refuse(
        'duplicate-id',
        { zh: `有 ${String(existing.length)} 条记录已存在，本次未导入任何数据`, en: `${String(existing.length)} records already exist; nothing was imported` },
        existing.slice(0, 20).map((row) => row.catalogNumber),
      );
    }
    const now = ctx.now();
    const allocator = new CatalogAllocator(db);
    const numbered: Scenario[] = [];
    if (options.catalogNumbers === 'keep') {
      const numbers = rows.map((row) => row.catalogNumber);
      const taken = [...(await catalogHolders(db, numbers)).keys()];
      if (taken.length > 0 || new Set(numbers).size !== numbers.length) {
        refuse(
          'duplicate-catalog-number',
          { zh: '导入数据的场景编号与已有记录重复，本次未导入任何数据', en: 'Catalog numbers of the import are already taken; nothing was imported' },
          taken.slice(0, 20).map(String),
        );
      }
      await allocator.prepare([], numbers);
      for (const row of rows) allocator.reserve(row.catalogNumber);
      numbered.push(...rows);
    } else {
      const year = yearOf(now);
      await allocator.prepare(rows.map((row) => [row.regionCode, year] as const));
      for (const row of rows) {
        const catalogNumber = allocator.take(row.regionCode, year);
        if (catalogNumber === null) refuse('catalog-exhausted', { zh: `${regionName(ctx, row.regionCode)}今年的场景编号已用完`, en: `Region ${row.regionCode} has no catalog numbers left this year` });
        numbered.push({ ...row, catalogNumber });
      }
    }
    const node = await localHlcNode(db, ctx.actor.unitCode, ctx.newId);
    const stamps = await issueHlcStamps(db, node, now, numbered.length);
    const changes = numbered.map((row, index) =>
      changeRecord(ctx, { entityId: row.id, op: 'import', changes: creationChanges(row), batchId: options.batchId }, stamps[index] as string, now),
    );
    await addScenarioRows(db, numbered.map(toScenarioRow));
    await db.changes.bulkAdd(changes);
    await allocator.flush();
    return { batchId: options.batchId, count: numbered.length };
  });
}
