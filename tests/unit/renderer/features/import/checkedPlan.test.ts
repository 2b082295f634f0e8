import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../../shared/domain/scenario';
import type { ImportPlan, ImportRow, ImportUpdate } from '../../../../../shared/spreadsheet/scenarioImport';
import { CheckedPlan } from '../../../../../renderer/features/import/checkedPlan';

const issue = { zh: '联系电话格式不正确', en: 'The phone number is malformed', column: '联系电话' };

function row(rowNumber: number, action: ImportRow['action'], problem: 'error' | 'warning' | null = null): ImportRow {
  return {
    rowNumber,
    action,
    catalogNumber: '',
    title: `第 ${String(rowNumber)} 行`,
    errors: problem === 'error' ? [issue] : [],
    warnings: problem === 'warning' ? [issue] : [],
    record: action === 'new' ? ({ id: `new-${String(rowNumber)}` } as unknown as Scenario) : null,
    update: action === 'existing' ? ({ id: `old-${String(rowNumber)}`, expectedVersion: 1 } as unknown as ImportUpdate) : null,
  };
}

function planOf(rows: ImportRow[]): ImportPlan {
  return { sheetName: '场景目录', format: 'xlsx', encoding: null, columns: [], unknownColumns: ['备注'], rows, counts: { new: 0, existing: 0, skip: 0, invalid: 0 } };
}

describe('CheckedPlan (the import worker keeps the plan; the page asks for what it shows)', () => {
  const rows = [row(2, 'new'), row(3, 'invalid', 'error'), row(4, 'existing'), row(5, 'new', 'warning'), row(6, 'skip'), row(7, 'invalid', 'error'), row(8, 'new')];
  const plan = new CheckedPlan(planOf(rows));

  it('sums up the plan without its rows: problems, and what a commit writes', () => {
    expect(plan.summary).toEqual({
      sheetName: '场景目录',
      format: 'xlsx',
      encoding: null,
      columns: [],
      unknownColumns: ['备注'],
      counts: { new: 0, existing: 0, skip: 0, invalid: 0 },
      problemRows: 3,
      commitable: { records: 3, updates: 1 },
    });
    expect(plan.summary).not.toHaveProperty('rows');
  });

  it.each([
    ['all rows, first page', 'all', 0, 3, [2, 3, 4], 7],
    ['all rows, last page (short)', 'all', 6, 3, [8], 7],
    ['all rows, past the end', 'all', 9, 3, [], 7],
    ['problem rows only', 'problems', 0, 20, [3, 5, 7], 3],
    ['problem rows, second page', 'problems', 2, 2, [7], 3],
  ] as const)('%s', (_name, filter, offset, limit, numbers, total) => {
    const page = plan.page(filter, offset, limit);
    expect(page.rows.map((shown) => shown.rowNumber)).toEqual(numbers);
    expect(page.total).toBe(total);
  });

  it('a preview row carries every error and warning, but not the record or update it would write', () => {
    const [withError, withWarning] = plan.page('problems', 0, 2).rows;
    expect(withError).toEqual({ rowNumber: 3, action: 'invalid', catalogNumber: '', title: '第 3 行', errors: [issue], warnings: [] });
    expect(withWarning?.warnings).toEqual([issue]);
    expect(withWarning).not.toHaveProperty('record');
  });

  it.each([
    ['update', ['old-4']],
    ['skip', []],
  ] as const)('commits the new records and, choosing %s, these updates, in file order', (choice, updates) => {
    const commit = plan.commit(choice);
    expect(commit.records.map((record) => record.id)).toEqual(['new-2', 'new-5', 'new-8']);
    expect(commit.updates.map((update) => update.id)).toEqual(updates);
  });
});
