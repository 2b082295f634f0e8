/**
 * Big rows filled past the size at which Chromium's IndexedDB stores a value in a file of its own
 * (issue 6, merge speed).
 *
 * Chromium keeps a value whose serialised form is under 64 KB inline in its LevelDB and writes a
 * bigger one to a blob file of its own. Inline, big values cost several times more to write, and
 * more again to overwrite (LevelDB compacts them): in the issue 6 bench (bare IndexedDB, 1024 values
 * in one transaction, written / overwritten / again) values of 40 KB took 0.60–1.14 s, of 60 KB
 * 0.85–1.44 s, and of 66–120 KB 0.17–0.53 s. The merge state's pages at 100k records are ~35 KB,
 * the exchange log's batches and the received records' blocks ~40–50 KB. Filled past 64 KB, the
 * merge measured a little faster, within this machine's noise: six runs each, alternating,
 * merge_100k 2,519–3,513 ms (mean 2,874) against 2,558–3,503 ms (mean 3,081).
 *
 * So a row that holds at least {@link FILL_FROM_BYTES} but may be under the threshold gets a
 * `fill` of spaces that takes it past it. The fill is never read; backups leave it out. Small rows
 * (a single edit's page in a small register) stay small: a blob file is dearer for them.
 */

/** Chromium's threshold (blink IDBValueWrapper::kWrapThreshold): bigger values go to a blob file. */
export const BLOB_WRAP_BYTES = 64 * 1024;

/** Rows known to hold at least this many bytes are filled. */
export const FILL_FROM_BYTES = 24 * 1024;

/** A filled row's bytes at least: past the threshold with room for the row's own fields and tags. */
const FILL_TO_BYTES = BLOB_WRAP_BYTES + 1024;

const SPACES = ' '.repeat(FILL_TO_BYTES);

/** A row that may carry a fill (see the file comment). */
export interface Fillable {
  readonly fill?: string;
}

/**
 * The `fill` for a row whose serialised form holds at least `atLeastBytes` (a lower bound, e.g. the
 * length of its strings): none when the row is small, or surely over the threshold already.
 */
export function fillFor(atLeastBytes: number): Fillable {
  if (atLeastBytes < FILL_FROM_BYTES || atLeastBytes >= FILL_TO_BYTES) return {};
  return { fill: SPACES.slice(0, FILL_TO_BYTES - atLeastBytes) };
}

/** A row without its fill (for a backup, where it would only take room). */
export function withoutFill<T extends Fillable>(row: T): Omit<T, 'fill'> {
  if (row.fill === undefined) return row;
  const { fill: _fill, ...rest } = row;
  return rest;
}
