/**
 * Messages between the page and the import worker (importWorker.ts). The worker keeps the plan of
 * every row after the check (issue 5: 100k planned rows on the page heap made V8's memory reducer
 * block the page for ≈ 0.8 s); the page asks it for what it shows — a page of the preview — and,
 * on commit, asks it to write the plan: the worker opens the same database and commits in one
 * transaction, sending progress, while the page only draws the dialog.
 */
import type { LocalizedText } from '../../../shared/domain/localizedText';
import type { ExistingRecord, ImportColumn, ImportCounts, ImportRow } from '../../../shared/spreadsheet/scenarioImport';
import type { ImportCommitStage, ImportWrite } from '../../db/importRepository';
import type { Actor, UndoBatchWrite, WriteResult } from '../../db/writePath';

/** What to do with rows whose 场景编号 exists: update the register's record from the file, or skip the row. */
export type ExistingChoice = 'update' | 'skip';

/** What the page asks the worker first: check this file against this snapshot of the register. */
export interface ImportRequest {
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
  readonly unitCode: string;
  readonly existingByNumber: ReadonlyMap<string, ExistingRecord>;
  readonly existingIds: ReadonlySet<string>;
  readonly now: number;
}

/** Which rows of the preview to show. */
export type PreviewFilter = 'all' | 'problems';

/** A row of the preview as the table shows it: the plan's row without the record or update it would write. */
export type ImportPreviewRow = Omit<ImportRow, 'record' | 'update'>;

/** The plan without its rows (they stay in the worker). */
export interface ImportSummary {
  readonly sheetName: string;
  readonly format: 'xlsx' | 'csv';
  readonly encoding: string | null;
  readonly columns: readonly ImportColumn[];
  readonly unknownColumns: readonly string[];
  readonly counts: ImportCounts;
  /** Rows with an error or a warning (the preview's default filter). */
  readonly problemRows: number;
  /** What a commit writes: new records, and the updates written when the person chooses 'update'. */
  readonly commitable: { readonly records: number; readonly updates: number };
}

/** A question about the checked plan; `id` pairs it with its answer. */
export type ImportQuery = { readonly type: 'page'; readonly id: number; readonly filter: PreviewFilter; readonly offset: number; readonly limit: number };

/** Where and as whom the worker writes: the page's database, by name, and this installation's unit. */
export interface WriteTarget {
  readonly dbName: string;
  readonly actor: Actor;
}

/** Commit the plan, with `choice` for rows whose 场景编号 exists, as one operation `batchId` of the change log. */
export interface CommitRequest extends WriteTarget {
  readonly choice: ExistingChoice;
  readonly batchId: string;
}

/** Undo the whole import `batchId` (undoBatch). */
export interface UndoRequest extends WriteTarget {
  readonly batchId: string;
}

/**
 * What the page sends: the file to check, then questions about its plan, its commit and a cancel
 * of it; or, to a worker of its own, an import to undo.
 */
export type ImportMessage =
  | { readonly type: 'check'; readonly request: ImportRequest }
  | ImportQuery
  | { readonly type: 'commit'; readonly request: CommitRequest }
  | { readonly type: 'cancel-commit' }
  | { readonly type: 'undo'; readonly request: UndoRequest };

/** The answer to an {@link ImportQuery}. */
export type ImportAnswer = { readonly type: 'page'; readonly id: number; readonly rows: readonly ImportPreviewRow[]; readonly total: number };

/** What the worker answers. */
export type ImportResponse =
  | { readonly type: 'progress'; readonly stage: 'read' | 'plan'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly summary: ImportSummary }
  | { readonly type: 'refused'; readonly error: string; readonly text: LocalizedText }
  | { readonly type: 'error'; readonly message: string }
  | ImportAnswer
  | { readonly type: 'commit-progress'; readonly stage: ImportCommitStage; readonly done: number; readonly total: number }
  | { readonly type: 'committed'; readonly result: WriteResult<ImportWrite> }
  | { readonly type: 'undo-progress'; readonly done: number; readonly total: number }
  | { readonly type: 'undone'; readonly result: WriteResult<UndoBatchWrite> };
