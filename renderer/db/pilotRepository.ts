/**
 * Pilot projects (试点项目, issue 4): reads, and writes through the one write path. A pilot
 * belongs to the unit that owns its scenario: only that unit creates and edits it, other units
 * read it, the company role writes nothing. Stage moves follow DOMAIN.md (shared pilotStage.ts)
 * and must meet what the target stage needs (shared stageRequirements); the fields a move needs
 * may be filled in by the same write, so the board's dialog saves both or neither.
 */
import { diffFields, type ChangeRecord } from '../../shared/domain/changeRecord';
import type { Scenario } from '../../shared/domain/scenario';
import type { ApplicationField, PilotStage } from '../../shared/domain/vocabulary';
import { applicationPartnerInput, applicationPilotInput, type ApplicationFile } from '../../shared/partners/application';
import {
  asPilotId,
  checkPilotStageMove,
  createPilot as buildPilot,
  nextProjectNumber,
  pilotInputFieldSchemas,
  updatePilot as buildUpdatedPilot,
  validatePilot,
  type Pilot,
  type PilotInputField,
  type PilotValidationContext,
} from '../../shared/partners/pilot';
import type { Partner } from '../../shared/partners/partner';
import { freePartnerSlots, scenarioStatusOffer, type ScenarioStatusOffer } from '../../shared/partners/scenarioOffer';
import { toPartner, toPilot, toPilotRow, toScenario, type AtlasDb, type ScenarioRow } from './atlasDb';
import { addEntityChanges, entityCreationChanges } from './entityChange';
import { assertOfficeRole, findPartnerByCreditCode, insertPartner } from './partnerRepository';
import { inWriteTransaction, type WriteContext, type WriteResult } from './writePath';
import { refuse, WriteRefused } from './writeFailure';
import { getScenarioRow, getScenarioRows } from './scenarioPages';

/** A written pilot, its change record (null when nothing changed) and validation warnings. */
export interface PilotWrite {
  readonly pilot: Pilot;
  readonly change: ChangeRecord | null;
  readonly warnings: ReturnType<typeof validatePilot>['warnings'];
}

/** A stage move, and the scenario status change to offer because of it (null when none). */
export interface PilotStageWrite extends PilotWrite {
  readonly offer: ScenarioStatusOffer | null;
}

/** An application imported as a pilot at 申报, with its partner (registered now or found by credit code). */
export interface ApplicationImportWrite {
  readonly pilot: Pilot;
  readonly partner: Partner;
  /** True when the organisation was not yet a partner and was registered by this import. */
  readonly isNewPartner: boolean;
  readonly batchId: string;
}

/** Form fields to change; missing fields keep their stored value. `scenarioId` cannot change. */
export type PilotPatch = Partial<Record<PilotInputField, unknown>>;

const INPUT_FIELDS = Object.keys(pilotInputFieldSchemas) as PilotInputField[];
// Project numbers: one sequence per (scenario region, year) in meta, like catalog numbers.
const PROJECT_SEQUENCE_PREFIX = 'pilotSeq:';

// ---------------------------------------------------------------------------------------------
// Reads

/** One pilot (deleted ones too), or undefined. */
export async function getPilot(db: AtlasDb, id: string): Promise<Pilot | undefined> {
  const row = await db.pilots.get(id);
  return row ? toPilot(row) : undefined;
}

/** Every live pilot, newest first. */
export async function listPilots(db: AtlasDb): Promise<Pilot[]> {
  const rows = await db.pilots.where('deletedFlag').equals(0).toArray();
  return rows.map(toPilot).sort((a, b) => b.createdAt - a.createdAt);
}

