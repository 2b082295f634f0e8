import { describe, expect, it } from 'vitest';
import { asScenarioId, type ScenarioId } from '../../../../shared/domain/scenario';
import {
  MAX_APPLICATION_FILE_BYTES,
  applicationPartnerInput,
  applicationPilotInput,
  createApplicationFile,
  parseApplicationFile,
  serializeApplicationFile,
  type ApplicationFile,
  type ApplicationScenarioRef,
} from '../../../../shared/partners/application';
import { asPartnerId, validatePartner } from '../../../../shared/partners/partner';
import { validatePilot } from '../../../../shared/partners/pilot';
import { fakeRegions } from '../domain/regionsFixture';

const SCENARIO: ApplicationScenarioRef = {
  id: asScenarioId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'),
  catalogNumber: '510107-2026-0001',
  title: '华西医院脑机接口康复病房',
  status: 'open',
  field: 'medical',
  techDirections: ['non_invasive_bci', 'closed_loop_neuromodulation'],
};
const find = (id: ScenarioId): ApplicationScenarioRef | undefined =>
  id === SCENARIO.id ? SCENARIO : undefined;
const DRAFT = {
  organisation: '成都脑机科技有限公司',
  creditCode: '915101000612345649',
  contactName: '李工',
  phone: '028-85551234',
  email: 'li@example.com',
  proposal: '以非侵入式脑机接口开展卒中后上肢康复训练。',
};
const CREATED_AT = '2026-03-01T09:30:00.000Z';

function file(): ApplicationFile {
  const result = createApplicationFile(DRAFT, SCENARIO, CREATED_AT);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}
function text(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...file(), ...overrides });
}

describe('createApplicationFile', () => {
  it('builds the file from the draft and the scenario', () => {
    expect(file()).toEqual({
      format: 'scenario-atlas-application',
      formatVersion: 1,
      scenarioCatalogNumber: SCENARIO.catalogNumber,
      scenarioId: SCENARIO.id,
      ...DRAFT,
      createdAt: CREATED_AT,
    });
  });

  it.each([
    ['organisation', ''],
    ['creditCode', '915101000612345648'],
    ['phone', '123'],
    ['email', 'li@'],
    ['proposal', ''],
    ['proposal', '字'.repeat(2001)],
    ['contactName', undefined],
  ])('refuses a draft with %s = %j, naming the field', (field, value) => {
    const result = createApplicationFile({ ...DRAFT, [field]: value }, SCENARIO, CREATED_AT);
    expect(result).toMatchObject({ ok: false, error: 'invalid-application' });
    if (!result.ok) expect(result.issues?.map((i) => i.field)).toEqual([field]);
  });

  it('explains a bad credit code by its rule', () => {
    const result = createApplicationFile(
      { ...DRAFT, creditCode: '915101000612345648' },
      SCENARIO,
      CREATED_AT,
    );
    if (result.ok) throw new Error('expected a failure');
    expect(result.issues?.[0]?.zh).toMatch(/第 18 位（校验码）/);
    expect(result.issues?.[0]?.en).toMatch(/Character 18/);
  });

  it('refuses to apply to a scenario that is not open', () => {
    expect(createApplicationFile(DRAFT, { ...SCENARIO, status: 'matched' }, CREATED_AT)).toMatchObject({
      ok: false,
      error: 'scenario-not-open',
    });
  });
});

