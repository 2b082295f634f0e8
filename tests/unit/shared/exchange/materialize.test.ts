import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../../shared/domain/changeRecord';
import { isMaterializedEntity, partnerFromMerged, pilotFromMerged, recordFromMerged } from '../../../../shared/exchange/materialize';
import { completeCreditCode } from '../../../../shared/partners/creditCode';
import { fakeRegions } from '../domain/regionsFixture';
import { T0 } from './exchangeTestKit';

const regions = fakeRegions();
const PILOT_ID = '0a4f8a52-1c1b-4c7e-9d5e-6f2a3b4c5d6e';
const PARTNER_ID = '1b5f9b63-2d2c-4d8f-8e6f-7a3b4c5d6e7f';
const SCENARIO_ID = '2c6a0c74-3e3d-4e9a-9f7a-8b4c5d6e7f80';
const CREDIT_CODE = completeCreditCode('9151010720260001') as string;

/** Merged fields of a pilot as a creation writes them (every tracked field). */
const pilotFields: Record<string, JsonValue> = {
  id: PILOT_ID,
  projectNumber: 'P-510107-2026-0001',
  title: '非侵入式脑机接口康复训练试点',
  summary: '',
  scenarioId: SCENARIO_ID,
  partners: [{ partnerId: PARTNER_ID, isLead: true }],
  techDirection: 'non_invasive_bci',
  stage: 'applied',
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  investment: 120.5,
  milestones: [],
  indicators: [],
  regulatory: { deviceRegistration: 'planned', ethicsApproval: 'pending' },
  ipOutcomes: [],
  ownerUnitCode: '510107',
  createdAt: T0,
  deletedAt: null,
};

const partnerFields: Record<string, JsonValue> = {
  id: PARTNER_ID,
  name: '成都脑机科技有限公司',
  type: 'enterprise',
  creditCode: CREDIT_CODE,
  regionCode: '510107',
  contactName: '李工',
  contactPhone: '028-85551234',
  contactEmail: '',
  ownerUnitCode: '510107',
  createdAt: T0,
  deletedAt: null,
};

describe('which entities become rows', () => {
  it.each([
    ['scenario', true],
    ['pilot', true],
    ['partner', true],
    ['application', false],
  ] as const)('%s → %s', (entity, expected) => expect(isMaterializedEntity(entity)).toBe(expected));
});

describe('pilotFromMerged', () => {
  it('builds the stored pilot, one version after the stored one, dated by the newest change', () => {
    const built = pilotFromMerged(PILOT_ID, pilotFields, T0 + 50, { createdAt: T0, version: 3 });
    expect(built).toEqual({ ok: true, value: { ...pilotFields, updatedAt: T0 + 50, version: 4 } });
    expect(recordFromMerged('pilot', PILOT_ID, pilotFields, T0 + 50, null, regions)).toMatchObject({ ok: true, value: { entity: 'pilot', record: { version: 1 } } });
  });

  it.each([
    ['a stage that does not exist', { stage: 'teleported' }, 'stage'],
    ['a title that is a number', { title: 12345 }, 'title'],
    ['an empty title', { title: '' }, 'title'],
    ['a malformed project number', { projectNumber: 'P-1' }, 'projectNumber'],
    ['a negative investment', { investment: -1 }, 'investment'],
    ['three decimals of investment', { investment: 1.234 }, 'investment'],
    ['a partner that is not a UUID', { partners: [{ partnerId: 'x', isLead: true }] }, 'partners.0.partnerId'],
    ['a milestone without a due date', { milestones: [{ id: 'm1', title: '验收', due: null, done: null, evidence: '' }] }, 'milestones.0.due'],
    ['an indicator period that is not a year or month', { indicators: [{ period: '2026-13', indicator: 'people_served', value: 1 }] }, 'indicators.0.period'],
    ['an owner that is not a region code', { ownerUnitCode: '5101' }, 'ownerUnitCode'],
    ['a deletedAt that is text', { deletedAt: 'yesterday' }, 'deletedAt'],
    ['a missing scenario', { scenarioId: null }, 'scenarioId'],
  ])('refuses %s, naming the field', (_name, overrides, where) => {
    const built = pilotFromMerged(PILOT_ID, { ...pilotFields, ...overrides }, T0, null);
    expect(built).toMatchObject({ ok: false, error: 'invalid-record', details: [where] });
    if (!built.ok) expect(built.text.zh).toContain('试点项目记录');
  });
});

describe('partnerFromMerged', () => {
  it('builds the stored partner with the normalised credit code', () => {
    const built = partnerFromMerged(PARTNER_ID, { ...partnerFields, creditCode: CREDIT_CODE.toLowerCase() }, T0 + 5, null, regions);
    expect(built).toEqual({ ok: true, value: { ...partnerFields, updatedAt: T0 + 5, version: 1 } });
  });

  it.each([
    ['a credit code whose check character is wrong', { creditCode: `${CREDIT_CODE.slice(0, 17)}${CREDIT_CODE.endsWith('0') ? '1' : '0'}` }, 'creditCode'],
    ['a missing credit code', { creditCode: '' }, 'creditCode'],
    ['a region outside Sichuan', { regionCode: '110101' }, 'regionCode'],
    ['an unknown organisation type', { type: 'guild' }, 'type'],
    ['a phone that is not a phone', { contactPhone: '12' }, 'contactPhone'],
    ['an empty name', { name: ' ' }, 'name'],
  ])('refuses %s, naming the field', (_name, overrides, where) => {
    const built = partnerFromMerged(PARTNER_ID, { ...partnerFields, ...overrides }, T0, null, regions);
    expect(built).toMatchObject({ ok: false, error: 'invalid-record', details: [where] });
    if (!built.ok) expect(built.text.zh).toContain('伙伴单位记录');
  });

  it.each([
    ['an id that is not a UUID', { id: 'partner-1' }, 'id'],
    ['an owner that is not a region code', { ownerUnitCode: 'x' }, 'ownerUnitCode'],
    ['a negative creation time', { createdAt: -5 }, 'createdAt'],
  ])('refuses metadata with %s', (_name, overrides, where) => {
    const fields: Record<string, JsonValue> = { ...partnerFields, ...overrides };
    const built = partnerFromMerged(typeof fields['id'] === 'string' ? fields['id'] : PARTNER_ID, fields, T0, null, regions);
    expect(built).toMatchObject({ ok: false, error: 'invalid-record', details: [where] });
  });
});
