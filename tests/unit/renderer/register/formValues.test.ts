import { describe, expect, it } from 'vitest';
import {
  asScenarioId,
  createScenario,
  validateScenario,
  type FieldIssues,
  type ScenarioInput,
} from '../../../../shared/domain/scenario';
import { asRegionCode } from '../../../../shared/regions/regions';
import {
  changedFields,
  DEFAULT_PARTNER_SLOTS,
  emptyFormValues,
  formValuesToInput,
  isSameFormInput,
  roundCoordinate,
  scenarioToFormValues,
  withoutIssuesOf,
  withRegion,
  type ScenarioFormValues,
} from '../../../../renderer/features/register/formValues';
import { fakeRegions } from '../../shared/domain/regionsFixture';

const regions = fakeRegions();

function region(code: string) {
  const found = regions.get(code);
  if (!found) throw new Error(`[test] no region ${code} in the fixture`);
  return found;
}

/** A valid county-level scenario in 武侯区 ([103,30]–[104,31] in the fake). */
const input: ScenarioInput = {
  title: '华西医院非侵入式脑机接口康复训练病房',
  field: 'medical',
  techDirections: ['non_invasive_bci', 'neural_sensing'],
  openingLevel: 'county',
  regionCode: asRegionCode('510107'),
  ownerUnit: '四川大学华西医院',
  location: { lat: 30.5, lng: 103.5 },
  address: '成都市武侯区国学巷37号',
  isPlaced: true,
  description: '康复科病房',
  requirements: '非侵入式脑机接口康复训练系统',
  resourcesOffered: '床位 20 张',
  partnerSlots: 3,
  openFrom: '2025-03-01',
  openUntil: '2026-02-28',
  contactName: '张医生',
  contactPhone: '028-85551234',
  contactEmail: 'rehab@example.com',
  batch: null,
};

const scenario = createScenario(input, {
  id: asScenarioId('0b7d3c1e-2f4a-4c6b-9d8e-1a2b3c4d5e6f'),
  catalogNumber: '510107-2025-0001',
  ownerUnitCode: asRegionCode('510107'),
  now: 1_700_000_000_000,
});

describe('emptyFormValues', () => {
  it('starts a county user at the county, county level, its centre, not placed', () => {
    const values = emptyFormValues('510107', regions);
    expect(values.regionCode).toBe('510107');
    expect(values.openingLevel).toBe('county');
    expect(values.location).toEqual({ lat: 30.5, lng: 103.5 });
    expect(values.isPlaced).toBe(false);
    expect(values.partnerSlots).toBe(DEFAULT_PARTNER_SLOTS);
    expect(values.techDirections).toEqual([]);
    expect(values.field).toBeNull();
  });

  it.each([
    ['510100', 'city'],
    ['510000', 'province'],
  ] as const)('picks the opening level of the unit %s (%s)', (code, level) => {
    expect(emptyFormValues(code, regions).openingLevel).toBe(level);
  });

  it.each(['', '999999', 'not-a-code'])('falls back to the province for an unknown unit %j', (code) => {
    const values = emptyFormValues(code, regions);
    expect(values.regionCode).toBe('510000');
    expect(values.openingLevel).toBe('province');
  });

  it('is not valid until the required fields are filled, and says which', () => {
    const result = validateScenario(formValuesToInput(emptyFormValues('510107', regions)), regions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['field', 'ownerUnit', 'techDirections', 'title']);
    expect(result.errors.title?.[0]?.zh).toBe('请填写场景名称');
    expect(result.warnings.location?.[0]?.code).toBe('not_placed');
  });
});

describe('scenarioToFormValues → formValuesToInput', () => {
  it('round-trips a stored scenario through validation unchanged', () => {
    const result = validateScenario(formValuesToInput(scenarioToFormValues(scenario)), regions);
    expect(result).toMatchObject({ ok: true, value: input });
  });

  it('shows a missing batch as an empty text and saves it back as null', () => {
    expect(scenarioToFormValues(scenario).batch).toBe('');
    const result = validateScenario(formValuesToInput(scenarioToFormValues(scenario)), regions);
    expect(result.ok && result.value.batch).toBeNull();
  });

  it('copies lists and points instead of sharing them with the record', () => {
    const values = scenarioToFormValues(scenario);
    expect(values.techDirections).not.toBe(scenario.techDirections);
    expect(values.location).not.toBe(scenario.location);
  });
});

