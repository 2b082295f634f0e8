import { describe, expect, it } from 'vitest';
import { isChinesePhone, isEmailAddress, isIsoDate } from '../../../../shared/domain/formats';
import {
  asScenarioId,
  canEditScenario,
  createScenario,
  updateScenario,
  validateScenario,
  type ScenarioInput,
} from '../../../../shared/domain/scenario';
import { asRegionCode } from '../../../../shared/regions/regions';
import { fakeRegions } from './regionsFixture';

const regions = fakeRegions();

/** A valid county-level form: 武侯区 is [103,30]–[104,31] in the fake. */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '华西医院非侵入式脑机接口康复训练病房',
    field: 'medical',
    techDirections: ['non_invasive_bci'],
    openingLevel: 'county',
    regionCode: '510107',
    ownerUnit: '四川大学华西医院',
    location: { lat: 30.5, lng: 103.5 },
    address: '成都市武侯区国学巷37号',
    isPlaced: true,
    description: '',
    requirements: '',
    resourcesOffered: '',
    partnerSlots: 2,
    openFrom: '2026-01-01',
    openUntil: '2027-12-31',
    contactName: '王医生',
    contactPhone: '028-85422114',
    contactEmail: 'bci@example.com',
    batch: '',
    ...overrides,
  };
}

function errorCodes(input: unknown): Record<string, string[]> {
  const result = validateScenario(input, regions);
  if (result.ok) return {};
  return Object.fromEntries(Object.entries(result.errors).map(([field, list]) => [field, list.map((i) => i.code)]));
}

