import { describe, expect, it } from 'vitest';
import { applicationFileName } from '../../../../renderer/features/company/applicationFile';

// 2026-11-25 20:00 UTC is already 2026-11-26 in Asia/Shanghai, the offices' calendar.
const LATE_EVENING_UTC = Date.UTC(2026, 10, 25, 20, 0, 0);

describe('applicationFileName', () => {
  it('names stem, catalog number and the Shanghai date, with the application extension', () => {
    expect(applicationFileName('合作意向', '510107-2026-0001', LATE_EVENING_UTC)).toBe('合作意向-510107-2026-0001-20261126.application.json');
    expect(applicationFileName('application', '510000-2026-0042', Date.UTC(2026, 0, 2, 1))).toBe(
      'application-510000-2026-0042-20260102.application.json',
    );
  });

  it.each([
    ['a/b', 'a_b'],
    ['a\\b', 'a_b'],
    ['a:b*c?', 'a_b_c_'],
    ['合作 意向', '合作_意向'],
    ['"<x>|', '__x__'],
  ])('replaces characters a file system refuses: %s', (stem, safe) => {
    expect(applicationFileName(stem, '510107-2026-0001', LATE_EVENING_UTC)).toBe(`${safe}-510107-2026-0001-20261126.application.json`);
  });
});
