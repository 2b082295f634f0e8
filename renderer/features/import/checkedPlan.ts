/**
 * The checked plan as the import worker keeps it (issue 5): the page never holds 100k planned
 * rows, it asks for the page of the preview it shows, and the worker commits the plan itself.
 * Pure, so it is tested without a worker.
 */
import type { Scenario } from '../../../shared/domain/scenario';
import type { ImportPlan, ImportRow, ImportUpdate } from '../../../shared/spreadsheet/scenarioImport';
import type { ImportCommit } from '../../db/importRepository';
import type { ExistingChoice, ImportPreviewRow, ImportSummary, PreviewFilter } from './importProtocol';

/** The records and updates a commit of these rows writes, with a choice for rows whose 场景编号 exists. */
export function commitOf(rows: readonly ImportRow[], choice: ExistingChoice): ImportCommit {
  const records: Scenario[] = [];
  const updates: ImportUpdate[] = [];
  for (const row of rows) {
    if (row.action === 'new' && row.record) records.push(row.record);
    else if (row.action === 'existing' && row.update && choice === 'update') updates.push(row.update);
  }
  return { records, updates };
}

/** The preview row of a plan row: without the record or update (the table shows neither). */
function previewRow(row: ImportRow): ImportPreviewRow {
  return { rowNumber: row.rowNumber, action: row.action, catalogNumber: row.catalogNumber, title: row.title, errors: row.errors, warnings: row.warnings };
}

/** A plan's rows indexed for the preview's pages, and what a commit writes. */
export class CheckedPlan {
  readonly summary: ImportSummary;
  private readonly rows: readonly ImportRow[];
  /** Indexes of the rows with an error or a warning. */
  private readonly problems: readonly number[];
  private readonly records: readonly Scenario[];
  private readonly updates: readonly ImportUpdate[];

  constructor(plan: ImportPlan) {
    const { rows, ...rest } = plan;
    const problems: number[] = [];
    rows.forEach((row, index) => {
      if (row.errors.length + row.warnings.length > 0) problems.push(index);
    });
    // Every update is kept: the choice 'skip' asks for none of them (commit() below).
    const { records, updates } = commitOf(rows, 'update');
    this.rows = rows;
    this.problems = problems;
    this.records = records;
    this.updates = updates;
    this.summary = { ...rest, problemRows: problems.length, commitable: { records: records.length, updates: updates.length } };
  }

  /** Rows `offset`… of the preview (at most `limit`), and how many rows the filter shows in all. */
  page(filter: PreviewFilter, offset: number, limit: number): { rows: ImportPreviewRow[]; total: number } {
    const from = Math.max(0, Math.floor(offset));
    const to = from + Math.max(0, Math.floor(limit));
    if (filter === 'problems') {
      return { rows: this.problems.slice(from, to).map((index) => previewRow(this.rows[index] as ImportRow)), total: this.problems.length };
    }
    return { rows: this.rows.slice(from, to).map(previewRow), total: this.rows.length };
  }

  /** What a commit with this choice writes ('skip': none of the updates). */
  commit(choice: ExistingChoice): ImportCommit {
    return { records: this.records, updates: choice === 'update' ? this.updates : [] };
  }
}
