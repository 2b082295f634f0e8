/**
 * The spreadsheet import's reads and its one write (issue 5). The plan (shared/spreadsheet/
 * scenarioImport.ts) is made in a worker from a snapshot of the register; the commit then writes
 * every new record and every chosen update in ONE transaction of the write path
 * (writePath.inWriteTransaction), each with an 'import' change record carrying the same batchId —
 * one operation in the change log, undone as a whole by `undo(ctx, { batchId })` — or nothing.
 *
 * Everything the plan assumed is checked again inside the transaction (a record may have been
 * created, edited or deleted in another window since the preview): a difference refuses all.
 */
import { diffFields, type ChangeRecord, type ChangeRecordId, type FieldChanges } from '../../shared/domain/changeRecord';
import { canEditScenario, updateScenario, validateScenario, type Scenario } from '../../shared/domain/scenario';
import { regionSubtree } from '../../shared/domain/scenarioFilter';
import type { ExistingRecord, ImportUpdate } from '../../shared/spreadsheet/scenarioImport';
import { toScenario, toScenarioRow, type AtlasDb } from './atlasDb';
import { CatalogAllocator, issueHlcStamps, localHlcNode } from './metaStore';
import { refuse, WriteRefused, type WriteFailure } from './writeFailure';
import { fail, type LocalizedText } from '../../shared/domain/localizedText';
import { creationChanges, inWriteTransaction, type WriteContext, type WriteResult } from './writePath';

/** What the import plan needs to know of the register: records by 场景编号, and every id. */
export interface ImportSnapshot {
  readonly existingByNumber: Map<string, ExistingRecord>;
  readonly existingIds: Set<string>;
}

/** Reads the snapshot the import plan matches rows against (deleted records included: their numbers are taken). */
export async function loadImportSnapshot(db: AtlasDb): Promise<ImportSnapshot> {
  const existingByNumber = new Map<string, ExistingRecord>();
  const existingIds = new Set<string>();
  await db.scenarios.each((row) => {
    existingIds.add(row.id);
    existingByNumber.set(row.catalogNumber, {
      id: row.id,
      catalogNumber: row.catalogNumber,
      ownerUnitCode: row.ownerUnitCode,
      version: row.version,
      isDeleted: row.deletedAt !== null,
    });
  });
  return { existingByNumber, existingIds };
}

/** What to commit: whole new records (catalogNumber '' = allocate) and updates of existing ones. */
export interface ImportCommit {
  readonly records: readonly Scenario[];
  readonly updates: readonly ImportUpdate[];
}

/** The outcome of a commit. */
export interface ImportWrite {
  readonly batchId: string;
  readonly created: number;
  readonly updated: number;
  /** Updates whose rows matched the register already (no change record written). */
  readonly unchanged: number;
}

/** A refusal of the whole import (no per-row list: the preview showed the rows). */
function invalidRows(text: LocalizedText): WriteFailure {
  return { ...fail('invalid-rows', text), rows: [] };
}

function yearOf(epochMs: number): number {
  return new Date(epochMs).getFullYear();
}

/** Options of {@link commitImport}. */
export interface CommitImportOptions {
  /**
   * Lets the page breathe between chunks of the checks made before the transaction (a
   * transaction cannot wait on a timer: IndexedDB would commit it). Default: no pause.
   */
  readonly pause?: () => Promise<void>;
  /** Rows checked per chunk. */
  readonly chunkRows?: number;
}

/**
 * Checks the rows that need no database (valid, in the unit's jurisdiction, owned by it) in chunks
 * before the transaction, so 100k rows do not freeze the page; refuses on the first bad one.
 */
async function precheck(ctx: WriteContext, commit: ImportCommit, options: CommitImportOptions): Promise<WriteResult<null>> {
  const { actor } = ctx;
  if (actor.role === 'company') return fail('read-only-role', { zh: '企业/科研机构用户不能导入场景', en: 'Companies and institutes cannot import scenarios' });
  if (commit.records.length === 0 && commit.updates.length === 0) return invalidRows({ zh: '没有可导入的行', en: 'There are no rows to import' });
  const jurisdiction = regionSubtree(ctx.regions, actor.unitCode);
  const chunk = Math.max(1, options.chunkRows ?? 1000);
  for (let start = 0; start < commit.records.length; start += chunk) {
    for (const record of commit.records.slice(start, start + chunk)) {
      const validation = validateScenario(record, ctx.regions);
      if (!validation.ok) return invalidRows({ zh: `“${record.title}”的数据无效：${validation.message}，本次未导入任何数据`, en: `"${record.title}" is invalid: ${validation.text.en}; nothing was imported` });
      if (!jurisdiction.has(record.regionCode) || record.ownerUnitCode !== actor.unitCode) {
        return fail('outside-jurisdiction', { zh: `“${record.title}”不在本单位辖区内，本次未导入任何数据`, en: `"${record.title}" is outside your unit's jurisdiction; nothing was imported` });
      }
    }
    if (options.pause) await options.pause();
  }
  return { ok: true, value: null };
}