/** The live pilots of one scenario, oldest first. */
export async function listScenarioPilots(db: AtlasDb, scenarioId: string): Promise<Pilot[]> {
  const rows = await db.pilots.where('scenarioId').equals(scenarioId).toArray();
  return rows
    .filter((row) => row.deletedFlag === 0)
    .map(toPilot)
    .sort((a, b) => a.createdAt - b.createdAt);
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Today in the office's calendar, YYYY-MM-DD (overdue milestones, "date in the future" warnings). */
export function localIsoDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function unitName(ctx: WriteContext, code: string): string {
  const region = ctx.regions.get(code);
  return region ? `${region.name}（${code}）` : code;
}

function assertOwnsScenario(ctx: WriteContext, scenario: Scenario): void {
  assertOfficeRole(ctx);
  if (scenario.ownerUnitCode !== ctx.actor.unitCode) {
    refuse('not-owner', {
      zh: `场景“${scenario.title}”由${unitName(ctx, scenario.ownerUnitCode)}登记管理，其试点项目也由该单位维护，本单位只能查看`,
      en: `Scenario "${scenario.title}" is kept by unit ${scenario.ownerUnitCode}, and so are its pilots; your unit can view them only`,
    });
  }
  if (scenario.deletedAt !== null) {
    refuse('deleted', { zh: `场景“${scenario.title}”已删除，不能新建或修改其试点`, en: `Scenario "${scenario.title}" is deleted; its pilots cannot change` });
  }
}

function assertOwnsPilot(ctx: WriteContext, pilot: Pilot): void {
  assertOfficeRole(ctx);
  if (pilot.ownerUnitCode !== ctx.actor.unitCode) {
    refuse('not-owner', {
      zh: `试点项目“${pilot.title}”由${unitName(ctx, pilot.ownerUnitCode)}维护，本单位只能查看，不能修改`,
      en: `Pilot "${pilot.title}" is kept by unit ${pilot.ownerUnitCode}; your unit can view it but not change it`,
    });
  }
}

function assertPilotVersion(pilot: Pilot, expectedVersion: number): void {
  if (pilot.version !== expectedVersion) {
    refuse('record-changed', {
      zh: `试点项目“${pilot.title}”已被修改（你编辑的是第 ${String(expectedVersion)} 版，现为第 ${String(pilot.version)} 版），请查看最新内容后重新保存`,
      en: `Pilot "${pilot.title}" has changed since you opened it (version ${String(expectedVersion)}, now ${String(pilot.version)}); review the latest and save again`,
    });
  }
}

async function loadPilot(ctx: WriteContext, id: string): Promise<Pilot> {
  const row = await ctx.db.pilots.get(id);
  if (!row) refuse('not-found', { zh: '找不到该试点项目，可能已被移除', en: 'The pilot was not found; it may have been removed' });
  const pilot = toPilot(row);
  if (pilot.deletedAt !== null) refuse('deleted', { zh: '该试点项目已删除', en: 'This pilot is deleted' });
  return pilot;
}

async function loadScenarioOf(ctx: WriteContext, scenarioId: unknown): Promise<Scenario | undefined> {
  if (typeof scenarioId !== 'string') return undefined;
  const row = await getScenarioRow(ctx.db, scenarioId);
  return row ? toScenario(row) : undefined;
}

/** The lookups validatePilot needs, preloaded: the scenario (live only) and the partners the input names. */
async function validationContext(ctx: WriteContext, input: Record<string, unknown>, scenario: Scenario | undefined): Promise<PilotValidationContext> {
  const named = Array.isArray(input['partners'])
    ? (input['partners'] as unknown[])
        .map((p) => (typeof p === 'object' && p !== null ? (p as Record<string, unknown>)['partnerId'] : undefined))
        .filter((id): id is string => typeof id === 'string')
    : [];
  const rows = named.length > 0 ? await ctx.db.partners.bulkGet(named) : [];
  const live = new Set<string>();
  for (const row of rows) if (row !== undefined && row.deletedFlag === 0) live.add(row.id);
  return {
    findScenario: (id) => (scenario && scenario.id === id && scenario.deletedAt === null ? scenario : undefined),
    hasPartner: (id) => live.has(id),
    today: localIsoDate(ctx.now()),
  };
}

async function allocateProjectNumber(ctx: WriteContext, regionCode: string, year: number): Promise<string> {
  const key = `${PROJECT_SEQUENCE_PREFIX}${regionCode}:${String(year)}`;
  const stored = (await ctx.db.meta.get(key))?.value;
  let sequence = typeof stored === 'number' && Number.isInteger(stored) ? stored : 0;
  // The meta sequence is the fast path; the unique index catches numbers that arrived another way.
  for (;;) {
    const next = nextProjectNumber(regionCode, year, sequence);
    if (!next.ok) {
      refuse('project-number-exhausted', {
        zh: `${unitName(ctx, regionCode)}今年的项目编号已用完（每年最多 9999 个）`,
        en: `Region ${regionCode} has used all 9999 project numbers for this year`,
      });
    }
    sequence += 1;
    if ((await ctx.db.pilots.where('projectNumber').equals(next.value).count()) === 0) {
      await ctx.db.meta.put({ key, value: sequence });
      return next.value;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Validates and adds a pilot at stage 申报 with its change record; only inside a write
 * transaction. The scenario must be live and owned by the actor's unit, which then owns the pilot.
 */
async function insertPilot(ctx: WriteContext, input: unknown, batchId?: string): Promise<PilotWrite> {
  assertOfficeRole(ctx);
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const scenario = await loadScenarioOf(ctx, raw['scenarioId']);
  if (scenario) assertOwnsScenario(ctx, scenario);
  const validation = validatePilot(raw, await validationContext(ctx, raw, scenario));
  if (!validation.ok) throw new WriteRefused(validation);
  if (!scenario) refuse('not-found', { zh: '关联场景不存在', en: 'The scenario does not exist' });
  const now = ctx.now();
  const projectNumber = await allocateProjectNumber(ctx, scenario.regionCode, new Date(now).getFullYear());
  const pilot = buildPilot(validation.value, { id: asPilotId(ctx.newId()), projectNumber, ownerUnitCode: scenario.ownerUnitCode, now });
  await ctx.db.pilots.add(toPilotRow(pilot));
  const [change] = await addEntityChanges(
    ctx,
    [{ entity: 'pilot', entityId: pilot.id, op: 'create', changes: entityCreationChanges(pilot), ...(batchId ? { batchId } : {}) }],
    now,
  );
  return { pilot, change: change ?? null, warnings: validation.warnings };
}

/** Creates a pilot (stage 申报, a new 项目编号) in a scenario the actor's unit owns. */
export async function createPilot(ctx: WriteContext, input: unknown, options: { readonly batchId?: string } = {}): Promise<WriteResult<PilotWrite>> {
  return inWriteTransaction(ctx, async () => insertPilot(ctx, input, options.batchId)); // async: see createPartner
}

async function mergedValidation(ctx: WriteContext, current: Pilot, patch: PilotPatch): Promise<{ scenario: Scenario; validation: Extract<ReturnType<typeof validatePilot>, { ok: true }> }> {
  const merged: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) {
    merged[field] = field !== 'scenarioId' && Object.hasOwn(patch, field) ? patch[field] : current[field];
  }
  const scenario = await loadScenarioOf(ctx, current.scenarioId);
  if (!scenario) refuse('not-found', { zh: '该试点的关联场景不存在', en: "The pilot's scenario does not exist" });
  const validation = validatePilot(merged, await validationContext(ctx, merged, scenario));
  if (!validation.ok) throw new WriteRefused(validation);
  return { scenario, validation };
}

/**
 * Saves an edit of a pilot's fields (milestones, indicators, IP outcomes, registration and ethics,
 * dates, partners …). The stage changes only through {@link changePilotStage}.
 */
export async function updatePilot(ctx: WriteContext, id: string, patch: PilotPatch, expectedVersion: number): Promise<WriteResult<PilotWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadPilot(ctx, id);
    assertOwnsPilot(ctx, current);
    assertPilotVersion(current, expectedVersion);
    const { validation } = await mergedValidation(ctx, current, patch);
    const now = ctx.now();
    const next = buildUpdatedPilot(current, validation.value, now);
    const changes = diffFields(current, next);
    if (Object.keys(changes).length === 0) return { pilot: current, change: null, warnings: validation.warnings };
    await ctx.db.pilots.put(toPilotRow(next));
    const [change] = await addEntityChanges(ctx, [{ entity: 'pilot', entityId: id, op: 'update', changes }], now);
    return { pilot: next, change: change ?? null, warnings: validation.warnings };
  });
}

