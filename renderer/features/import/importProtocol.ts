/** Messages between the import hook and the import worker (importWorker.ts). */
import type { LocalizedText } from '../../../shared/domain/localizedText';
import type { ExistingRecord, ImportColumn, ImportCounts, ImportRow } from '../../../shared/spreadsheet/scenarioImport';

/** What the page asks the worker: check this file against this snapshot of the register. */
export interface ImportRequest {
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
  readonly unitCode: string;
  readonly existingByNumber: ReadonlyMap<string, ExistingRecord>;
  readonly existingIds: ReadonlySet<string>;
  readonly now: number;
}

/** The plan without its rows (they come in chunks, so no single message takes long to receive). */
export interface ImportSummary {
  readonly sheetName: string;
  readonly format: 'xlsx' | 'csv';
  readonly encoding: string | null;
  readonly columns: readonly ImportColumn[];
  readonly unknownColumns: readonly string[];
  readonly counts: ImportCounts;
}

/** What the worker answers. */
export type ImportResponse =
  | { readonly type: 'progress'; readonly stage: 'read' | 'plan'; readonly done: number; readonly total: number }
  | { readonly type: 'rows'; readonly rows: readonly ImportRow[] }
  | { readonly type: 'done'; readonly summary: ImportSummary }
  | { readonly type: 'refused'; readonly error: string; readonly text: LocalizedText }
  | { readonly type: 'error'; readonly message: string };

/** Rows per 'rows' message: small enough that receiving one never holds the page for long. */
export const ROWS_PER_MESSAGE = 250;
