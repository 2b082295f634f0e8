/**
 * validateScenario parses a plain object in one go and falls back to field-by-field parsing when
 * that fails (a speed-up for 100k-row imports, issue 5). Both paths must give the same value, key
 * for key, and objects that are not plain keep the own-property rule of the field-by-field path.
 */
import { describe, expect, it } from 'vitest';
import { scenarioInputFieldSchemas, validateScenario, type ScenarioInputField } from '../../../../shared/domain/scenario';
import { fakeRegions } from './regionsFixture';

const regions = fakeRegions();

/** A valid county-level form (武侯区 is [103,30]–[104,31] in the fake), with fields to normalise. */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '  华西医院脑机接口康复病房 ',
    field: 'medical',
    techDirections: ['digital_twin', 'invasive_bci', 'invasive_bci'],
    openingLevel: 'county',
    regionCode: '510107',
    ownerUnit: '四川大学华西医院',
    location: { lat: 30.5, lng: 103.5 },
    address: '',
    description: '',
    requirements: '',
    resourcesOffered: '',
    partnerSlots: ' 2 ',
    openFrom: '2026-01-01',
    openUntil: '',
    contactName: '王医生',
    contactPhone: '028-85422114',
    contactEmail: 'bci@example.com',
    batch: '',
    ...overrides,
  };
}

/** What each field schema makes of the form on its own: the field-by-field path. */
function fieldByField(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(scenarioInputFieldSchemas) as ScenarioInputField[]) {
    const result = scenarioInputFieldSchemas[field].safeParse(Object.hasOwn(input, field) ? input[field] : undefined);
    if (!result.success) throw new Error(`field ${field} failed in the fixture`);
    out[field] = result.data;
  }
  return out;
}

describe('validateScenario parse paths', () => {
  it('gives a plain object the same value as the field-by-field parse, every key present', () => {
    for (const input of [form(), form({ isPlaced: false, batch: '第一批', partnerSlots: 0 }), Object.assign(Object.create(null) as object, form())]) {
      const result = validateScenario(input, regions);
      if (!result.ok) throw new Error(`form refused: ${JSON.stringify(result.errors)}`);
      expect(result.value).toStrictEqual(fieldByField(input as Record<string, unknown>));
      expect(Object.keys(result.value).sort()).toEqual(Object.keys(scenarioInputFieldSchemas).sort());
    }
  });

  it('reads only own fields of an object with another prototype', () => {
    const inherited = Object.create(form()) as Record<string, unknown>;
    const result = validateScenario(inherited, regions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(expect.arrayContaining(['title', 'field', 'techDirections', 'ownerUnit']));
  });

  it('reports a bad field of a plain object under that field only', () => {
    const result = validateScenario(form({ contactPhone: '12345' }), regions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['contactPhone']);
  });
});