/**
 * Moves a pilot to stage `to` (DOMAIN.md's moves only; 已终止 and 未入选 need a note), saving in
 * the same write the fields `patch` fills in for what the stage needs. Recorded as one 'status'
 * change with the note, like a scenario's status change. Returns the scenario status change to
 * offer (已签约 → 已对接, 实施中 → 试点中) — offered, never applied here.
 */
export async function changePilotStage(
  ctx: WriteContext,
  id: string,
  to: PilotStage,
  options: { readonly note?: string | null; readonly patch?: PilotPatch },
  expectedVersion: number,
): Promise<WriteResult<PilotStageWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadPilot(ctx, id);
    assertOwnsPilot(ctx, current);
    assertPilotVersion(current, expectedVersion);
    const { scenario, validation } = await mergedValidation(ctx, current, options.patch ?? {});
    const move = checkPilotStageMove({ ...validation.value, stage: current.stage }, to, options.note ?? null, {
      scenarioField: scenario.field as ApplicationField,
    });
    if (!move.ok) throw new WriteRefused(move);
    const now = ctx.now();
    const next: Pilot = { ...buildUpdatedPilot(current, validation.value, now), stage: move.value.stage };
    await ctx.db.pilots.put(toPilotRow(next));
    const [change] = await addEntityChanges(ctx, [{ entity: 'pilot', entityId: id, op: 'status', changes: diffFields(current, next), note: move.value.note }], now);
    const siblings = await ctx.db.pilots.where('scenarioId').equals(scenario.id).toArray();
    const pilots = siblings.map((row) => (row.id === next.id ? next : toPilot(row)));
    const offer = scenario.deletedAt === null ? scenarioStatusOffer(scenario, next.stage, freePartnerSlots(scenario, pilots)) : null;
    return { pilot: next, change: change ?? null, warnings: validation.warnings, offer };
  });
}