/** Commits an import in one transaction with one batchId; refuses all if anything no longer holds. */
export async function commitImport(ctx: WriteContext, commit: ImportCommit, batchId: string, options: CommitImportOptions = {}): Promise<WriteResult<ImportWrite>> {
  const checked = await precheck(ctx, commit, options);
  if (!checked.ok) return checked;
  return inWriteTransaction(ctx, async () => {
    const { db, actor } = ctx;
    const jurisdiction = regionSubtree(ctx.regions, actor.unitCode);

    // New records: ids and kept numbers must still be free.
    const ids = commit.records.map((record) => record.id);
    const taken = (await db.scenarios.bulkGet(ids)).filter((row) => row !== undefined);
    if (taken.length > 0 || new Set(ids).size !== ids.length) {
      refuse('duplicate-id', { zh: '导入期间台账已有变化（部分记录已存在），本次未导入任何数据，请重新导入', en: 'The register changed during the import (some records exist now); nothing was imported — import again' }, taken.slice(0, 20).map((row) => row.catalogNumber));
    }
    const kept = commit.records.map((record) => record.catalogNumber).filter((number) => number !== '');
    const keptTaken = kept.length === 0 ? [] : await db.scenarios.where('catalogNumber').anyOf(kept).keys();
    if (keptTaken.length > 0 || new Set(kept).size !== kept.length) {
      refuse('duplicate-catalog-number', { zh: '导入数据的场景编号与已有记录重复，本次未导入任何数据', en: 'Catalog numbers of the import are already taken; nothing was imported' }, keptTaken.slice(0, 20).map(String));
    }

    // Updates: still there, still ours, still the version the preview saw.
    const currentRows = await db.scenarios.bulkGet(commit.updates.map((update) => update.id));
    const now = ctx.now();
    const updated: { next: Scenario; changes: FieldChanges }[] = [];
    let unchanged = 0;
    commit.updates.forEach((update, index) => {
      const row = currentRows[index];
      if (!row) refuse('not-found', { zh: '要更新的场景已不存在，本次未导入任何数据', en: 'A scenario to update no longer exists; nothing was imported' });
      const current = toScenario(row);
      if (!canEditScenario(current, actor.unitCode)) refuse('not-owner', { zh: `“${current.title}”不归本单位所有，本次未导入任何数据`, en: `"${current.title}" is not your unit's; nothing was imported` });
      if (current.deletedAt !== null) refuse('deleted', { zh: `“${current.title}”已删除，本次未导入任何数据`, en: `"${current.title}" is deleted; nothing was imported` });
      if (current.version !== update.expectedVersion) {
        const failure = fail('version-conflict', {
          zh: `“${current.title}”在预览后被修改过，本次未导入任何数据，请重新导入以查看最新差异`,
          en: `"${current.title}" changed after the preview; nothing was imported — import again to see the latest differences`,
        });
        throw new WriteRefused({ ...failure, current });
      }
      const validation = validateScenario(update.input, ctx.regions);
      if (!validation.ok) throw new WriteRefused(invalidRows({ zh: `“${current.title}”的数据无效：${validation.message}，本次未导入任何数据`, en: `"${current.title}" is invalid: ${validation.text.en}; nothing was imported` }));
      if (validation.value.regionCode !== current.regionCode && !jurisdiction.has(validation.value.regionCode)) {
        refuse('outside-jurisdiction', { zh: `“${current.title}”的新地区不在本单位辖区内，本次未导入任何数据`, en: `The new region of "${current.title}" is outside your jurisdiction; nothing was imported` });
      }
      const next = updateScenario(current, validation.value, now);
      const changes = diffFields(current, next);
      // updatedAt and version always move; a row equal to the record changes nothing else.
      if (Object.keys(changes).every((field) => field === 'updatedAt' || field === 'version')) unchanged += 1;
      else updated.push({ next, changes });
    });

    // Catalog numbers: keep the file's, give the next free one where the row left it empty.
    const allocator = new CatalogAllocator(db);
    const year = yearOf(now);
    await allocator.prepare(
      commit.records.filter((record) => record.catalogNumber === '').map((record) => [record.regionCode, year] as const),
      kept,
    );
    for (const number of kept) allocator.reserve(number);
    const created = commit.records.map((record) => {
      if (record.catalogNumber !== '') return record;
      const catalogNumber = allocator.take(record.regionCode, year);
      if (catalogNumber === null) refuse('catalog-exhausted', { zh: `地区 ${record.regionCode} 今年的场景编号已用完`, en: `Region ${record.regionCode} has no catalog numbers left this year` });
      return { ...record, catalogNumber };
    });

    const node = await localHlcNode(db, actor.unitCode, ctx.newId);
    const stamps = await issueHlcStamps(db, node, now, created.length + updated.length);
    const change = (entityId: string, changes: FieldChanges, index: number): ChangeRecord => ({
      id: ctx.newId() as ChangeRecordId,
      entity: 'scenario',
      entityId,
      op: 'import',
      changes,
      unitCode: actor.unitCode,
      actorRole: actor.role,
      hlc: stamps[index] as string,
      at: now,
      batchId,
    });
    const changes = [
      ...created.map((record, index) => change(record.id, creationChanges(record), index)),
      ...updated.map((item, index) => change(item.next.id, item.changes, created.length + index)),
    ];
    if (created.length > 0) await db.scenarios.bulkAdd(created.map(toScenarioRow));
    if (updated.length > 0) await db.scenarios.bulkPut(updated.map((item) => toScenarioRow(item.next)));
    if (changes.length > 0) await db.changes.bulkAdd(changes);
    await allocator.flush();
    return { batchId, created: created.length, updated: updated.length, unchanged };
  });
}
