/**
 * Sizes the chunks of a long write so each task of the page stays within a time budget (issue 5:
 * "the UI never blocked more than 100 ms"). Handing a row to IndexedDB costs from tens of µs on
 * an idle PC to ≈ 0.2 ms on a loaded one (structured clone, index keys): a fixed chunk is either
 * too slow on the one or too long on the other, so the next chunk is sized from the last one's time.
 */
export interface ChunkSizerOptions {
  /** Main-thread time one chunk should take. */
  readonly budgetMs: number;
  /** Rows of the first chunk, before anything was measured. */
  readonly initial: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Default: 30 ms a chunk, so a chunk the OS then stretches (a busy machine preempts the page)
 * still fits in 100 ms; at least 25 rows, so a loaded machine does not crawl through 100k rows.
 */
export const WRITE_CHUNK_SIZING: ChunkSizerOptions = { budgetMs: 30, initial: 50, min: 25, max: 2000 };

/** The size of the next chunk from the time the previous ones took; see {@link ChunkSizerOptions}. */
export class ChunkSizer {
  private current: number;

  constructor(private readonly options: ChunkSizerOptions = WRITE_CHUNK_SIZING) {
    this.current = clamp(options.initial, options.min, options.max);
  }

  /** Rows of the next chunk. */
  get size(): number {
    return this.current;
  }

  /**
   * Records that `rows` took `elapsedMs`; the next chunk aims at the budget, growing at most
   * twofold at a time (one quick chunk may have been luck) and shrinking at once.
   */
  record(rows: number, elapsedMs: number): void {
    if (rows <= 0 || !Number.isFinite(elapsedMs)) return;
    const { budgetMs, min, max } = this.options;
    const perRow = Math.max(elapsedMs, 0.01) / rows;
    const aimed = Math.floor(budgetMs / perRow);
    this.current = clamp(Math.min(aimed, this.current * 2), min, max);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.floor(value)));
}