describe('validateScenario', () => {
  it('accepts a complete form and normalises it', () => {
    const result = validateScenario(form({ title: '  脑机接口病房 ', techDirections: ['digital_twin', 'invasive_bci', 'invasive_bci'], batch: '', openUntil: '' }), regions);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe('脑机接口病房');
    expect(result.value.techDirections).toEqual(['invasive_bci', 'digital_twin']);
    expect(result.value.batch).toBeNull();
    expect(result.value.openUntil).toBeNull();
    expect(result.warnings).toEqual({});
  });

  it.each([
    ['title', undefined],
    ['title', '   '],
    ['field', undefined],
    ['field', ''],
    ['openingLevel', null],
    ['regionCode', undefined],
    ['ownerUnit', ''],
  ])('requires %s (value %j) with a Chinese message', (field, value) => {
    const result = validateScenario(form({ [field]: value }), regions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issues = result.errors[field as keyof typeof result.errors] ?? [];
    expect(issues.map((i) => i.code)).toContain('required');
    expect(issues[0]?.zh).toMatch(/^请填写/);
    expect(issues[0]?.en).toMatch(/required/);
    expect(result.message).toMatch(/处需要修改/);
  });

  it('requires at least one known technology direction', () => {
    expect(errorCodes(form({ techDirections: [] }))).toEqual({ techDirections: ['choose_at_least_one'] });
    expect(errorCodes(form({ techDirections: ['telepathy'] }))).toEqual({ techDirections: ['invalid_choice'] });
  });

  it('refuses values outside the vocabulary', () => {
    expect(errorCodes(form({ field: 'mining' }))).toEqual({ field: ['invalid_choice'] });
    expect(errorCodes(form({ openingLevel: 'national' }))).toEqual({ openingLevel: ['invalid_choice'] });
  });

  it('refuses over-long texts', () => {
    expect(errorCodes(form({ title: '长'.repeat(101) }))).toEqual({ title: ['too_long'] });
  });

  it('reports every bad field at once', () => {
    const codes = errorCodes(form({ title: '', contactPhone: '12345', contactEmail: 'x@', partnerSlots: -1 }));
    expect(Object.keys(codes).sort()).toEqual(['contactEmail', 'contactPhone', 'partnerSlots', 'title']);
  });

  it('refuses a non-object without throwing', () => {
    for (const input of [null, undefined, 42, 'scenario', []]) expect(validateScenario(input, regions).ok).toBe(false);
  });

  describe('opening level ↔ region', () => {
    it.each([
      ['county', '510107', true],
      ['county', '510100', false],
      ['county', '510000', false],
      ['city', '510100', true],
      ['city', '510107', false],
      ['city', '510000', false],
      ['province', '510000', true],
      ['province', '510100', false],
      ['province', '510107', false],
    ])('%s with region %s → valid %s', (openingLevel, regionCode, isValid) => {
      const result = validateScenario(form({ openingLevel, regionCode }), regions);
      expect(result.ok).toBe(isValid);
      if (!result.ok) expect(result.errors.regionCode?.[0]?.code).toBe('level_mismatch');
    });

    it('names the region and the level in the message', () => {
      const result = validateScenario(form({ openingLevel: 'county', regionCode: '510100' }), regions);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.regionCode?.[0]?.zh).toBe('开放层级为“县级”时，所属地区应为县（市、区）；“成都市”是市（州）');
    });

    it.each(['510199', '110101', '51010', 'abcdef', '５１０１０７', 510107])('refuses the region code %j', (regionCode) => {
      expect(errorCodes(form({ regionCode }))).toEqual({ regionCode: ['unknown_region'] });
    });
  });

  describe('open period', () => {
    it.each(['2026-02-30', '2026-13-01', '2026-1-1', '26-01-01', '2026/01/01', '2026-01-01T00:00', 'tomorrow'])('refuses the date %s', (openFrom) => {
      expect(errorCodes(form({ openFrom }))).toEqual({ openFrom: ['invalid_date'] });
    });

    it('refuses an end before the start, accepts a one-day period and open ends', () => {
      expect(errorCodes(form({ openFrom: '2026-06-01', openUntil: '2026-05-31' }))).toEqual({ openUntil: ['period_order'] });
      expect(errorCodes(form({ openFrom: '2026-06-01', openUntil: '2026-06-01' }))).toEqual({});
      expect(errorCodes(form({ openFrom: null, openUntil: '2026-06-01' }))).toEqual({});
      expect(errorCodes(form({ openFrom: '2024-02-29', openUntil: null }))).toEqual({});
    });
  });

  describe('contact', () => {
    it.each([
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '8613812345678',
      '028-85422114',
      '02885422114',
      '028 8542 2114',
      '0813-2201234',
      '(028)85422114',
      '028-85422114-8001',
      '028-85422114转8001',
      '010-62345678',
      '400-123-4567',
      '4001234567',
      '800 123 4567',
      '１３８１２３４５６７８',
    ])('accepts the phone %s', (contactPhone) => {
      expect(isChinesePhone(contactPhone)).toBe(true);
      expect(errorCodes(form({ contactPhone }))).toEqual({});
    });

    it.each([
      '12345678901',
      '1381234567',
      '138123456789',
      '23812345678',
      '85422114',
      '028-0542211',
      '28-85422114',
      '500-123-4567',
      '138abc45678',
      'tel:13812345678',
      '13812345678; DROP TABLE',
      '1'.repeat(60),
      '028--85422114',
    ])('refuses the phone %s', (contactPhone) => {
      expect(isChinesePhone(contactPhone)).toBe(false);
      const result = validateScenario(form({ contactPhone }), regions);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.contactPhone?.[0]?.zh).toMatch(contactPhone.length > 40 ? /不能超过 40 个字/ : /联系电话格式不正确/);
    });

    it('allows no phone and no email', () => {
      expect(errorCodes(form({ contactPhone: '', contactEmail: null }))).toEqual({});
    });

    it.each(['name@example.com', 'wang.li+bci@hospital.org.cn', 'a_b@x-y.cn'])('accepts the email %s', (email) => {
      expect(isEmailAddress(email)).toBe(true);
    });

    it.each(['plain', 'x@', '@example.com', 'a@b', 'a b@example.com', 'a..b@example.com', '.a@example.com', 'a@-x.com', 'a@x.c0m', `${'a'.repeat(65)}@example.com`, 'a@b@example.com', '王@例子.中国'])(
      'refuses the email %s',
      (contactEmail) => {
        expect(isEmailAddress(contactEmail)).toBe(false);
        expect(errorCodes(form({ contactEmail }))).toEqual({ contactEmail: ['invalid_email'] });
      },
    );
  });

  it.each([-1, 1.5, 'two', Number.NaN, 1001, {}])('refuses partner slots %j', (partnerSlots) => {
    expect(Object.keys(errorCodes(form({ partnerSlots })))).toEqual(['partnerSlots']);
  });

  it.each([[0], ['3'], [''], [null]])('accepts partner slots %j', (partnerSlots) => {
    expect(errorCodes(form({ partnerSlots }))).toEqual({});
  });

  describe('location', () => {
    it('refuses a point outside Sichuan', () => {
      expect(errorCodes(form({ location: { lat: 39.9, lng: 116.4 } }))).toEqual({ location: ['outside_sichuan'] });
    });

    it.each([{ lat: 91, lng: 103 }, { lat: 30, lng: Number.NaN }, { lat: '30', lng: 103 }, null, [103, 30]])('refuses the coordinate %j', (location) => {
      expect(errorCodes(form({ location }))).toEqual({ location: ['invalid_coordinates'] });
    });

    it('warns, without refusing, when the point is in Sichuan but outside the chosen region', () => {
      const result = validateScenario(form({ location: { lat: 30.5, lng: 104.5 } }), regions);
      expect(result.ok).toBe(true);
      expect(result.warnings.location?.[0]).toMatchObject({ code: 'outside_region', zh: '位置不在所选地区“武侯区”范围内，请确认' });
    });

    it('warns that an unplaced record still sits on the region centre', () => {
      const result = validateScenario(form({ isPlaced: false, location: { lat: 30.5, lng: 103.5 } }), regions);
      expect(result.ok).toBe(true);
      expect(result.warnings.location?.[0]?.code).toBe('not_placed');
    });
  });
});

