import type { Transaction } from 'dexie';

/**
 * One version of the database schema: Dexie store specs (only the tables it adds or changes;
 * `null` drops a table) and, when data must change shape, an upgrade step. A version that has
 * shipped is never edited, only followed by a new one (STYLE.md "Data").
 */
export interface SchemaVersion {
  readonly version: number;
  readonly stores: Readonly<Record<string, string | null>>;
  /** Runs once, inside Dexie's upgrade transaction, when a database of an older version opens. */
  readonly upgrade?: (tx: Transaction) => Promise<void>;
}
