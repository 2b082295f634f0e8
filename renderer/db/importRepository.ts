/**
 * The spreadsheet import's reads and its one write (issue 5). The plan (shared/spreadsheet/
 * scenarioImport.ts) is made in a worker from a snapshot of the register, and stays there: the
 * commit reads its records from an {@link ImportSource} a chunk at a time, and writes
 * every new record and every chosen update in ONE transaction of the write path
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
import type { ExistingRecord, ImportUpdate } from '../../shared/spreadsheet/scenarioImport';
import { Dexie } from 'dexie';
import { toScenario, toScenarioRow, type AtlasDb, type ScenarioRow } from './atlasDb';
import { ChunkSizer, WRITE_CHUNK_SIZING, type ChunkSizerOptions } from './chunkSizer';
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

/**
 * What to commit, read a chunk at a time (issue 5): the import worker keeps the plan of 100k rows,
 * so the page heap holds one chunk of them at a time, not all (their garbage collection blocked
 * the page for ≈ 0.8 s). Reads may be worker round trips; commitImport keeps its transaction
 * alive across them (see {@link readInTransaction}).
 */
export interface ImportSource {
  readonly recordCount: number;
  readonly updateCount: number;
  /** New records `from`… (at most `count`). */
  records(from: number, count: number): Promise<readonly Scenario[]>;
  /** Updates `from`… (at most `count`). */
  updates(from: number, count: number): Promise<readonly ImportUpdate[]>;
}

/** A commit held in memory as a source. */
export function sourceOf(commit: ImportCommit): ImportSource {
  return {
    recordCount: commit.records.length,
    updateCount: commit.updates.length,
    records: (from, count) => Promise.resolve(commit.records.slice(from, from + count)),
    updates: (from, count) => Promise.resolve(commit.updates.slice(from, from + count)),
  };
}