describe('formats', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1899-12-31', false],
    ['2026-04-31', false],
    [' 2026-04-01', false],
  ])('isIsoDate(%s) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('scenario records', () => {
  const input = (validateScenario(form(), regions) as { ok: true; value: ScenarioInput }).value;
  const id = asScenarioId('0f8fad5b-d9cb-469f-a165-70867728950e');

  it('creates a draft at version 1 owned by the creating unit', () => {
    const scenario = createScenario(input, { id, catalogNumber: '510107-2026-0001', ownerUnitCode: asRegionCode('510107'), now: 1000 });
    expect(scenario).toMatchObject({ status: 'draft', suspendedFrom: null, version: 1, createdAt: 1000, updatedAt: 1000, deletedAt: null, isDemo: false });
    const edited = updateScenario(scenario, { ...input, title: '新名称', regionCode: asRegionCode('510104') }, 2000);
    expect(edited).toMatchObject({ title: '新名称', version: 2, updatedAt: 2000, createdAt: 1000, catalogNumber: '510107-2026-0001', id });
  });

  it('lets only the owning unit edit', () => {
    expect(canEditScenario({ ownerUnitCode: asRegionCode('510107') }, '510107')).toBe(true);
    expect(canEditScenario({ ownerUnitCode: asRegionCode('510107') }, '510104')).toBe(false);
    expect(canEditScenario({ ownerUnitCode: asRegionCode('510107') }, null)).toBe(false);
  });

  it('brands only UUIDs as scenario ids', () => {
    expect(() => asScenarioId('510107-2026-0001')).toThrow();
    expect(() => asScenarioId('0F8FAD5B-D9CB-469F-A165-70867728950E')).toThrow();
  });
});
