import { describe, expect, it } from 'vitest';
import { parseDemoArguments, type RawDemoOptions } from '../../../scripts/demo/demoArguments';

const context = { thisYear: 2026, hasRegion: (code: string) => ['510000', '510100', '510107'].includes(code) };

describe('parseDemoArguments', () => {
  it('fills defaults: 2000 records, seed 1, this year, each region its own owner, xlsx', () => {
    expect(parseDemoArguments({}, context)).toEqual({
      ok: true,
      value: { count: 2000, seed: 1, year: 2026, owner: null, format: 'xlsx', out: '演示场景-2000.xlsx' },
    });
  });

  it('takes the format from the output name, and an owner that is a Sichuan region', () => {
    const parsed = parseDemoArguments({ count: '50', seed: '7', year: '2027', owner: '510107', out: 'wuhou.CSV' }, context);
    expect(parsed).toEqual({
      ok: true,
      value: { count: 50, seed: 7, year: 2027, owner: '510107', format: 'csv', out: 'wuhou.CSV' },
    });
  });

  it('names the default file after the chosen format', () => {
    const parsed = parseDemoArguments({ format: 'csv', count: '10' }, context);
    expect(parsed.ok && parsed.value.out).toBe('演示场景-10.csv');
  });

  const bad: readonly [string, RawDemoOptions, RegExp][] = [
    ['zero records', { count: '0' }, /--count 须在 1–1000000/],
    ['too many records', { count: '1000001' }, /--count 须在/],
    ['a fraction', { count: '2.5' }, /--count 须为整数/],
    ['a negative count', { count: '-3' }, /--count 须为整数/],
    ['words for a count', { count: 'many' }, /--count 须为整数/],
    ['an empty count', { count: '' }, /--count 须为整数/],
    ['a seed past 32 bits', { seed: '4294967296' }, /--seed 须在/],
    ['a year out of range', { year: '1999' }, /--year 须在/],
    ['an owner outside Sichuan', { owner: '110000' }, /--owner 不是四川省/],
    ['an owner that is not a code', { owner: '武侯区' }, /--owner 不是四川省/],
    ['an unknown format', { format: 'xls' }, /--format 只能是 xlsx 或 csv/],
    ['an output name of another format', { format: 'xlsx', out: 'a.csv' }, /扩展名与 --format 不一致/],
  ];
  it.each(bad)('refuses %s with a message naming the option', (_name, raw, message) => {
    const parsed = parseDemoArguments(raw, context);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