function isSource(commit: ImportCommit | ImportSource): commit is ImportSource {
  return typeof (commit as Partial<ImportSource>).recordCount === 'number';
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

/**
 * Chunks of the import's checks and writes: sized to the time budget like any long write, but at
 * most 500 rows. Each chunk also arrives from the import worker as a message (decoded in a task of
 * its own, outside the budget) and the next one is read while this one is written: two big chunks
 * alive across young-generation collections get promoted, and collecting them later blocked the page.
 */
export const IMPORT_CHUNK_SIZING: ChunkSizerOptions = { ...WRITE_CHUNK_SIZING, max: 500 };

const CANCELLED: LocalizedText = { zh: '已取消导入，台账未作任何改动', en: 'The import was cancelled; the register is unchanged' };

/** Splits `items` into consecutive chunks of `size`. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += step) chunks.push(items.slice(start, start + step));
  return chunks;
}

/**
 * Awaits a read of the source inside the transaction. A worker's answer arrives as a message, a
 * task of its own: IndexedDB would commit a transaction with no request pending by then, so
 * Dexie.waitFor keeps it busy with dummy requests until the answer is in. The caller asks for the
 * next chunk before writing the current one, so the answer is usually in already and the wait
 * costs nothing (Dexie warns that a long wait spins the CPU).
 */
function readInTransaction<T>(read: Promise<T>): Promise<T> {
  return Dexie.waitFor(read, READ_TIMEOUT_MS);
}

/** The longest a read of the source may take inside the transaction before the import fails. */
const READ_TIMEOUT_MS = 60_000;

/** What the check before the transaction learnt of the new records: their keys. */
interface CheckedKeys {
  readonly ids: readonly string[];
  /** The numbers the records keep (the others get the next free number). */
  readonly kept: readonly string[];
  /** Regions with records to number. */
  readonly numbered: ReadonlySet<string>;
}

/**
 * Checks the rows that need no database (valid, in the unit's jurisdiction, owned by it) in chunks
 * before the transaction, so 100k rows do not freeze the page; refuses on the first bad one.
 * Keeps only the keys of the records: the transaction checks them against the register first.
 */
async function precheck(ctx: WriteContext, source: ImportSource, options: CommitImportOptions, fixedChunk: number | undefined): Promise<WriteResult<CheckedKeys>> {
  const { actor } = ctx;
  if (actor.role === 'company') return fail('read-only-role', { zh: '企业/科研机构用户不能导入场景', en: 'Companies and institutes cannot import scenarios' });
  if (source.recordCount === 0 && source.updateCount === 0) return invalidRows({ zh: '没有可导入的行', en: 'There are no rows to import' });
  const jurisdiction = regionSubtree(ctx.regions, actor.unitCode);
  const ids: string[] = [];
  const kept: string[] = [];
  const numbered = new Set<string>();
  // Validation runs the schema and a point-in-region test (tens of µs a row): chunks sized to a time budget.
  const sizer = fixedChunk === undefined ? new ChunkSizer(IMPORT_CHUNK_SIZING) : null;
  for (let done = 0; done < source.recordCount; ) {
    if (options.signal?.aborted === true) return fail('cancelled', CANCELLED);
    const records = await source.records(done, sizer?.size ?? (fixedChunk as number));
    if (records.length === 0) throw new Error(`[import] the source has no record ${String(done)} of ${String(source.recordCount)}`);
    const began = performance.now();
    for (const record of records) {
      const validation = validateScenario(record, ctx.regions);
      if (!validation.ok) return invalidRows({ zh: `“${record.title}”的数据无效：${validation.message}，本次未导入任何数据`, en: `"${record.title}" is invalid: ${validation.text.en}; nothing was imported` });
      if (!jurisdiction.has(record.regionCode) || record.ownerUnitCode !== actor.unitCode) {
        return fail('outside-jurisdiction', { zh: `“${record.title}”不在本单位辖区内，本次未导入任何数据`, en: `"${record.title}" is outside your unit's jurisdiction; nothing was imported` });
      }
      ids.push(record.id);
      if (record.catalogNumber === '') numbered.add(record.regionCode);
      else kept.push(record.catalogNumber);
    }
    sizer?.record(records.length, performance.now() - began);
    done += records.length;
    options.onProgress?.('check', done, source.recordCount);
    if (options.pause) await options.pause();
  }
  if (options.signal?.aborted === true) return fail('cancelled', CANCELLED);
  return { ok: true, value: { ids, kept, numbered } };
}

/** Reads a source's items in chunks inside a transaction, asking for the next chunk before the current one is handed out. */
class ChunkReader<T> {
  private next: Promise<readonly T[]> | null = null;
  private asked = 0;

  constructor(
    private readonly total: number,
    private readonly read: (from: number, count: number) => Promise<readonly T[]>,
  ) {}

  /** Asks for the chunk after those asked for so far (nothing when all were). */
  prefetch(count: number): void {
    if (this.next !== null || this.asked >= this.total) return;
    const size = Math.min(Math.max(1, count), this.total - this.asked);
    const from = this.asked;
    this.asked += size;
    this.next = this.read(from, size).then((items) => {
      if (items.length !== size) throw new Error(`[import] the source gave ${String(items.length)} items from ${String(from)}, not ${String(size)}`);
      return items;
    });
    // Handled by take(); without this an early refusal would leave an unhandled rejection.
    this.next.catch(() => undefined);
  }

  /**
   * The prefetched chunk (asked for now when none was), or null when every item was read. Not an
   * async function: the transaction's zone survives an await of Dexie's promise, but not of the
   * extra native promise an async function returns — the writes after it would run outside the
   * transaction, which then commits early (PrematureCommitError, seen in Chromium).
   */
  take(count: number): Promise<readonly T[] | null> {
    this.prefetch(count);
    const pending = this.next;
    this.next = null;
    return pending === null ? Promise.resolve(null) : readInTransaction(pending);
  }
}

/**
 * Commits an import in one transaction with one batchId; refuses all if anything no longer holds.
 *
 * Everything inside the transaction runs in chunks that each end in an IndexedDB request awaited
 * (never a timer: the transaction would commit), so no single task of the page handles 100k rows;
 * a cancel between chunks throws, and the whole transaction rolls back. The rows come from the
 * source a chunk at a time (an in-memory commit, or the import worker).
 */
export async function commitImport(ctx: WriteContext, commit: ImportCommit | ImportSource, batchId: string, options: CommitImportOptions = {}): Promise<WriteResult<ImportWrite>> {
  const source = isSource(commit) ? commit : sourceOf(commit);
  const fixedChunk = options.chunkRows === undefined ? undefined : Math.max(1, Math.floor(options.chunkRows));
  const chunk = fixedChunk ?? COMMIT_CHUNK;
  const checked = await precheck(ctx, source, options, fixedChunk);
  if (!checked.ok) return checked;
  const { ids, kept, numbered } = checked.value;
  return inWriteTransaction(ctx, async () => {
    const { db, actor } = ctx;
    const jurisdiction = regionSubtree(ctx.regions, actor.unitCode);
    const stopIfCancelled = () => {
      if (options.signal?.aborted === true) refuse('cancelled', CANCELLED);
    };

    // New records: ids and kept numbers must still be free (key-only lookups, a chunk at a time).
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
    await allocator.prepare([...numbered].map((regionCode) => [regionCode, year] as const));

    // Updates: still there, still ours, still the version the preview saw.
    const updated: { next: Scenario; changes: FieldChanges }[] = [];
    let unchanged = 0;
    const updateSizer = fixedChunk === undefined ? new ChunkSizer(IMPORT_CHUNK_SIZING) : null;
    const updates = new ChunkReader(source.updateCount, (from, count) => source.updates(from, count));
    for (let part = await updates.take(updateSizer?.size ?? chunk); part !== null; part = await updates.take(updateSizer?.size ?? chunk)) {
      stopIfCancelled();
      const currentRows = await db.scenarios.bulkGet(part.map((update) => update.id));
      updates.prefetch(updateSizer?.size ?? chunk);
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
    const sizer = options.chunkRows === undefined ? new ChunkSizer(IMPORT_CHUNK_SIZING) : null;
    const total = source.recordCount + updated.length;
    let written = 0;
    /** Writes a reader's items in chunks; `build` turns a chunk and its HLC stamps into rows and change records. */
    const writeAll = async <T>(reader: ChunkReader<T>, isNew: boolean, build: (part: readonly T[], stamps: readonly string[]) => { rows: ScenarioRow[]; changes: ChangeRecord[] }) => {
      const size = () => sizer?.size ?? chunk;
      for (let part = await reader.take(size()); part !== null; part = await reader.take(size())) {
        stopIfCancelled();
        // Stamps a chunk at a time: each call continues the clock the previous one persisted.
        const stamps = await issueHlcStamps(db, node, now, part.length);
        const began = performance.now();
        const { rows, changes } = build(part, stamps);
        const landed = Promise.all([isNew ? db.scenarios.bulkAdd(rows) : db.scenarios.bulkPut(rows), db.changes.bulkAdd(changes)]);
        sizer?.record(part.length, performance.now() - began);
        // The next chunk is read while IndexedDB writes this one.
        reader.prefetch(size());
        await landed;
        written += part.length;
        options.onProgress?.('write', written, total);
      }
    };
    options.onProgress?.('write', 0, total);
    await writeAll(new ChunkReader(source.recordCount, (from, count) => source.records(from, count)), true, (part, stamps) => {
      const records = part.map((record) => {
        if (record.catalogNumber !== '') return record;
        const catalogNumber = allocator.take(record.regionCode, year);
        if (catalogNumber === null) refuse('catalog-exhausted', { zh: `地区 ${record.regionCode} 今年的场景编号已用完`, en: `Region ${record.regionCode} has no catalog numbers left this year` });
        return { ...record, catalogNumber };
      });
      return { rows: records.map(toScenarioRow), changes: records.map((record, index) => change(record.id, creationChanges(record), stamps[index] as string)) };
    });
    await writeAll(new ChunkReader(updated.length, (from, count) => Promise.resolve(updated.slice(from, from + count))), false, (part, stamps) => ({
      rows: part.map((item) => toScenarioRow(item.next)),
      changes: part.map((item, index) => change(item.next.id, item.changes, stamps[index] as string)),
    }));
    stopIfCancelled();
    await allocator.flush();
    return { batchId, created: source.recordCount, updated: updated.length, unchanged };
  });
}
