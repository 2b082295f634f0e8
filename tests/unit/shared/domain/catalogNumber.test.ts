import { describe, expect, it } from 'vitest';
import { catalogNumbering, nextCatalogNumber, parseCatalogNumber } from '../../../../shared/domain/catalogNumber';

describe('catalog numbers', () => {
  it('parses a well-formed number', () => {
    expect(parseCatalogNumber('510107-2026-0001')).toEqual({ ok: true, value: { regionCode: '510107', year: 2026, sequence: 1 } });
  });

  it.each([
    '',
    '510107-2026-1',
    '510107-2026-00001',
    '510107-2026-0000',
    '510107-1999-0001',
    '510107-2100-0001',
    '010107-2026-0001',
    '51010-2026-0001',
    ' 510107-2026-0001',
    '510107-2026-0001\n',
    '510107-2026-0001 ',
    '５１０１０７-2026-0001',
    '510107–2026–0001',
    '510107_2026_0001',
    '510107-2026-0001; DROP TABLE scenarios',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '510107-2026-000١',
    'x'.repeat(100_000),
    null,
    undefined,
    5101072026,
    { regionCode: '510107' },
  ])('refuses %j', (value) => {
    const result = parseCatalogNumber(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/场景编号格式/);
  });

  it('numbers from one past the highest known sequence of that region and year', () => {
    const existing = ['510107-2026-0001', '510107-2026-0007', '510107-2025-0099', '510104-2026-0050', 'garbage', '510107-2026-0003'];
    expect(nextCatalogNumber('510107', 2026, existing)).toEqual({ ok: true, value: '510107-2026-0008' });
    expect(nextCatalogNumber('510107', 2027, existing)).toEqual({ ok: true, value: '510107-2027-0001' });
    expect(nextCatalogNumber('510000', 2026, [])).toEqual({ ok: true, value: '510000-2026-0001' });
    expect(nextCatalogNumber('510107', 2026, 41)).toEqual({ ok: true, value: '510107-2026-0042' });
  });

  it('stays unique when used to number many records in a row', () => {
    const numbers: string[] = [];
    for (let i = 0; i < 300; i += 1) {
      const next = nextCatalogNumber('510107', 2026, numbers);
      if (!next.ok) throw new Error(next.message);
      numbers.push(next.value);
    }
    expect(new Set(numbers).size).toBe(300);
    expect(numbers.every((n) => parseCatalogNumber(n).ok)).toBe(true);
  });

  it('refuses bad regions, years and an exhausted sequence', () => {
    expect(nextCatalogNumber('5101', 2026, [])).toMatchObject({ ok: false, error: 'invalid-region-code' });
    expect(nextCatalogNumber('510107', 1999, [])).toMatchObject({ ok: false, error: 'invalid-year' });
    expect(nextCatalogNumber('510107', 2026.5, [])).toMatchObject({ ok: false, error: 'invalid-year' });
    const full = nextCatalogNumber('510107', 2026, ['510107-2026-9999']);
    expect(full).toMatchObject({ ok: false, error: 'sequence-exhausted' });
    if (!full.ok) expect(full.message).toContain('已用完');
  });
});

describe('catalogNumbering', () => {
  const row = (regionCode: string, catalogNumber: string) => ({ regionCode, catalogNumber });

  it.each([
    ['nothing', [], { regions: [], highestKept: [] }],
    ['only rows to number, each region once', [row('510107', ''), row('510104', ''), row('510107', '')], { regions: ['510107', '510104'], highestKept: [] }],
    [
      'the highest kept number of each region and year',
      [row('510107', '510107-2026-0007'), row('510107', '510107-2026-0012'), row('510107', '510107-2025-0040'), row('510104', '510104-2026-0003'), row('510107', '510107-2026-0009')],
      { regions: [], highestKept: ['510107-2026-0012', '510107-2025-0040', '510104-2026-0003'] },
    ],
    // The number's own region counts, not the row's: a record keeps its number when it moves.
    ['a kept number of another region', [row('510104', '510107-2026-0005'), row('510104', '')], { regions: ['510104'], highestKept: ['510107-2026-0005'] }],
    ['malformed numbers are ignored', [row('510107', '510107-2026-1'), row('510107', 'x'), row('510107', '５１０１０７-2026-0001')], { regions: [], highestKept: [] }],
  ])('%s', (_name, rows, expected) => {
    expect(catalogNumbering(rows)).toEqual(expected);
  });
});
