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
import { toScenario, toScenarioRow, type AtlasDb, type ScenarioRow } from './atlasDb';
import { ChunkSizer } from './chunkSizer';
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

/** The steps of a commit a progress bar shows: checking the rows, then writing them. */
export type ImportCommitStage = 'check' | 'write';

/** Options of {@link commitImport}. */
export interface CommitImportOptions {
  /**
   * Lets the page breathe between chunks of the checks made before the transaction (a
   * transaction cannot wait on a timer: IndexedDB would commit it). Default: no pause.
   */
  readonly pause?: () => Promise<void>;
  /**
   * Rows per chunk, every chunk (for tests). Default: {@link COMMIT_CHUNK} for key lookups, and
   * chunks sized to a time budget (chunkSizer.ts) for checking and writing rows.
   */
  readonly chunkRows?: number;
  /** Rows checked or written so far, of `total`, after each chunk. */
  readonly onProgress?: (stage: ImportCommitStage, done: number, total: number) => void;
  /** Aborted: the commit stops at the next chunk and its transaction rolls back ('cancelled'). */
  readonly signal?: AbortSignal;
}

/**
 * Keys per lookup of the commit (issue 5: "the UI never blocked more than 100 ms"): a key costs a
 * few µs. Checking and writing rows costs tens to hundreds of µs a row, so those chunks are sized
 * to a time budget instead (chunkSizer.ts).
 */
export const COMMIT_CHUNK = 500;

const CANCELLED: LocalizedText = { zh: '已取消导入，台账未作任何改动', en: 'The import was cancelled; the register is unchanged' };

/** Splits `items` into consecutive chunks of `size`. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += step) chunks.push(items.slice(start, start + step));
  return chunks;
}

/**
 * Checks the rows that need no database (valid, in the unit's jurisdiction, owned by it) in chunks
 * before the transaction, so 100k rows do not freeze the page; refuses on the first bad one.
 */
async function precheck(ctx: WriteContext, commit: ImportCommit, options: CommitImportOptions, fixedChunk: number | undefined): Promise<WriteResult<null>> {
  const { actor } = ctx;
  if (actor.role === 'company') return fail('read-only-role', { zh: '企业/科研机构用户不能导入场景', en: 'Companies and institutes cannot import scenarios' });
  if (commit.records.length === 0 && commit.updates.length === 0) return invalidRows({ zh: '没有可导入的行', en: 'There are no rows to import' });
  const jurisdiction = regionSubtree(ctx.regions, actor.unitCode);
  // Validation runs the schema and a point-in-region test (tens of µs a row): chunks sized to a time budget.
  const sizer = fixedChunk === undefined ? new ChunkSizer() : null;
  for (let done = 0; done < commit.records.length; ) {
    if (options.signal?.aborted === true) return fail('cancelled', CANCELLED);
    const began = performance.now();
    const records = commit.records.slice(done, done + (sizer?.size ?? (fixedChunk as number)));
    for (const record of records) {
      const validation = validateScenario(record, ctx.regions);
      if (!validation.ok) return invalidRows({ zh: `“${record.title}”的数据无效：${validation.message}，本次未导入任何数据`, en: `"${record.title}" is invalid: ${validation.text.en}; nothing was imported` });
      if (!jurisdiction.has(record.regionCode) || record.ownerUnitCode !== actor.unitCode) {
        return fail('outside-jurisdiction', { zh: `“${record.title}”不在本单位辖区内，本次未导入任何数据`, en: `"${record.title}" is outside your unit's jurisdiction; nothing was imported` });
      }
    }
    sizer?.record(records.length, performance.now() - began);
    done += records.length;
    options.onProgress?.('check', done, commit.records.length);
    if (options.pause) await options.pause();
  }
  if (options.signal?.aborted === true) return fail('cancelled', CANCELLED);
  return { ok: true, value: null };
}

/**
 * Commits an import in one transaction with one batchId; refuses all if anything no longer holds.
 *
 * Everything inside the transaction runs in chunks that each end in an IndexedDB request awaited
 * (never a timer: the transaction would commit), so no single task of the page handles 100k rows;
 * a cancel between chunks throws, and the whole transaction rolls back.
 */
