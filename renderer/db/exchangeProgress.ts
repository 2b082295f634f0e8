/**
 * Progress and cancel for the long steps of an exchange import and export (issue 6): gathering an
 * export's changes, planning the merge and writing it run in the page, inside ONE IndexedDB
 * transaction, in chunks. Between chunks the page is given the event loop back — by awaiting a
 * small IndexedDB read, not a timer, because a transaction with no request pending while a timer
 * waits commits itself — and the progress bar moves; a cancel throws between chunks, so the
 * transaction rolls back and nothing is changed.
 */
import type { Table } from 'dexie';
import type { AtlasDb } from './atlasDb';

/**
 * The steps an import reports: reading the file, hashing, checking and packing records (worker),
 * planning, writing; and an export: gathering the changes (page), hashing, signing and writing the
 * file's text (worker).
 */
export type ExchangePhase = 'read' | 'hash' | 'check' | 'pack' | 'plan' | 'write' | 'gather' | 'sign' | 'serialise';

/** Where an exchange step reports progress and learns it was cancelled; both optional. */
export interface ExchangeProgress {
  readonly onProgress?: (phase: ExchangePhase, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Records merged or built per step; the page pauses once a slice of steps took {@link SLICE_MS}.
 * Building a record runs its schema and validation (tens of µs each, more on a slow or busy
 * machine), so slicing by time rather than by a fixed count keeps every task short anywhere.
 */
export const PLAN_CHUNK = 50;

/** Work between two pauses of {@link inChunks}, in ms: well under the 50 ms of a "long task". */
export const SLICE_MS = 25;

/**
 * Rows per bulkPut while writing. Dexie serialises a chunk's rows on the page in the task that
 * queues it; 2000 register rows blocked the page for ~200 ms in the issue 6 bench, 500 stay under
 * the long-task mark, and with one chunk in flight the database never waits for the page.
 */
export const WRITE_CHUNK = 500;

/**
 * Keys per bulkGet. Dexie deep-clones a bulkGet's whole result in one task (its transaction
 * cache), so one bulkGet of 100k rows froze the page for seconds; chunks of this size each take
 * a task of their own.
 */
export const READ_CHUNK = 1000;

/** A table's bulkGet (a Dexie Table). */
export interface BulkGetter<R, K = string> {
  bulkGet(keys: K[]): Promise<(R | undefined)[]>;
}

/**
 * bulkGet in chunks of `chunk` keys ({@link READ_CHUNK} rows; fewer for rows that each hold many
 * records): the same result, in tasks of bounded length.
 */
export async function bulkGetInChunks<R, K = string>(table: BulkGetter<R, K>, keys: readonly K[], afterChunk?: (done: number) => Promise<void>, chunk = READ_CHUNK): Promise<(R | undefined)[]> {
  const out: (R | undefined)[] = [];
  for (let start = 0; start < keys.length; start += chunk) {
    const rows = await table.bulkGet(keys.slice(start, start + chunk));
    for (const row of rows) out.push(row);
    await afterChunk?.(out.length);
  }
  return out;
}

/** Thrown between chunks once the user cancelled; the transaction it is thrown in rolls back. */
export class ExchangeCancelled extends Error {
  constructor() {
    super('[exchange] cancelled by the user');
    this.name = 'ExchangeCancelled';
  }
}

/** Throws {@link ExchangeCancelled} if the user cancelled. */
export function throwIfCancelled(progress: ExchangeProgress): void {
  if (progress.signal?.aborted === true) throw new ExchangeCancelled();
}

/** Reports progress, stops if cancelled, and lets the page paint and take input; inside a transaction. */
export async function pauseInTransaction(db: AtlasDb, progress: ExchangeProgress, phase: ExchangePhase, done: number, total: number): Promise<void> {
  progress.onProgress?.(phase, done, total);
  throwIfCancelled(progress);
  // Any request keeps the transaction alive; the meta row read is the smallest one.
  await db.meta.get('hlc');
}

/**
 * The progress of part `part` (0-based) of `parts` equal parts of one phase, reported to
 * `progress` in per mille of the whole phase (planning is a merge, then the building of records).
 */
export function partOf(progress: ExchangeProgress, part: number, parts: number): ExchangeProgress {
  return {
    ...progress,
    onProgress: (phase, done, total) => progress.onProgress?.(phase, Math.round(((part + (total === 0 ? 1 : done / total)) / parts) * 1000), 1000),
  };
}

/**
 * Runs `work` over `items` in chunks of {@link PLAN_CHUNK}, pausing whenever {@link SLICE_MS} have
 * passed since the last pause, and after the last chunk; inside a transaction.
 */
export async function inChunks<T>(db: AtlasDb, items: readonly T[], progress: ExchangeProgress, phase: ExchangePhase, work: (chunk: readonly T[]) => void): Promise<void> {
  let sliceStart = performance.now();
  for (let start = 0; start < items.length; start += PLAN_CHUNK) {
    work(items.slice(start, start + PLAN_CHUNK));
    const done = Math.min(start + PLAN_CHUNK, items.length);
    if (done === items.length || performance.now() - sliceStart >= SLICE_MS) {
      await pauseInTransaction(db, progress, phase, done, items.length);
      sliceStart = performance.now();
    }
  }
}

/**
 * Writes rows in chunks across several tables for one 'write' progress bar. One chunk is kept in
 * flight while the next is serialised, so the database never waits for the page; between chunks
 * the page gets the event loop back. Call {@link WriteProgress.finish} after the last put.
 */
export class WriteProgress {
  private done = 0;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly progress: ExchangeProgress,
    private readonly total: number,
  ) {}

  /**
   * Queues `rows` in chunks of `size` ({@link WRITE_CHUNK}; fewer for rows that each hold many
   * records); a cancel stops before the next chunk (and the transaction rolls back).
   */
  async put<R, K>(table: Table<R, K>, rows: readonly R[], size = WRITE_CHUNK): Promise<void> {
    for (let start = 0; start < rows.length; start += size) {
      throwIfCancelled(this.progress);
      const chunk = rows.slice(start, start + size);
      const written = table.bulkPut(chunk).then(() => {
        this.done += chunk.length;
        this.progress.onProgress?.('write', this.done, this.total);
      });
      if (this.inFlight !== null) await this.inFlight;
      this.inFlight = written;
    }
  }

  /**
   * Counts `count` more rows of the bar written by other means than {@link put} (the register's
   * pages); stops if cancelled. Synchronous: nothing is awaited that is not the database's.
   */
  advance(count: number): void {
    throwIfCancelled(this.progress);
    this.done += count;
    if (count > 0) this.progress.onProgress?.('write', this.done, this.total);
  }

  /** Waits for the last chunk. */
  async finish(): Promise<void> {
    if (this.inFlight !== null) await this.inFlight;
    this.inFlight = null;
  }
}
