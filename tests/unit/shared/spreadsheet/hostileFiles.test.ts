import { describe, expect, it } from 'vitest';
import { asRegionCode } from '../../../../shared/regions/regions';
import { importSpreadsheet } from '../../../../shared/spreadsheet/importSpreadsheet';
import type { ImportContext } from '../../../../shared/spreadsheet/scenarioImport';
import { HOSTILE_FIXTURES, MINIMAL_HEADER, gbkShuffledCsv, minimalXlsx, sheetXml } from '../../../fixtures/spreadsheets/hostileFixtures';
import { realRegions } from './exportFixture';

const regions = realRegions();
const ctx: ImportContext = {
  regions,
  unitCode: asRegionCode('510107'),
  existingByNumber: new Map(),
  existingIds: new Set(),
  now: Date.UTC(2026, 5, 1),
  newId: () => '00000000-0000-4000-8000-000000000001',
};

describe('hostile import files (tests/fixtures/spreadsheets) are refused with their message', () => {
  it.each(HOSTILE_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const bytes = fixture.bytes();
    const started = performance.now();
    const result = importSpreadsheet(fixture.fileName, bytes, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(fixture.error);
    expect(result.message).toMatch(fixture.message);
    expect(result.text.en.length).toBeGreaterThan(10);
    // Refused on sight, not after chewing through the payload.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a sound file built the same way is accepted (the fixtures fail for their payload, not their frame)', () => {
    const result = importSpreadsheet('ok.xlsx', minimalXlsx({ sheetXml: sheetXml([[...MINIMAL_HEADER], ['华西医院脑机接口康复病区', '医疗健康', '非侵入式脑机接口', '四川大学华西医院', '武侯区']]) }), ctx);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.counts).toEqual({ new: 1, existing: 0, skip: 0, invalid: 0 });
    expect(result.value.rows[0]?.record).toMatchObject({ regionCode: '510107', openingLevel: 'county', isPlaced: false, status: 'draft', ownerUnitCode: '510107' });
  });

  it('a GBK CSV with shuffled columns is read: Chinese intact, dates in any common form', () => {
    const result = importSpreadsheet('gbk.csv', gbkShuffledCsv(), ctx);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.encoding).toBe('gb18030');
    expect(result.value.counts).toMatchObject({ new: 2, invalid: 0 });
    const [first, second] = result.value.rows.map((row) => row.record);
    expect(first).toMatchObject({ title: '华西医院脑机接口康复病区', field: 'medical', techDirections: ['non_invasive_bci', 'closed_loop_neuromodulation'], regionCode: '510107', openFrom: '2026-03-01', partnerSlots: 3, contactPhone: '028-85422114' });
    expect(second).toMatchObject({ title: '武侯区智慧养老院疲劳监测', field: 'eldercare', regionCode: '510107', openFrom: '2026-04-15', contactPhone: '13812345678' });
  });
});
