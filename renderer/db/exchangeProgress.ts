/**
 * Progress and cancel for the long steps of an exchange import (issue 6): planning the merge and
 * writing it run in the page, inside ONE IndexedDB transaction, in chunks. Between chunks the page
 * is given the event loop back — by awaiting a small IndexedDB read, not a timer, because a
 * transaction with no request pending while a timer waits commits itself — and the progress bar
 * moves; a cancel throws between chunks, so the transaction rolls back and nothing is changed.
 */
import type { Table } from 'dexie';
import type { AtlasDb } from './atlasDb';

/** The steps an import reports: reading the file, hashing and checking records (worker), planning, writing. */
export type ExchangePhase = 'read' | 'hash' | 'check' | 'plan' | 'write';

/** Where an exchange step reports progress and learns it was cancelled; both optional. */
export interface ExchangeProgress {
  readonly onProgress?: (phase: ExchangePhase, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Records merged or built per chunk between two pauses: building a record runs its schema and
 * validation (tens of µs each), so a chunk stays well under 100 ms on an ordinary office PC.
 */
export const PLAN_CHUNK = 500;

/** Rows per bulkPut while writing: serialising a chunk of rows is quicker than building records. */
export const WRITE_CHUNK = 2000;

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

/** Runs `work` over `items` in chunks of {@link PLAN_CHUNK}, pausing after each; inside a transaction. */
export async function inChunks<T>(db: AtlasDb, items: readonly T[], progress: ExchangeProgress, phase: ExchangePhase, work: (chunk: readonly T[]) => void): Promise<void> {
  for (let start = 0; start < items.length; start += PLAN_CHUNK) {
    work(items.slice(start, start + PLAN_CHUNK));
    await pauseInTransaction(db, progress, phase, Math.min(start + PLAN_CHUNK, items.length), items.length);
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

  /** Queues `rows` in chunks; a cancel stops before the next chunk (and the transaction rolls back). */
  async put<R, K>(table: Table<R, K>, rows: readonly R[]): Promise<void> {
    for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
      throwIfCancelled(this.progress);
      const chunk = rows.slice(start, start + WRITE_CHUNK);
      const written = table.bulkPut(chunk).then(() => {
        this.done += chunk.length;
        this.progress.onProgress?.('write', this.done, this.total);
      });
      if (this.inFlight !== null) await this.inFlight;
      this.inFlight = written;
    }
  }

  /** Waits for the last chunk. */
  async finish(): Promise<void> {
    if (this.inFlight !== null) await this.inFlight;
    this.inFlight = null;
  }
}
