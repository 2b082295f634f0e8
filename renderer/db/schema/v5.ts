/**
 * Version 5: the exchange log in batches (issue 6, merge speed).
 *
 * Version 4 kept one `exchangeLog` row per change. Writing a row costs about the same whatever its
 * size, and an import of 100k changes wrote 100k of them (about a sixth of its time, next to the
 * register rows, the change log and the merge state). `exchangeBatches` numbers the changes in
 * runs: one row per up to {@link EXCHANGE_BATCH_SIZE} changes, holding their ids and the owners'
 * attestations they arrived with, by `firstSeq`; "since my last package to X" reads the batches
 * whose `lastSeq` is above the last seq sent to X.
 *
 * The upgrade moves every v4 row into batches (a gap in the seqs starts a new batch) and empties
 * `exchangeLog`; the table stays, empty and unused, because shipped versions are not rewritten.
 */
import type { Transaction } from 'dexie';
import type { SchemaVersion } from './schemaVersion';

/** Most changes one exchange batch holds. */
export const EXCHANGE_BATCH_SIZE = 1000;

/** An exchange-log row of version 4. */
interface ExchangeLogRowV4 {
  readonly changeId: string;
  readonly seq: number;
  readonly attestation: string | null;
}

/**
 * A run of changes known to the exchange, numbered `firstSeq` … `lastSeq` in arrival order.
 * `attestations[i]` indexes `signatures` (the owner attestation change i arrived with), -1 for an
 * own change (signed when exported).
 */
export interface ExchangeBatchRowV5 {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly changeIds: readonly string[];
  readonly attestations: readonly number[];
  readonly signatures: readonly string[];
}

/** Builds the batches of changes numbered from `firstSeq`, each with its attestation signature (null for own). */
export function toExchangeBatches(firstSeq: number, items: readonly { readonly changeId: string; readonly attestation: string | null }[]): ExchangeBatchRowV5[] {
  const batches: ExchangeBatchRowV5[] = [];
  for (let start = 0; start < items.length; start += EXCHANGE_BATCH_SIZE) {
    const chunk = items.slice(start, start + EXCHANGE_BATCH_SIZE);
    const signatures: string[] = [];
    const index = new Map<string, number>();
    const attestations = chunk.map(({ attestation }) => {
      if (attestation === null) return -1;
      let at = index.get(attestation);
      if (at === undefined) {
        at = signatures.length;
        signatures.push(attestation);
        index.set(attestation, at);
      }
      return at;
    });
    batches.push({ firstSeq: firstSeq + start, lastSeq: firstSeq + start + chunk.length - 1, changeIds: chunk.map((item) => item.changeId), attestations, signatures });
  }
  return batches;
}

async function batchTheExchangeLog(tx: Transaction): Promise<void> {
  const log = tx.table<ExchangeLogRowV4, string>('exchangeLog');
  const rows = await log.orderBy('seq').toArray();
  const batches: ExchangeBatchRowV5[] = [];
  let run: ExchangeLogRowV4[] = [];
  const flush = (): void => {
    const first = run[0];
    if (first !== undefined) batches.push(...toExchangeBatches(first.seq, run));
    run = [];
  };
  for (const row of rows) {
    const last = run[run.length - 1];
    if (last !== undefined && row.seq !== last.seq + 1) flush();
    run.push(row);
  }
  flush();
  await tx.table<ExchangeBatchRowV5, number>('exchangeBatches').bulkAdd(batches);
  await log.clear();
}

/** Version 5 of the schema. */
export const schemaV5: SchemaVersion = {
  version: 5,
  stores: {
    exchangeBatches: 'firstSeq, lastSeq',
  },
  upgrade: batchTheExchangeLog,
};
