/**
 * Version 11: received change records packed (issue 6, merge speed).
 *
 * Since version 8 the exchange log keeps the records it received in `exchangeRecords`, one row per
 * batch of the log. An import of 100k changes put them as ~35 MB of objects, which Chromium
 * serialised on the page's thread inside the merge (~0.3–0.4 s, and its longest task). Since this
 * version a batch's records may be stored as one packed block instead (raw DEFLATE of their JSON,
 * shared/exchange/packedRecords.ts): ~5 MB of bytes for the same 100k, packed by the package worker
 * while it verified the package.
 *
 * No store changes and nothing moves: a row holds either form. `{firstSeq, records}` (version 8)
 * where the import had no packed block for the batch (its records are not a block the package
 * worker packed, or it was restored from a backup); `{firstSeq, count, packed}` otherwise. Read a
 * row's records with {@link rowRecords}. The version is bumped so that an older app, which reads
 * only `records`, refuses this database (and a backup of it) instead of misreading it.
 */
import type { ChangeRecord } from '../../../shared/domain/changeRecord';
import { unpackRecords } from '../../../shared/exchange/packedRecords';
import type { SchemaVersion } from './schemaVersion';
import type { ExchangeRecordsRowV8 } from './v8';

/** A batch's received records as one packed block (shared/exchange/packedRecords.ts packRecords). */
export interface PackedRecordsRowV11 {
  readonly firstSeq: number;
  /** How many records the block holds (its changes are `firstSeq` … `firstSeq + count - 1`). */
  readonly count: number;
  readonly packed: Uint8Array;
}

/** A row of `exchangeRecords` since version 11: the records, or them packed. */
export type ExchangeRecordsRowV11 = ExchangeRecordsRowV8 | PackedRecordsRowV11;

/** How many records a row holds, without unpacking it. */
export function rowRecordCount(row: ExchangeRecordsRowV11): number {
  return 'packed' in row ? row.count : row.records.length;
}

/** A row's records, in the batch's order (unpacked when packed; throws on a damaged block). */
export function rowRecords(row: ExchangeRecordsRowV11): readonly ChangeRecord[] {
  return 'packed' in row ? unpackRecords(row.packed) : row.records;
}

/** Version 11 of the schema. */
export const schemaV11: SchemaVersion = {
  version: 11,
  stores: {},
};
