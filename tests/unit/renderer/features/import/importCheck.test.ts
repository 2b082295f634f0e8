import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../../shared/domain/scenario';
import type { ImportRow, ImportUpdate } from '../../../../../shared/spreadsheet/scenarioImport';
import { commitOf } from '../../../../../renderer/features/import/checkedPlan';
import { isProgressWorthShowing, type CommitProgress } from '../../../../../renderer/features/import/importCheck';

function row(rowNumber: number, action: ImportRow['action']): ImportRow {
  return {
    rowNumber,
    action,
    catalogNumber: '',
    title: `第 ${String(rowNumber)} 行`,
    errors: [],
    warnings: [],
    record: action === 'new' ? ({ id: `new-${String(rowNumber)}` } as unknown as Scenario) : null,
    update: action === 'existing' ? ({ id: `old-${String(rowNumber)}`, expectedVersion: 1 } as unknown as ImportUpdate) : null,
  };
}

describe('commitOf', () => {
  const rows = [row(2, 'new'), row(3, 'existing'), row(4, 'skip'), row(5, 'invalid'), row(6, 'new')];

  it('commits the new rows, and the existing ones only when the person chose to update them', () => {
    expect(commitOf(rows, 'update')).toEqual({ records: [rows[0]?.record, rows[4]?.record], updates: [rows[1]?.update] });
    expect(commitOf(rows, 'skip')).toEqual({ records: [rows[0]?.record, rows[4]?.record], updates: [] });
  });

  it('commits nothing of skipped or invalid rows', () => {
    expect(commitOf([row(2, 'skip'), row(3, 'invalid')], 'update')).toEqual({ records: [], updates: [] });
  });
});

describe('isProgressWorthShowing', () => {
  const at = (stage: CommitProgress['stage'], done: number, total = 100_000): CommitProgress => ({ stage, done, total });

  it.each([
    ['the first progress', null, at('write', 0), true],
    ['a new step', at('check', 100_000), at('write', 0), true],
    ['the last row', at('write', 99_990), at('write', 100_000), true],
    ['a whole percent more', at('write', 1000), at('write', 2000), true],
    ['less than a percent more', at('write', 1000), at('write', 1999), false],
    ['the same count again', at('write', 5000), at('write', 5000), false],
    ['an empty step', at('check', 0, 0), at('check', 0, 0), true],
  ])('%s: %s', (_name, shown, next, expected) => {
    expect(isProgressWorthShowing(shown, next)).toBe(expected);
  });

  it('re-renders at most about a hundred times for 100k rows in chunks of 37', () => {
    let shown: CommitProgress | null = null;
    let renders = 0;
    for (let done = 0; done <= 100_000; done = done === 100_000 ? done + 1 : Math.min(100_000, done + 37)) {
      const next = at('write', done);
      if (isProgressWorthShowing(shown, next)) {
        shown = next;
        renders += 1;
      }
    }
    expect(renders).toBe(101);
  });
});