describe('parseApplicationFile', () => {
  it('reads back what serializeApplicationFile wrote, with a BOM too', () => {
    const written = serializeApplicationFile(file());
    expect(parseApplicationFile(written, find)).toEqual({
      ok: true,
      value: { application: file(), scenario: SCENARIO, warnings: [] },
    });
    expect(parseApplicationFile(`\uFEFF${written}`, find).ok).toBe(true);
  });

  it('warns, but imports, when the scenario is no longer open', () => {
    const result = parseApplicationFile(text(), () => ({ ...SCENARIO, status: 'matched' }));
    expect(result.ok && result.value.warnings.length).toBe(1);
  });

  it.each<[string, string, string]>([
    ['oversized (before parsing)', `{"x":"${'a'.repeat(MAX_APPLICATION_FILE_BYTES)}"}`, 'too-large'],
    ['oversized in UTF-8 though short in characters', `"${'中'.repeat(22_000)}"`, 'too-large'],
    ['empty', '', 'not-json'],
    ['truncated', text().slice(0, 40), 'not-json'],
    ['not JSON', 'organisation=成都', 'not-json'],
    ['an array', '[]', 'wrong-format'],
    ['null', 'null', 'wrong-format'],
    ['another format', text({ format: 'scenario-atlas-exchange' }), 'wrong-format'],
    ['a newer version', text({ formatVersion: 2 }), 'unsupported-version'],
    ['version as text', text({ formatVersion: '1' }), 'unsupported-version'],
    ['__proto__ key', text().replace('{', '{"__proto__":{"isAdmin":true},'), 'invalid-field'],
    ['constructor key', text({ constructor: 'x' }), 'invalid-field'],
    ['unknown key', text({ attachment: 'x.exe' }), 'invalid-field'],
    ['missing key', JSON.stringify({ ...file(), proposal: undefined }), 'invalid-field'],
    ['number for text', text({ organisation: 42 }), 'invalid-field'],
    ['object for text', text({ phone: { number: '13812345678' } }), 'invalid-field'],
    ['bad credit code', text({ creditCode: '91510100061234564X' }), 'invalid-field'],
    ['bad scenario id', text({ scenarioId: '../../etc' }), 'invalid-field'],
    ['bad catalog number', text({ scenarioCatalogNumber: '510107-26-1' }), 'invalid-field'],
    ['bad date', text({ createdAt: 'yesterday' }), 'invalid-field'],
    ['proposal too long', text({ proposal: '字'.repeat(2001) }), 'invalid-field'],
    ['unknown scenario', text({ scenarioId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' }), 'unknown-scenario'],
    [
      'catalog number of another scenario',
      text({ scenarioCatalogNumber: '510107-2026-0002' }),
      'scenario-mismatch',
    ],
  ])('refuses %s → %s', (_name, input, error) => {
    const result = parseApplicationFile(input, find);
    expect(result).toMatchObject({ ok: false, error });
    if (!result.ok) expect(result.text.en.length).toBeGreaterThan(5);
  });

  it('says which field is wrong', () => {
    const result = parseApplicationFile(text({ email: 'li@' }), find);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('邮箱格式不正确');
  });

  it('never touches Object.prototype', () => {
    parseApplicationFile(
      '{"__proto__":{"polluted":true},"format":"scenario-atlas-application","formatVersion":1}',
      find,
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('conversion into a pilot at 申报', () => {
  it('gives a partner form and a pilot form that validate', () => {
    const application = file();
    const partner = validatePartner(applicationPartnerInput(application), fakeRegions(), new Map());
    expect(partner).toMatchObject({
      ok: true,
      value: { name: DRAFT.organisation, creditCode: DRAFT.creditCode, type: 'other' },
    });

    const leadId = asPartnerId('11111111-1111-4111-8111-111111111111');
    const input = applicationPilotInput(application, SCENARIO, leadId);
    expect(input).toMatchObject({
      summary: DRAFT.proposal,
      partners: [{ partnerId: leadId, isLead: true }],
      techDirection: 'non_invasive_bci',
      regulatory: { deviceRegistration: 'planned', ethicsApproval: 'pending' },
    });
    const pilot = validatePilot(input, { findScenario: () => SCENARIO, hasPartner: (id) => id === leadId });
    expect(pilot.ok).toBe(true);
  });

  it('keeps long titles within the limit', () => {
    const input = applicationPilotInput(
      { ...file(), organisation: '单'.repeat(100) },
      SCENARIO,
      asPartnerId('11111111-1111-4111-8111-111111111111'),
    );
    expect([...input.title].length).toBe(100);
    expect(input.title.endsWith('…')).toBe(true);
  });
});
