/**
 * Partner organisations (伙伴单位, issue 4): reads, and writes through the one write path —
 * every create, edit, delete and restore runs in inWriteTransaction with its change record.
 * One organisation once: a credit code held by another partner is refused naming that partner
 * (shared validatePartner), and the unique `creditCode` index guards the same rule underneath.
 */
import { diffFields } from '../../shared/domain/changeRecord';
import {
  asPartnerId,
  createPartner as buildPartner,
  updatePartner as buildUpdatedPartner,
  validatePartner,
  type ExistingPartnerRef,
  type Partner,
} from '../../shared/partners/partner';
import { normaliseCreditCode } from '../../shared/partners/creditCode';
import { fail } from '../../shared/domain/localizedText';
import { toPartner, toPartnerRow, type AtlasDb } from './atlasDb';
import { addEntityChanges, entityCreationChanges } from './entityChange';
import { inWriteTransaction, type WriteContext, type WriteResult } from './writePath';
import { refuse, WriteRefused } from './writeFailure';
import type { ChangeRecord } from '../../shared/domain/changeRecord';

/** A written partner and its change record (null when the save changed nothing). */
export interface PartnerWrite {
  readonly partner: Partner;
  readonly change: ChangeRecord | null;
}

// ---------------------------------------------------------------------------------------------
// Reads

/** One partner (deleted ones too), or undefined. */
export async function getPartner(db: AtlasDb, id: string): Promise<Partner | undefined> {
  const row = await db.partners.get(id);
  return row ? toPartner(row) : undefined;
}

/** Live partners, by name (zh collation); `includeDeleted` adds the soft-deleted ones. */
export async function listPartners(db: AtlasDb, options: { readonly includeDeleted?: boolean } = {}): Promise<Partner[]> {
  const rows = options.includeDeleted ? await db.partners.toArray() : await db.partners.where('deletedFlag').equals(0).toArray();
  return rows.map(toPartner).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The partner (live or deleted) holding a credit code, as typed or pasted; undefined when none. */
export async function findPartnerByCreditCode(db: AtlasDb, creditCode: string): Promise<Partner | undefined> {
  const code = normaliseCreditCode(creditCode);
  if (code === '') return undefined;
  const row = await db.partners.where('creditCode').equals(code).first();
  return row ? toPartner(row) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the writes

/** Companies and institutes browse; only offices keep the partner registry and pilots. */
export function assertOfficeRole(ctx: WriteContext): void {
  if (ctx.actor.role === 'company') {
    refuse('read-only-role', {
      zh: '企业/科研机构用户不能登记或修改伙伴单位和试点项目',
      en: 'Companies and institutes cannot register or edit partners and pilots',
    });
  }
}

function unitName(ctx: WriteContext, code: string): string {
  const region = ctx.regions.get(code);
  return region ? `${region.name}（${code}）` : code;
}

function assertOwnsPartner(ctx: WriteContext, partner: Partner): void {
  assertOfficeRole(ctx);
  if (partner.ownerUnitCode !== ctx.actor.unitCode) {
    refuse('not-owner', {
      zh: `伙伴单位“${partner.name}”由${unitName(ctx, partner.ownerUnitCode)}登记管理，本单位只能查看，不能修改`,
      en: `Partner "${partner.name}" is kept by unit ${partner.ownerUnitCode}; your unit can view it but not change it`,
    });
  }
}

function assertPartnerVersion(partner: Partner, expectedVersion: number): void {
  if (partner.version !== expectedVersion) {
    refuse('record-changed', {
      zh: `伙伴单位“${partner.name}”已被修改（你编辑的是第 ${String(expectedVersion)} 版，现为第 ${String(partner.version)} 版），请查看最新内容后重新保存`,
      en: `Partner "${partner.name}" has changed since you opened it (version ${String(expectedVersion)}, now ${String(partner.version)}); review the latest and save again`,
    });
  }
}

async function loadPartner(ctx: WriteContext, id: string): Promise<Partner> {
  const row = await ctx.db.partners.get(id);
  if (!row) refuse('not-found', { zh: '找不到该伙伴单位，可能已被移除', en: 'The partner was not found; it may have been removed' });
  return toPartner(row);
}

/**
 * Validates a partner form against the stored registry: the holder of the typed code (found by
 * the unique index, not by reading every partner) is the only possible duplicate. A code held by
 * a deleted partner is refused too — the index still holds it — with the way out: restore that one.
 */
export async function validatePartnerInRegistry(ctx: WriteContext, input: unknown, selfId?: Partner['id']): Promise<ReturnType<typeof validatePartner>> {
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const typed = typeof raw['creditCode'] === 'string' ? raw['creditCode'] : '';
  const holder = await findPartnerByCreditCode(ctx.db, typed);
  const existing = new Map<string, ExistingPartnerRef>();
  if (holder && holder.deletedAt === null) existing.set(holder.creditCode, { id: holder.id, name: holder.name });
  const validation = validatePartner(input, ctx.regions, existing, selfId);
  if (validation.ok && holder && holder.deletedAt !== null && holder.id !== selfId) {
    const failure = fail('invalid-partner', {
      zh: `该统一社会信用代码属于已删除的伙伴单位“${holder.name}”，请在“已删除”中恢复该单位，不要重复登记`,
      en: `This credit code belongs to the deleted partner "${holder.name}"; restore it from the deleted list instead of registering it again`,
    });
    return {
      ...failure,
      errors: { creditCode: [{ code: 'duplicate_credit_code', zh: failure.message, en: failure.text.en }] },
      duplicateOf: { id: holder.id, name: holder.name },
    };
  }
  return validation;
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Validates and adds a partner with its change record. Only inside a write transaction (it
 * throws WriteRefused to refuse); the application import calls it next to the pilot it creates.
 */
export async function insertPartner(ctx: WriteContext, input: unknown, options: { readonly batchId?: string } = {}): Promise<PartnerWrite> {
  assertOfficeRole(ctx);
  const validation = await validatePartnerInRegistry(ctx, input);
  if (!validation.ok) throw new WriteRefused(validation);
  const now = ctx.now();
  const partner = buildPartner(validation.value, { id: asPartnerId(ctx.newId()), ownerUnitCode: ctx.actor.unitCode, now });
  await ctx.db.partners.add(toPartnerRow(partner));
  const [change] = await addEntityChanges(
    ctx,
    [{ entity: 'partner', entityId: partner.id, op: 'create', changes: entityCreationChanges(partner), ...(options.batchId ? { batchId: options.batchId } : {}) }],
    now,
  );
  return { partner, change: change ?? null };
}

/** Registers a partner (version 1) owned by the actor's unit. */
export async function createPartner(ctx: WriteContext, input: unknown, options: { readonly batchId?: string } = {}): Promise<WriteResult<PartnerWrite>> {
  // An async arrow, not a plain one returning a promise: Dexie keeps the transaction alive across
  // native awaits only for scope functions it recognises as async.
  return inWriteTransaction(ctx, async () => insertPartner(ctx, input, options));
}

/** Saves an edit of a partner's form (every field; see PARTNER_FIELD_LABELS). */
export async function updatePartner(ctx: WriteContext, id: string, input: unknown, expectedVersion: number): Promise<WriteResult<PartnerWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadPartner(ctx, id);
    assertOwnsPartner(ctx, current);
    assertPartnerVersion(current, expectedVersion);
    if (current.deletedAt !== null) refuse('deleted', { zh: '该伙伴单位已删除，请先恢复再修改', en: 'This partner is deleted; restore it before editing' });
    const validation = await validatePartnerInRegistry(ctx, input, current.id);
    if (!validation.ok) throw new WriteRefused(validation);
    const now = ctx.now();
    const next = buildUpdatedPartner(current, validation.value, now);
    const changes = diffFields(current, next);
    if (Object.keys(changes).length === 0) return { partner: current, change: null };
    await ctx.db.partners.put(toPartnerRow(next));
    const [change] = await addEntityChanges(ctx, [{ entity: 'partner', entityId: id, op: 'update', changes }], now);
    return { partner: next, change: change ?? null };
  });
}