/** Soft-deletes a pilot (it gives its partner slot back). */
export async function deletePilot(ctx: WriteContext, id: string, expectedVersion: number, note: string | null = null): Promise<WriteResult<PilotWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadPilot(ctx, id);
    assertOwnsPilot(ctx, current);
    assertPilotVersion(current, expectedVersion);
    const now = ctx.now();
    const next: Pilot = { ...current, deletedAt: now, updatedAt: now, version: current.version + 1 };
    await ctx.db.pilots.put(toPilotRow(next));
    const [change] = await addEntityChanges(ctx, [{ entity: 'pilot', entityId: id, op: 'delete', changes: diffFields(current, next), note: note?.trim() || null }], now);
    return { pilot: next, change: change ?? null, warnings: {} };
  });
}

/**
 * Brings a soft-deleted pilot back (the undo of {@link deletePilot}). Refused when its scenario has
 * since been deleted or one of its partners has (the pilot would point at nobody), with nothing written.
 */
export async function restorePilot(ctx: WriteContext, id: string, expectedVersion: number): Promise<WriteResult<PilotWrite>> {
  return inWriteTransaction(ctx, async () => {
    const row = await ctx.db.pilots.get(id);
    if (!row) refuse('not-found', { zh: '找不到该试点项目，可能已被移除', en: 'The pilot was not found; it may have been removed' });
    const current = toPilot(row);
    assertOwnsPilot(ctx, current);
    assertPilotVersion(current, expectedVersion);
    if (current.deletedAt === null) refuse('not-deleted', { zh: '该试点项目未被删除', en: 'This pilot is not deleted' });
    const scenario = await loadScenarioOf(ctx, current.scenarioId);
    if (scenario) assertOwnsScenario(ctx, scenario);
    const { validation } = await mergedValidation(ctx, current, {});
    const now = ctx.now();
    const next: Pilot = { ...current, deletedAt: null, updatedAt: now, version: current.version + 1 };
    await ctx.db.pilots.put(toPilotRow(next));
    const [change] = await addEntityChanges(ctx, [{ entity: 'pilot', entityId: id, op: 'restore', changes: diffFields(current, next) }], now);
    return { pilot: next, change: change ?? null, warnings: validation.warnings };
  });
}