describe('formValuesToInput', () => {
  it('gives every form field, even from an empty object', () => {
    const raw = formValuesToInput({});
    expect(Object.keys(raw).sort()).toEqual(
      [
        'address',
        'batch',
        'contactEmail',
        'contactName',
        'contactPhone',
        'description',
        'field',
        'isPlaced',
        'location',
        'openFrom',
        'openUntil',
        'openingLevel',
        'ownerUnit',
        'partnerSlots',
        'regionCode',
        'requirements',
        'resourcesOffered',
        'techDirections',
        'title',
      ].sort(),
    );
    expect(raw).toMatchObject({ title: '', field: null, techDirections: [], location: null, isPlaced: false, openFrom: null });
  });

  it.each([
    ['a cleared select', { field: undefined }, 'field', null],
    ['a cleared multi-select', { techDirections: undefined }, 'techDirections', []],
    ['a cleared text', { title: undefined }, 'title', ''],
    ['a cleared number', { partnerSlots: null }, 'partnerSlots', null],
    ['an empty date', { openFrom: '' }, 'openFrom', null],
  ] as const)('normalises %s', (_name, patch, field, expected) => {
    const values = { ...scenarioToFormValues(scenario), ...patch } as Partial<ScenarioFormValues>;
    expect(formValuesToInput(values)[field]).toEqual(expected);
  });

  it.each([
    ['a phone that is not Chinese', { contactPhone: '12345' }, 'contactPhone', 'invalid_phone'],
    ['an email without a domain', { contactEmail: 'rehab@' }, 'contactEmail', 'invalid_email'],
    ['an end before the start', { openFrom: '2026-01-01', openUntil: '2025-01-01' }, 'openUntil', 'period_order'],
    ['a county level on a city', { regionCode: '510100' }, 'regionCode', 'level_mismatch'],
    ['negative partner slots', { partnerSlots: -1 }, 'partnerSlots', 'invalid_partner_slots'],
    ['a blank title', { title: '   ' }, 'title', 'required'],
    ['a point outside Sichuan', { location: { lat: 39.9, lng: 116.4 } }, 'location', 'outside_sichuan'],
  ] as const)('lets validation report %s on its field', (_name, patch, field, code) => {
    const result = validateScenario(formValuesToInput({ ...scenarioToFormValues(scenario), ...patch }), regions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[field]?.map((issue) => issue.code)).toContain(code);
  });

  it('warns, without an error, when the placed point is outside the chosen region', () => {
    // 锦江区 is next door ([104,30]–[105,31]).
    const result = validateScenario(formValuesToInput({ ...scenarioToFormValues(scenario), location: { lat: 30.5, lng: 104.5 } }), regions);
    expect(result.ok).toBe(true);
    expect(result.warnings.location?.[0]?.code).toBe('outside_region');
  });
});

describe('withRegion', () => {
  const county = emptyFormValues('510107', regions);

  it('follows the opening level of the new region', () => {
    expect(withRegion(county, region('510100')).openingLevel).toBe('city');
    expect(withRegion(county, region('510000')).openingLevel).toBe('province');
    expect(withRegion(county, region('511181')).openingLevel).toBe('county');
  });

  it('moves a location that is not placed yet to the new centre', () => {
    const next = withRegion(county, region('511181'));
    expect(next.regionCode).toBe('511181');
    expect(next.location).toEqual({ lat: 28.5, lng: 103.5 });
    expect(next.isPlaced).toBe(false);
  });

  it('keeps a location the user placed', () => {
    const placed = { ...county, location: { lat: 30.2, lng: 103.2 }, isPlaced: true };
    expect(withRegion(placed, region('511181')).location).toEqual({ lat: 30.2, lng: 103.2 });
  });

  it('clears only the region when it is cleared', () => {
    const next = withRegion(county, null);
    expect(next.regionCode).toBeNull();
    expect(next.openingLevel).toBe('county');
    expect(next.location).toEqual(county.location);
  });
});

describe('isSameFormInput and changedFields', () => {
  const values = scenarioToFormValues(scenario);

  it('sees no change between a record and its own form values', () => {
    expect(isSameFormInput(values, scenarioToFormValues(scenario))).toBe(true);
    expect(changedFields(values, scenarioToFormValues(scenario))).toEqual([]);
  });

  it('treats a cleared control as the same as an empty one', () => {
    expect(isSameFormInput({ ...values, batch: '' }, { ...values, batch: undefined } as Partial<ScenarioFormValues>)).toBe(true);
  });

  it('names the fields that changed', () => {
    const next = { ...values, title: '新名称', location: { lat: 30.6, lng: 103.6 }, isPlaced: false };
    expect(isSameFormInput(values, next)).toBe(false);
    expect(changedFields(values, next).sort()).toEqual(['isPlaced', 'location', 'title']);
  });
});

describe('withoutIssuesOf', () => {
  it('drops the issues of the given fields only', () => {
    const issues: FieldIssues = {
      title: [{ code: 'required', zh: '请填写场景名称', en: 'Title is required' }],
      contactPhone: [{ code: 'invalid_phone', zh: '联系电话格式不正确', en: 'Phone' }],
    };
    expect(withoutIssuesOf(issues, ['title'])).toEqual({ contactPhone: issues.contactPhone });
    expect(issues.title).toBeDefined(); // not mutated
  });
});

describe('roundCoordinate', () => {
  it.each([
    [30.123456789, 30.12346],
    [104.000006, 104.00001],
    [103.5, 103.5],
  ])('keeps 5 decimals of %f', (value, expected) => {
    expect(roundCoordinate(value)).toBe(expected);
  });
});