/**
 * Soft-deletes a partner. Refused while a live pilot names it: the pilot would point at nobody
 * (the message lists the pilots to change first).
 */
export async function deletePartner(ctx: WriteContext, id: string, expectedVersion: number): Promise<WriteResult<PartnerWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadPartner(ctx, id);
    assertOwnsPartner(ctx, current);
    assertPartnerVersion(current, expectedVersion);
    if (current.deletedAt !== null) refuse('already-deleted', { zh: '该伙伴单位已删除', en: 'This partner is already deleted' });
    const inUse = await ctx.db.pilots
      .where('deletedFlag')
      .equals(0)
      .filter((pilot) => pilot.partners.some((p) => p.partnerId === id))
      .toArray();
    if (inUse.length > 0) {
      const names = inUse.slice(0, 5).map((p) => `${p.projectNumber}“${p.title}”`);
      refuse(
        'not-allowed',
        {
          zh: `伙伴单位“${current.name}”仍参与 ${String(inUse.length)} 个试点项目（${names.join('、')}${inUse.length > 5 ? ' 等' : ''}），请先在试点中移除该单位`,
          en: `Partner "${current.name}" still takes part in ${String(inUse.length)} pilot(s) (${inUse.slice(0, 5).map((p) => p.projectNumber).join(', ')}); remove it from those pilots first`,
        },
        inUse.map((p) => p.id),
      );
    }
    const now = ctx.now();
    const next: Partner = { ...current, deletedAt: now, updatedAt: now, version: current.version + 1 };
    await ctx.db.partners.put(toPartnerRow(next));
    const [change] = await addEntityChanges(ctx, [{ entity: 'partner', entityId: id, op: 'delete', changes: diffFields(current, next) }], now);
    return { partner: next, change: change ?? null };
  });
}

/** Brings a soft-deleted partner back. */
export async function restorePartner(ctx: WriteContext, id: string, expectedVersion: number): Promise<WriteResult<PartnerWrite>> {
  return inWriteTransaction(ctx, async () => {
    const current = await loadPartner(ctx, id);
    assertOwnsPartner(ctx, current);
    assertPartnerVersion(current, expectedVersion);
    if (current.deletedAt === null) refuse('not-deleted', { zh: '该伙伴单位未被删除', en: 'This partner is not deleted' });
    const now = ctx.now();
    const next: Partner = { ...current, deletedAt: null, updatedAt: now, version: current.version + 1 };
    await ctx.db.partners.put(toPartnerRow(next));
    const [change] = await addEntityChanges(ctx, [{ entity: 'partner', entityId: id, op: 'restore', changes: diffFields(current, next) }], now);
    return { partner: next, change: change ?? null };
  });
}