/**
 * Imports a company application (shared/partners/application.ts, already parsed by
 * parseApplicationFile) as a pilot at stage 申报 in ONE transaction with ONE batchId: the
 * organisation becomes the lead partner — the partner holding its credit code, or a new partner
 * (type 其他, to be corrected) — and the proposal the pilot's summary. Refused, with nothing
 * written, when the scenario is not the actor's, when that partner is deleted, or when the
 * organisation already has a live pilot in the scenario (importing the same file twice changes nothing).
 */
export async function importApplicationAsPilot(ctx: WriteContext, application: ApplicationFile): Promise<WriteResult<ApplicationImportWrite>> {
  return inWriteTransaction(ctx, async () => {
    assertOfficeRole(ctx);
    const scenario = await loadScenarioOf(ctx, application.scenarioId);
    if (!scenario || scenario.catalogNumber !== application.scenarioCatalogNumber) {
      refuse('not-found', {
        zh: `本台账中没有该合作意向所申请的场景（场景编号 ${application.scenarioCatalogNumber}）`,
        en: `This register has no scenario ${application.scenarioCatalogNumber} named by the application`,
      });
    }
    assertOwnsScenario(ctx, scenario);
    const batchId = ctx.newId();
    const found = await findPartnerByCreditCode(ctx.db, application.creditCode);
    if (found && found.deletedAt !== null) {
      refuse('deleted', {
        zh: `申请单位的统一社会信用代码属于已删除的伙伴单位“${found.name}”，请先恢复该单位再导入`,
        en: `The applicant's credit code belongs to the deleted partner "${found.name}"; restore it before importing`,
      });
    }
    if (found) {
      const taken = (await ctx.db.pilots.where('scenarioId').equals(scenario.id).toArray()).find(
        (row) => row.deletedFlag === 0 && row.partners.some((p) => p.partnerId === found.id),
      );
      if (taken) {
        refuse('duplicate-id', {
          zh: `“${found.name}”在该场景已有试点项目 ${taken.projectNumber}“${taken.title}”，本次未导入`,
          en: `"${found.name}" already has pilot ${taken.projectNumber} in this scenario; nothing was imported`,
        });
      }
    }
    const partner = found ?? (await insertPartner(ctx, applicationPartnerInput(application), { batchId })).partner;
    const input = applicationPilotInput(application, scenario, partner.id);
    const { pilot } = await insertPilot(ctx, input, batchId);
    return { pilot, partner, isNewPartner: found === undefined, batchId };
  });
}

/** Live partners by id, for showing a pilot's partner names. */
export async function partnersById(db: AtlasDb, ids: readonly string[]): Promise<Map<string, Partner>> {
  const rows = await db.partners.bulkGet([...new Set(ids)]);
  const map = new Map<string, Partner>();
  for (const row of rows) if (row) map.set(row.id, toPartner(row));
  return map;
}

/** Scenarios by id (deleted ones too), for the pilots' scenario titles, fields and status offers. */
export async function scenariosById(db: AtlasDb, ids: readonly string[]): Promise<Map<string, Scenario>> {
  const rows = await getScenarioRows(db, [...new Set(ids)]);
  const map = new Map<string, Scenario>();
  for (const row of rows) if (row) map.set(row.id, toScenario(row));
  return map;
}

/** What the pilot form needs to offer a scenario: the live scenarios a unit owns, by catalog number. */
export interface OwnedScenarioRef {
  readonly id: string;
  readonly catalogNumber: string;
  readonly title: string;
  readonly field: Scenario['field'];
  readonly techDirections: Scenario['techDirections'];
}

/** The live scenarios of `rows` that `unitCode` owns (the only ones it may add pilots to), newest number first. */
export function ownedScenarioRefs(rows: Iterable<ScenarioRow>, unitCode: string): OwnedScenarioRef[] {
  const owned: OwnedScenarioRef[] = [];
  for (const row of rows) {
    if (row.ownerUnitCode === unitCode && row.deletedFlag === 0) owned.push({ id: row.id, catalogNumber: row.catalogNumber, title: row.title, field: row.field, techDirections: row.techDirections });
  }
  return owned.sort((a, b) => (a.catalogNumber < b.catalogNumber ? 1 : -1));
}
