/**
 * Version 8: received change records kept in the exchange log (issue 6, merge speed).
 *
 * Until version 7 an exchange import wrote every change it received into `changes`, one row each,
 * beside one register row per record. Chromium's IndexedDB charges per row, and more per row the
 * bigger the transaction: at 100k changes those rows were 18 of the merge's 63 s (bench
 * browser:exchange with them left out: merge_100k_changes_ms 62.6 → 44.7 s, this session's machine).
 *
 * `exchangeRecords` holds the received records themselves, one row per exchange-log batch
 * (`firstSeq` of the batch; records in the batch's order, at most EXCHANGE_BATCH_SIZE): the
 * exchange log then carries what it relays, and `changes` keeps what was written here (local edits,
 * undo, spreadsheet imports, an import's marker). A batch logging local changes has no row here; its
 * records are in `changes`. A record's received changes are found through its merge entry's `log`
 * (their seqs), so its history needs no scan.
 *
 * Nothing moves: records received before version 8 stay in `changes`, where they were read from.
 */
import type { ChangeRecord } from '../../../shared/domain/changeRecord';
import type { SchemaVersion } from './schemaVersion';

/** The records a batch of the exchange log received, in the batch's order (its changes `firstSeq` …). */
export interface ExchangeRecordsRowV8 {
  readonly firstSeq: number;
  readonly records: readonly ChangeRecord[];
}

/** Version 8 of the schema. */
export const schemaV8: SchemaVersion = {
  version: 8,
  stores: {
    exchangeRecords: 'firstSeq',
  },
};
