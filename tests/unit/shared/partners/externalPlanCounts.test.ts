import { describe, expect, it } from 'vitest';
import {
  MAX_EXTERNAL_PLAN_COUNT,
  parseExternalPlanCountsEntry,
  validateExternalPlanCounts,
} from '../../../../shared/partners/dashboard';

describe('validateExternalPlanCounts', () => {
  it('keeps whole numbers from 0 to the maximum and leaves empty counts out', () => {
    expect(validateExternalPlanCounts({ chainLeaderEnterprises: 0, innovativeSmes: MAX_EXTERNAL_PLAN_COUNT })).toEqual({
      ok: true,
      value: { chainLeaderEnterprises: 0, innovativeSmes: MAX_EXTERNAL_PLAN_COUNT },
    });
    expect(validateExternalPlanCounts({})).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['a negative count', { specialisedSmes: -1 }, '专精特新'],
    ['a fraction', { specialisedSmes: 1.5 }, '专精特新'],
    ['over the maximum', { innovativeSmes: MAX_EXTERNAL_PLAN_COUNT + 1 }, '创新型中小企业'],
    ['text', { chainLeaderEnterprises: '12' }, '链主企业'],
    ['NaN', { chainLeaderEnterprises: Number.NaN }, '链主企业'],
    ['Infinity', { chainLeaderEnterprises: Number.POSITIVE_INFINITY }, '链主企业'],
    ['null', { chainLeaderEnterprises: null }, '链主企业'],
    ['an unknown key', { patents: 3 }, 'patents'],
    ['__proto__ as a key', JSON.parse('{"__proto__": 3}') as unknown, '__proto__'],
  ])('refuses %s with a Chinese message naming the count', (_name, input, named) => {
    const result = validateExternalPlanCounts(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe('invalid-plan-count');
    expect(result.message).toContain(named);
    expect(result.text.en.length).toBeGreaterThan(0);
  });

  it.each([null, undefined, 3, 'x', []])('refuses %p as a whole', (input) => {
    expect(validateExternalPlanCounts(input).ok).toBe(false);
  });
});

describe('parseExternalPlanCountsEntry', () => {
  const entry = { counts: { specialisedSmes: 40 }, updatedAt: 1_780_000_000_000, unitCode: '510000' };

  it('reads a stored entry', () => {
    expect(parseExternalPlanCountsEntry(entry)).toEqual(entry);
  });

  it.each([
    ['nothing', undefined],
    ['a bad count', { ...entry, counts: { specialisedSmes: -4 } }],
    ['a bad unit code', { ...entry, unitCode: '51' }],
    ['a negative time', { ...entry, updatedAt: -1 }],
    ['an extra key', { ...entry, note: 'x' }],
    ['a string', 'entry'],
  ])('ignores %s (null, never throws)', (_name, value) => {
    expect(parseExternalPlanCountsEntry(value)).toBeNull();
  });
});