export async function commitImport(ctx: WriteContext, commit: ImportCommit, batchId: string, options: CommitImportOptions = {}): Promise<WriteResult<ImportWrite>> {
  const fixedChunk = options.chunkRows === undefined ? undefined : Math.max(1, Math.floor(options.chunkRows));
  const chunk = fixedChunk ?? COMMIT_CHUNK;
  const checked = await precheck(ctx, commit, options, fixedChunk);
  if (!checked.ok) return checked;
  return inWriteTransaction(ctx, async () => {
    const { db, actor } = ctx;
    const jurisdiction = regionSubtree(ctx.regions, actor.unitCode);
    const stopIfCancelled = () => {
      if (options.signal?.aborted === true) refuse('cancelled', CANCELLED);
    };

    // New records: ids and kept numbers must still be free (key-only lookups, a chunk at a time).
    const ids = commit.records.map((record) => record.id);
    if (new Set(ids).size !== ids.length) {
      refuse('duplicate-id', { zh: '导入数据中有重复的记录标识，本次未导入任何数据', en: 'The import holds the same record id twice; nothing was imported' });
    }
    for (const part of chunksOf(ids, chunk)) {
      stopIfCancelled();
      const taken = await db.scenarios.where(':id').anyOf(part).primaryKeys();
      if (taken.length > 0) {
        const numbers = (await db.scenarios.bulkGet(taken.slice(0, 20))).map((row) => row?.catalogNumber ?? '');
        refuse('duplicate-id', { zh: '导入期间台账已有变化（部分记录已存在），本次未导入任何数据，请重新导入', en: 'The register changed during the import (some records exist now); nothing was imported — import again' }, numbers);
      }
    }
    const kept = commit.records.map((record) => record.catalogNumber).filter((number) => number !== '');
    if (new Set(kept).size !== kept.length) {
      refuse('duplicate-catalog-number', { zh: '导入数据中有重复的场景编号，本次未导入任何数据', en: 'The import holds the same catalog number twice; nothing was imported' });
    }
    const allocator = new CatalogAllocator(db);
    const now = ctx.now();
    const year = yearOf(now);
    for (const part of chunksOf(kept, chunk)) {
      stopIfCancelled();
      const keptTaken = await db.scenarios.where('catalogNumber').anyOf(part).keys();
      if (keptTaken.length > 0) {
        refuse('duplicate-catalog-number', { zh: '导入数据的场景编号与已有记录重复，本次未导入任何数据', en: 'Catalog numbers of the import are already taken; nothing was imported' }, keptTaken.slice(0, 20).map(String));
      }
      // Kept numbers are never handed out again: their sequences move past them.
      await allocator.prepare([], part);
      for (const number of part) allocator.reserve(number);
    }
    await allocator.prepare(commit.records.filter((record) => record.catalogNumber === '').map((record) => [record.regionCode, year] as const));

    // Updates: still there, still ours, still the version the preview saw.
    const updated: { next: Scenario; changes: FieldChanges }[] = [];
    let unchanged = 0;
    const updateSizer = fixedChunk === undefined ? new ChunkSizer() : null;
    for (let start = 0; start < commit.updates.length; ) {
      stopIfCancelled();
      const part = commit.updates.slice(start, start + (updateSizer?.size ?? chunk));
      start += part.length;
      const currentRows = await db.scenarios.bulkGet(part.map((update) => update.id));
      const began = performance.now();
      part.forEach((update, index) => {
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
      updateSizer?.record(part.length, performance.now() - began);
    }

    // The writes, a chunk at a time, each chunk's requests awaited before the next is built: the
    // page builds one chunk per task (sized to a time budget) and is free while IndexedDB writes.
    const node = await localHlcNode(db, actor.unitCode, ctx.newId);
    const change = (entityId: string, changes: FieldChanges, hlc: string): ChangeRecord => ({
      id: ctx.newId() as ChangeRecordId,
      entity: 'scenario',
      entityId,
      op: 'import',
      changes,
      unitCode: actor.unitCode,
      actorRole: actor.role,
      hlc,
      at: now,
      batchId,
    });
    const sizer = options.chunkRows === undefined ? new ChunkSizer() : null;
    const total = commit.records.length + updated.length;
    let written = 0;
    /** Writes items[from…] in chunks; `build` turns a chunk and its HLC stamps into rows and change records. */
    const writeAll = async <T>(items: readonly T[], isNew: boolean, build: (part: readonly T[], stamps: readonly string[]) => { rows: ScenarioRow[]; changes: ChangeRecord[] }) => {
      for (let start = 0; start < items.length; ) {
        stopIfCancelled();
        const part = items.slice(start, start + (sizer?.size ?? chunk));
        // Stamps a chunk at a time: each call continues the clock the previous one persisted.
        const stamps = await issueHlcStamps(db, node, now, part.length);
        const began = performance.now();
        const { rows, changes } = build(part, stamps);
        const landed = Promise.all([isNew ? db.scenarios.bulkAdd(rows) : db.scenarios.bulkPut(rows), db.changes.bulkAdd(changes)]);
        sizer?.record(part.length, performance.now() - began);
        await landed;
        start += part.length;
        written += part.length;
        options.onProgress?.('write', written, total);
      }
    };
    options.onProgress?.('write', 0, total);
    await writeAll(commit.records, true, (part, stamps) => {
      const records = part.map((record) => {
        if (record.catalogNumber !== '') return record;
        const catalogNumber = allocator.take(record.regionCode, year);
        if (catalogNumber === null) refuse('catalog-exhausted', { zh: `地区 ${record.regionCode} 今年的场景编号已用完`, en: `Region ${record.regionCode} has no catalog numbers left this year` });
        return { ...record, catalogNumber };
      });
      return { rows: records.map(toScenarioRow), changes: records.map((record, index) => change(record.id, creationChanges(record), stamps[index] as string)) };
    });
    await writeAll(updated, false, (part, stamps) => ({
      rows: part.map((item) => toScenarioRow(item.next)),
      changes: part.map((item, index) => change(item.next.id, item.changes, stamps[index] as string)),
    }));
    stopIfCancelled();
    await allocator.flush();
    return { batchId, created: commit.records.length, updated: updated.length, unchanged };
  });
}
