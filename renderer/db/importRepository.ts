/**
 * The spreadsheet import's reads and its one write (issue 5). The plan (shared/spreadsheet/
 * scenarioImport.ts) is made in the import worker from a snapshot of the register, and stays
 * there; the commit runs there too (importWorker.ts), so a 100k-row write never touches the page's
 * heap or thread. It writes every new record and every chosen update in ONE transaction of the write path
 * (writePath.inWriteTransaction), each with an 'import' change record carrying the same batchId —
 * one operation in the change log, undone as a whole by `undoBatch(ctx, batchId)` (writePath.ts,
 * in chunks) — or nothing.
 *
 * Everything the plan assumed is checked again inside the transaction (a record may have been
 * created, edited or deleted in another window since the preview): a difference refuses all.
 */
import { diffFields, type ChangeRecord, type ChangeRecordId, type FieldChanges } from '../../shared/domain/changeRecord';
import { canEditScenario, updateScenario, validateScenario, type Scenario } from '../../shared/domain/scenario';
import { regionSubtree } from '../../shared/domain/scenarioFilter';
import { catalogNumbering } from '../../shared/domain/catalogNumber';
import type { ExistingRecord, ImportUpdate } from '../../shared/spreadsheet/scenarioImport';
import { toScenario, toScenarioRow, type AtlasDb, type ScenarioRow } from './atlasDb';
import { ChunkSizer, WRITE_CHUNK_SIZING, type ChunkSizerOptions } from './chunkSizer';
import { CatalogAllocator, issueHlcStamps, localHlcNode } from './metaStore';
import { eachScenarioPage, ScenarioWriter } from './scenarioPages';
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
  await eachScenarioPage(db, (rows) => {
    for (const row of rows) {
      existingIds.add(row.id);
      existingByNumber.set(row.catalogNumber, {
        id: row.id,
        catalogNumber: row.catalogNumber,
        ownerUnitCode: row.ownerUnitCode,
        version: row.version,
        isDeleted: row.deletedAt !== null,
      });
    }
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

/** The steps of a commit a progress bar shows: checking the updates against the register, then writing. */
export type ImportCommitStage = 'check' | 'write';

/** Options of {@link commitImport}. */
export interface CommitImportOptions {
  /**
   * Rows per chunk, every chunk (for tests). Default: chunks sized to a time budget
   * (chunkSizer.ts) for checking and writing rows.
   */
  readonly chunkRows?: number;
  /** Rows checked or written so far, of `total`, after each chunk. */
  readonly onProgress?: (stage: ImportCommitStage, done: number, total: number) => void;
  /** Aborted: the commit stops at the next chunk and its transaction rolls back ('cancelled'). */
  readonly signal?: AbortSignal;
}

/**
 * Chunks of the import's checks and writes: sized to the time budget like any long write, but at
 * most 500 rows, so the thread that commits answers a cancel and reports progress several times a
 * second, and the garbage of one chunk stays young.
 */
export const IMPORT_CHUNK_SIZING: ChunkSizerOptions = { ...WRITE_CHUNK_SIZING, max: 500 };

const CANCELLED: LocalizedText = { zh: '已取消导入，台账未作任何改动', en: 'The import was cancelled; the register is unchanged' };
const SAME_ID_TWICE: LocalizedText = { zh: '导入数据中有重复的记录标识，本次未导入任何数据', en: 'The import holds the same record id twice; nothing was imported' };
const SAME_NUMBER_TWICE: LocalizedText = { zh: '导入数据中有重复的场景编号，本次未导入任何数据', en: 'The import holds the same catalog number twice; nothing was imported' };

/** Did this import write any of these records already (an earlier chunk of the same transaction)? */
async function isWrittenByImport(db: AtlasDb, ids: readonly string[], batchId: string): Promise<boolean> {
  const written = await db.changes
    .where('[entity+entityId]')
    .anyOf(ids.map((id) => ['scenario', id]))
    .filter((change) => change.batchId === batchId)
    .count();
  return written > 0;
}

/**
 * Refuses a chunk of new records before it is written: a record that is invalid, outside the
 * unit's jurisdiction or not the unit's own, or an id or kept 场景编号 twice in the chunk.
 *
 * Whether an id or a number is taken — in the register, or by an earlier chunk of this import —
 * is left to the database's own unique keys (the primary key and the unique `catalogNumber`
 * index): looking each chunk's keys up first cost a cursor step, a round trip, per key, which at
 * 100k rows doubled the commit. A write that breaks them is explained by {@link refuseTakenKeys}.
 */
function checkNewRecords(ctx: WriteContext, records: readonly Scenario[], jurisdiction: ReadonlySet<string>): void {
  for (const record of records) {
    const validation = validateScenario(record, ctx.regions);
    if (!validation.ok) throw new WriteRefused(invalidRows({ zh: `“${record.title}”的数据无效：${validation.message}，本次未导入任何数据`, en: `"${record.title}" is invalid: ${validation.text.en}; nothing was imported` }));
    if (!jurisdiction.has(record.regionCode) || record.ownerUnitCode !== ctx.actor.unitCode) {
      refuse('outside-jurisdiction', { zh: `“${record.title}”不在本单位辖区内，本次未导入任何数据`, en: `"${record.title}" is outside your unit's jurisdiction; nothing was imported` });
    }
  }
  const ids = records.map((record) => record.id);
  if (new Set(ids).size !== ids.length) refuse('duplicate-id', SAME_ID_TWICE);
  const kept = keptNumbers(records);
  if (new Set(kept).size !== kept.length) refuse('duplicate-catalog-number', SAME_NUMBER_TWICE);
}

/** The 场景编号 these records keep ('' = to be numbered). */
function keptNumbers(records: readonly Scenario[]): string[] {
  return records.map((record) => record.catalogNumber).filter((number) => number !== '');
}

/**
 * The rows of an add the register refused for a taken id or 场景编号 (RegisterKeyTaken, which
 * Dexie hands on as its ConstraintError; it does not say which of them: any could be); empty when
 * the write failed for another reason.
 */
function rowsRefusedByKey<T>(error: unknown, rows: readonly T[]): readonly T[] {
  return error instanceof Error && error.name === 'ConstraintError' ? rows : [];
}

/**
 * Explains new records the database refused for a taken id or number: taken in the
 * register (created in another window since the preview), or by a record this import wrote in an
 * earlier chunk (the transaction reads its own writes). Throws the refusal; returns when neither
 * is found, for the caller to rethrow the database's error.
 */
async function refuseTakenKeys(db: AtlasDb, pages: ScenarioWriter, records: readonly Scenario[], batchId: string): Promise<void> {
  const takenIds = (await pages.rows(records.map((record) => record.id))).flatMap((row) => (row ? [row.id] : []));
  await refuseIfHeld(db, pages, takenIds, batchId, 'duplicate-id', SAME_ID_TWICE, {
    zh: '导入期间台账已有变化（部分记录已存在），本次未导入任何数据，请重新导入',
    en: 'The register changed during the import (some records exist now); nothing was imported — import again',
  });
  const kept = keptNumbers(records);
  const holders = kept.length === 0 ? [] : [...(await pages.holders(kept)).values()];
  await refuseIfHeld(db, pages, holders, batchId, 'duplicate-catalog-number', SAME_NUMBER_TWICE, {
    zh: '导入数据的场景编号与已有记录重复，本次未导入任何数据',
    en: 'Catalog numbers of the import are already taken; nothing was imported',
  });
}

/**
 * Refuses when records hold the keys (`holders`, by id): as `twice` when this import wrote one of
 * them, else as `taken`, naming up to 20 of their numbers. Returns when there are none.
 */
async function refuseIfHeld(db: AtlasDb, pages: ScenarioWriter, holders: readonly string[], batchId: string, error: 'duplicate-id' | 'duplicate-catalog-number', twice: LocalizedText, taken: LocalizedText): Promise<void> {
  if (holders.length === 0) return;
  if (await isWrittenByImport(db, holders, batchId)) refuse(error, twice);
  const numbers = (await pages.rows(holders.slice(0, 20))).map((row) => row?.catalogNumber ?? '');
  refuse(error, taken, numbers);
}

/**
 * Commits an import in one transaction with one batchId; refuses all if anything no longer holds.
 *
 * Everything inside the transaction runs in chunks that each end in an IndexedDB request awaited
 * (never a timer: the transaction would commit), so no task handles 100k rows at once and the
 * thread it runs on (the import worker's, in the app) answers between chunks: progress goes out
 * and a cancel comes in, which throws at the next chunk and rolls the whole transaction back. A
 * chunk of new records is checked (checkNewRecords) right before it is written.
 */
export async function commitImport(ctx: WriteContext, commit: ImportCommit, batchId: string, options: CommitImportOptions = {}): Promise<WriteResult<ImportWrite>> {
  const { actor } = ctx;
  if (actor.role === 'company') return fail('read-only-role', { zh: '企业/科研机构用户不能导入场景', en: 'Companies and institutes cannot import scenarios' });
  if (commit.records.length === 0 && commit.updates.length === 0) return invalidRows({ zh: '没有可导入的行', en: 'There are no rows to import' });
  const fixedChunk = options.chunkRows === undefined ? undefined : Math.max(1, Math.floor(options.chunkRows));
  return inWriteTransaction(ctx, async () => {
    const { db } = ctx;
    const jurisdiction = regionSubtree(ctx.regions, actor.unitCode);
    const stopIfCancelled = () => stopIfCancelledOf(options.signal);
    // The register's writes of every chunk, each page put once at the end; the chunks read through it.
    const pages = new ScenarioWriter(db);
    const newSizer = () => (fixedChunk === undefined ? new ChunkSizer(IMPORT_CHUNK_SIZING) : null);
    const chunkSize = (sizer: ChunkSizer | null) => sizer?.size ?? (fixedChunk as number);

    // Kept numbers are never handed out again: the sequences move past the highest of each first,
    // so a number handed out in one chunk never meets one kept in a later chunk.
    const allocator = new CatalogAllocator(db);
    const now = ctx.now();
    const year = yearOf(now);
    const { regions: numbered, highestKept } = catalogNumbering(commit.records);
    await allocator.prepare(
      numbered.map((regionCode) => [regionCode, year] as const),
      highestKept,
    );
    for (const number of highestKept) allocator.reserve(number);

    // Updates: still there, still ours, still the version the preview saw.
    const updated: { next: Scenario; changes: FieldChanges }[] = [];
    let unchanged = 0;
    const updateSizer = newSizer();
    for (let checked = 0; checked < commit.updates.length; ) {
      stopIfCancelled();
      const part = commit.updates.slice(checked, checked + chunkSize(updateSizer));
      const currentRows = await pages.rows(part.map((update) => update.id));
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
      checked += part.length;
      options.onProgress?.('check', checked, commit.updates.length);
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
    const sizer = newSizer();
    const total = commit.records.length + updated.length;
    let written = 0;
    /** How items are written: as new rows or over existing ones. */
    interface ChunkWrite<T> {
      readonly isNew: boolean;
      /** Refuses a chunk before anything of it is written. */
      readonly check: (part: readonly T[]) => void;
      /** The chunk's rows and change records, with its HLC stamps. */
      readonly build: (part: readonly T[], stamps: readonly string[]) => { rows: ScenarioRow[]; changes: ChangeRecord[] };
    }
    /** Writes items in chunks (see {@link ChunkWrite}). */
    const writeAll = async <T>(items: readonly T[], how: ChunkWrite<T>) => {
      for (let done = 0; done < items.length; ) {
        stopIfCancelled();
        const part = items.slice(done, done + chunkSize(sizer));
        // Checking and building run in two tasks (the stamps are awaited between): both count against the budget.
        let began = performance.now();
        how.check(part);
        let spent = performance.now() - began;
        // Stamps a chunk at a time: each call continues the clock the previous one persisted.
        const stamps = await issueHlcStamps(db, node, now, part.length);
        began = performance.now();
        const { rows, changes } = how.build(part, stamps);
        const landed = how.isNew ? pages.add(rows) : pages.put(rows);
        spent += performance.now() - began;
        sizer?.record(part.length, spent);
        try {
          await landed;
        } catch (error) {
          const refused = how.isNew ? rowsRefusedByKey(error, rows) : [];
          if (refused.length > 0) await refuseTakenKeys(db, pages, refused, batchId);
          throw error;
        }
        // After the rows: a refused chunk has no change records, so refuseTakenKeys finds only earlier chunks' own.
        await db.changes.bulkAdd(changes);
        done += part.length;
        written += part.length;
        options.onProgress?.('write', written, total);
      }
    };
    options.onProgress?.('write', 0, total);
    await writeAll(commit.records, {
      isNew: true,
      check: (part) => checkNewRecords(ctx, part, jurisdiction),
      build: (part, stamps) => {
        const numbered = part.map((record) => {
          if (record.catalogNumber !== '') return record;
          const catalogNumber = allocator.take(record.regionCode, year);
          if (catalogNumber === null) refuse('catalog-exhausted', { zh: `地区 ${record.regionCode} 今年的场景编号已用完`, en: `Region ${record.regionCode} has no catalog numbers left this year` });
          return { ...record, catalogNumber };
        });
        return { rows: numbered.map(toScenarioRow), changes: numbered.map((record, index) => change(record.id, creationChanges(record), stamps[index] as string)) };
      },
    });
    await writeAll(updated, {
      isNew: false,
      check: () => undefined,
      build: (part, stamps) => ({
        rows: part.map((item) => toScenarioRow(item.next)),
        changes: part.map((item, index) => change(item.next.id, item.changes, stamps[index] as string)),
      }),
    });
    stopIfCancelled();
    await allocator.flush();
    // The rows are put as pages once the chunks are done (scenarioPages.ts); a cancel still rolls all back.
    await pages.flush(stopIfCancelled);
    return { batchId, created: commit.records.length, updated: updated.length, unchanged };
  });
}

function stopIfCancelledOf(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) refuse('cancelled', CANCELLED);
}
