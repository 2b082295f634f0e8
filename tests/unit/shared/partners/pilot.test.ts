import { describe, expect, it } from 'vitest';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { PilotStage } from '../../../../shared/domain/vocabulary';
import {
  asPilotId,
  checkPilotStageMove,
  createPilot,
  isOverdue,
  isProjectNumber,
  nextProjectNumber,
  overdueMilestones,
  pilotRecordSchema,
  stageNeeds,
  stageRequirements,
  updatePilot,
  validatePilot,
  type Pilot,
  type PilotScenarioRef,
  type PilotValidationContext,
} from '../../../../shared/partners/pilot';

const MEDICAL = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const FACTORY = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const LEAD = '11111111-1111-4111-8111-111111111111';
const MEMBER = '22222222-2222-4222-8222-222222222222';
const STRANGER = '33333333-3333-4333-8333-333333333333';

const SCENARIOS: Record<string, PilotScenarioRef> = {
  [MEDICAL]: { field: 'medical', techDirections: ['invasive_bci', 'non_invasive_bci'] },
  [FACTORY]: { field: 'industrial', techDirections: ['exoskeleton'] },
};
const context: PilotValidationContext = {
  findScenario: (id) => SCENARIOS[id],
  hasPartner: (id) => id === LEAD || id === MEMBER,
  today: '2026-06-01',
};

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '脑机接口康复训练试点',
    summary: '',
    scenarioId: MEDICAL,
    partners: [
      { partnerId: LEAD, isLead: true },
      { partnerId: MEMBER, isLead: false },
    ],
    techDirection: 'non_invasive_bci',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    actualStart: '2026-02-01',
    actualEnd: null,
    investment: 120.5,
    milestones: [
      { id: 'm1', title: '首批患者入组', due: '2026-04-30', done: '2026-04-20', evidence: '入组记录' },
    ],
    indicators: [
      { period: '2026-03', indicator: 'people_served', value: 120 },
      { period: '2026-04', indicator: 'people_served', value: 180 },
      { period: '2026', indicator: 'devices_deployed', value: 4 },
    ],
    regulatory: { deviceRegistration: 'submitted', ethicsApproval: 'approved' },
    ipOutcomes: [{ type: 'patent', title: '一种脑电采集装置', number: '', date: null }],
    ...overrides,
  };
}

function errorCodes(
  input: Record<string, unknown>,
  ctx: PilotValidationContext = context,
): Record<string, string[]> {
  const result = validatePilot(input, ctx);
  if (result.ok) return {};
  return Object.fromEntries(
    Object.entries(result.errors).map(([field, list]) => [field, (list ?? []).map((i) => i.code)]),
  );
}

describe('validatePilot', () => {
  it('accepts a complete medical pilot', () => {
    const result = validatePilot(form(), context);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings).toEqual({});
  });

  it('accepts a minimal new pilot: lists may be absent, investment as text', () => {
    const minimal = {
      title: '外骨骼试点',
      scenarioId: FACTORY,
      techDirection: 'exoskeleton',
      investment: '35.25',
    };
    const result = validatePilot(minimal, context);
    expect(result).toMatchObject({
      ok: true,
      value: { partners: [], milestones: [], investment: 35.25, regulatory: null, plannedStart: null },
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['title empty', { title: ' ' }, 'title', 'required'],
    ['title too long', { title: '长'.repeat(101) }, 'title', 'too_long'],
    ['scenario id not a uuid', { scenarioId: 'x' }, 'scenarioId', 'invalid_value'],
    [
      'unknown scenario',
      { scenarioId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' },
      'scenarioId',
      'unknown_scenario',
    ],
    ['unknown direction', { techDirection: 'telepathy' }, 'techDirection', 'invalid_choice'],
    [
      'planned end before start',
      { plannedStart: '2026-06-01', plannedEnd: '2026-05-31' },
      'plannedEnd',
      'date_order',
    ],
    [
      'actual end before start',
      { actualStart: '2026-03-01', actualEnd: '2026-02-28' },
      'actualEnd',
      'date_order',
    ],
    ['actual end without start', { actualStart: null, actualEnd: '2026-03-01' }, 'actualStart', 'required'],
    ['impossible date', { plannedStart: '2026-02-30' }, 'plannedStart', 'invalid_date'],
    ['date in another format', { plannedEnd: '2026/12/31' }, 'plannedEnd', 'invalid_date'],
    ['negative investment', { investment: -1 }, 'investment', 'invalid_amount'],
    ['three decimals', { investment: 1.005 }, 'investment', 'invalid_amount'],
    ['investment as words', { investment: '一百万' }, 'investment', 'invalid_amount'],
    ['investment too large', { investment: 10_000_001 }, 'investment', 'invalid_amount'],
    ['no lead', { partners: [{ partnerId: LEAD, isLead: false }] }, 'partners', 'no_lead'],
    [
      'two leads',
      {
        partners: [
          { partnerId: LEAD, isLead: true },
          { partnerId: MEMBER, isLead: true },
        ],
      },
      'partners',
      'several_leads',
    ],
    [
      'duplicate partner',
      {
        partners: [
          { partnerId: LEAD, isLead: true },
          { partnerId: LEAD, isLead: false },
        ],
      },
      'partners',
      'duplicate_partner',
    ],
    [
      'unregistered partner',
      { partners: [{ partnerId: STRANGER, isLead: true }] },
      'partners',
      'unknown_partner',
    ],
    ['partner without isLead', { partners: [{ partnerId: LEAD }] }, 'partners', 'required'],
    [
      'milestone without due date',
      { milestones: [{ id: 'm1', title: 'x', due: '', done: null, evidence: '' }] },
      'milestones',
      'invalid_date',
    ],
    [
      'milestone without title',
      { milestones: [{ id: 'm1', title: '', due: '2026-01-01', done: null, evidence: '' }] },
      'milestones',
      'required',
    ],
    [
      'duplicate milestone id',
      {
        milestones: [
          { id: 'm', title: 'a', due: '2026-01-01' },
          { id: 'm', title: 'b', due: '2026-02-01' },
        ],
      },
      'milestones',
      'duplicate_milestone',
    ],
    [
      'negative indicator',
      { indicators: [{ period: '2026', indicator: 'surgeries', value: -3 }] },
      'indicators',
      'invalid_indicator_value',
    ],
    [
      'fractional indicator',
      { indicators: [{ period: '2026', indicator: 'surgeries', value: 2.5 }] },
      'indicators',
      'invalid_indicator_value',
    ],
    [
      'indicator as text',
      { indicators: [{ period: '2026', indicator: 'surgeries', value: '3' }] },
      'indicators',
      'invalid_indicator_value',
    ],
    [
      'bad period',
      { indicators: [{ period: '2026-13', indicator: 'surgeries', value: 1 }] },
      'indicators',
      'invalid_period',
    ],
    [
      'quarter period',
      { indicators: [{ period: '2026Q1', indicator: 'surgeries', value: 1 }] },
      'indicators',
      'invalid_period',
    ],
    [
      'unknown indicator',
      { indicators: [{ period: '2026', indicator: 'happiness', value: 1 }] },
      'indicators',
      'invalid_choice',
    ],
    [
      'duplicate indicator period',
      {
        indicators: [
          { period: '2026-03', indicator: 'surgeries', value: 1 },
          { period: '2026-03', indicator: 'surgeries', value: 2 },
        ],
      },
      'indicators',
      'duplicate_indicator',
    ],
    [
      'year and month mixed',
      {
        indicators: [
          { period: '2026', indicator: 'surgeries', value: 10 },
          { period: '2026-03', indicator: 'surgeries', value: 2 },
        ],
      },
      'indicators',
      'mixed_periods',
    ],
    ['medical without regulatory', { regulatory: null }, 'regulatory', 'regulatory_required'],
    [
      'regulatory state unknown',
      { regulatory: { deviceRegistration: 'maybe', ethicsApproval: 'approved' } },
      'regulatory',
      'invalid_choice',
    ],
    [
      'invasive without ethics',
      {
        techDirection: 'invasive_bci',
        regulatory: { deviceRegistration: 'planned', ethicsApproval: 'not_required' },
      },
      'regulatory',
      'regulatory_implausible',
    ],
    [
      'IP outcome of unknown type',
      { ipOutcomes: [{ type: 'secret', title: 'x' }] },
      'ipOutcomes',
      'invalid_choice',
    ],
    ['IP outcome without title', { ipOutcomes: [{ type: 'patent', title: '' }] }, 'ipOutcomes', 'required'],
    ['partners not a list', { partners: 'lead' }, 'partners', 'invalid_value'],
  ])('%s', (_name, overrides, field, code) => {
    expect(errorCodes(form(overrides))[field]).toContain(code);
  });

  it('names the row of a list error in both languages', () => {
    const result = validatePilot(
      form({
        indicators: [
          { period: '2026', indicator: 'surgeries', value: 1 },
          { period: '2026', indicator: 'rehab_uses', value: -1 },
        ],
      }),
      context,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.indicators?.[0]).toMatchObject({ index: 1, code: 'invalid_indicator_value' });
      expect(result.errors.indicators?.[0]?.zh).toContain('第 2 条指标记录的数值');
      expect(result.errors.indicators?.[0]?.en).toContain('Indicator row 2, value');
    }
  });

  it('does not require regulatory state outside medical scenarios', () => {
    expect(
      validatePilot(form({ scenarioId: FACTORY, techDirection: 'exoskeleton', regulatory: null }), context)
        .ok,
    ).toBe(true);
  });

  it('warns about dates after today and a direction the scenario does not list', () => {
    const result = validatePilot(
      form({
        scenarioId: FACTORY,
        techDirection: 'service_robot',
        regulatory: null,
        actualStart: '2026-07-01',
        milestones: [{ id: 'm', title: 'x', due: '2026-08-01', done: '2026-07-02' }],
      }),
      context,
    );
    expect(result.ok).toBe(true);
    expect(Object.keys(result.warnings).sort()).toEqual(['actualStart', 'milestones', 'techDirection']);
  });
});

describe('project numbers', () => {
  it('numbers per region and year, one past the highest, ignoring catalog numbers', () => {
    expect(nextProjectNumber('510107', 2026, [])).toEqual({ ok: true, value: 'P-510107-2026-0001' });
    expect(
      nextProjectNumber('510107', 2026, [
        'P-510107-2026-0007',
        'P-510107-2025-0020',
        '510107-2026-0099',
        'P-510104-2026-0050',
        'junk',
      ]),
    ).toEqual({
      ok: true,
      value: 'P-510107-2026-0008',
    });
    expect(nextProjectNumber('510107', 2026, 41)).toEqual({ ok: true, value: 'P-510107-2026-0042' });
  });

  it.each([
    ['5101', 2026, 'invalid-region-code'],
    ['510107', 1999, 'invalid-year'],
  ] as const)('refuses region %s year %s', (region, year, error) => {
    expect(nextProjectNumber(region, year, [])).toMatchObject({ ok: false, error });
  });

  it('refuses when the sequence is used up', () => {
    expect(nextProjectNumber('510107', 2026, ['P-510107-2026-9999'])).toMatchObject({
      ok: false,
      error: 'sequence-exhausted',
    });
  });

  it.each([
    ['P-510107-2026-0001', true],
    ['510107-2026-0001', false],
    ['P-510107-2026-1', false],
    ['p-510107-2026-0001', false],
    ['P-510107-2026-0000', false],
  ])('isProjectNumber(%j) = %s', (value, expected) => {
    expect(isProjectNumber(value)).toBe(expected);
  });
});

describe('milestones', () => {
  it.each([
    [{ due: '2026-05-31', done: null }, true],
    [{ due: '2026-06-01', done: null }, false],
    [{ due: '2026-06-02', done: null }, false],
    [{ due: '2026-05-01', done: '2026-05-20' }, false],
  ])('isOverdue(%j) on 2026-06-01 = %s', (milestone, expected) => {
    expect(isOverdue(milestone, '2026-06-01')).toBe(expected);
  });

  it('lists overdue milestones earliest first', () => {
    const milestones = [
      { id: 'b', title: 'b', due: '2026-05-01', done: null, evidence: '' },
      { id: 'a', title: 'a', due: '2026-03-01', done: null, evidence: '' },
      { id: 'c', title: 'c', due: '2026-02-01', done: '2026-02-01', evidence: '' },
    ];
    expect(overdueMilestones({ milestones }, '2026-06-01').map((m) => m.id)).toEqual(['a', 'b']);
  });
});

function pilot(overrides: Partial<Pilot> = {}): Pilot {
  const result = validatePilot(form(), context);
  if (!result.ok) throw new Error(result.message);
  const created = createPilot(result.value, {
    id: asPilotId('44444444-4444-4444-8444-444444444444'),
    projectNumber: 'P-510107-2026-0001',
    ownerUnitCode: asRegionCode('510107'),
    now: 1,
  });
  return { ...created, ...overrides };
}

describe('stage requirements', () => {
  const empty = pilot({
    partners: [],
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    milestones: [],
    regulatory: null,
  });

  it.each<[PilotStage, string[]]>([
    ['applied', []],
    ['under_review', []],
    ['selected', []],
    ['not_selected', []],
    ['terminated', []],
    ['signed', ['lead_partner', 'planned_dates']],
    ['in_progress', ['lead_partner', 'planned_dates', 'actual_start', 'ethics_approval']],
    [
      'under_acceptance',
      ['lead_partner', 'planned_dates', 'actual_start', 'ethics_approval', 'milestone_done'],
    ],
    [
      'completed',
      ['lead_partner', 'planned_dates', 'actual_start', 'ethics_approval', 'milestone_done', 'actual_end'],
    ],
    [
      'scaled_up',
      ['lead_partner', 'planned_dates', 'actual_start', 'ethics_approval', 'milestone_done', 'actual_end'],
    ],
  ])('an empty medical pilot moving to %s misses %j', (stage, keys) => {
    expect(stageRequirements(empty, stage, { scenarioField: 'medical' }).map((r) => r.key)).toEqual(keys);
  });

  it('does not ask a non-medical pilot without regulatory state for ethics approval', () => {
    expect(
      stageRequirements(empty, 'in_progress', { scenarioField: 'industrial' }).map((r) => r.key),
    ).not.toContain('ethics_approval');
  });

  it.each([
    ['pending', true],
    ['rejected', true],
    ['approved', false],
    ['not_required', false],
  ] as const)('ethics %s blocks 实施中: %s', (ethicsApproval, isMissing) => {
    const p = pilot({ regulatory: { deviceRegistration: 'planned', ethicsApproval } });
    expect(stageRequirements(p, 'in_progress').some((r) => r.key === 'ethics_approval')).toBe(isMissing);
  });

  it('is satisfied by a complete pilot', () => {
    expect(
      stageRequirements(pilot({ actualEnd: '2026-12-01' }), 'completed', { scenarioField: 'medical' }),
    ).toEqual([]);
  });

  it('stageNeeds is cumulative along the main path', () => {
    expect(stageNeeds('signed')).toEqual(['lead_partner', 'planned_dates']);
    expect(stageNeeds('terminated')).toEqual([]);
  });
});

describe('checkPilotStageMove', () => {
  it.each<[PilotStage, PilotStage]>([
    ['applied', 'in_progress'],
    ['applied', 'signed'],
    ['under_review', 'signed'],
    ['signed', 'completed'],
    ['in_progress', 'completed'],
    ['completed', 'in_progress'],
  ])('refuses the jump %s → %s', (from, to) => {
    expect(checkPilotStageMove(pilot({ stage: from, actualEnd: '2026-12-01' }), to, '说明')).toMatchObject({
      ok: false,
      error: 'not-allowed',
    });
  });

  it('refuses a move whose requirements are missing, listing them', () => {
    const result = checkPilotStageMove(pilot({ stage: 'selected', plannedEnd: null }), 'signed');
    expect(result).toMatchObject({ ok: false, error: 'requirements-missing', details: ['planned_dates'] });
    if (!result.ok) {
      expect(result.message).toContain('进入“已签约”前还需：填写计划开始和结束日期');
      expect(result.text.en).toContain('Before moving to agreement signed');
    }
  });

  it('needs a note for 已终止 but no data', () => {
    const p = pilot({ stage: 'applied', partners: [] });
    expect(checkPilotStageMove(p, 'terminated')).toMatchObject({ ok: false, error: 'note-required' });
    expect(checkPilotStageMove(p, 'terminated', '企业撤回')).toEqual({
      ok: true,
      value: { stage: 'terminated', note: '企业撤回' },
    });
  });

  it('allows a move that meets its requirements', () => {
    expect(
      checkPilotStageMove(pilot({ stage: 'signed' }), 'in_progress', null, { scenarioField: 'medical' }),
    ).toEqual({
      ok: true,
      value: { stage: 'in_progress', note: null },
    });
  });
});

describe('records', () => {
  it('creates at 申报, version 1, and round-trips through the record schema', () => {
    const p = pilot();
    expect(p).toMatchObject({ stage: 'applied', version: 1, deletedAt: null });
    expect(pilotRecordSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(pilotRecordSchema.safeParse({ ...p, projectNumber: '510107-2026-0001' }).success).toBe(false);
    expect(pilotRecordSchema.safeParse({ ...p, stage: 'won' }).success).toBe(false);
  });

  it('updates keep identity, number and stage', () => {
    const p = pilot({ stage: 'signed' });
    const edited = validatePilot(form({ title: '新名称' }), context);
    if (!edited.ok) throw new Error(edited.message);
    const next = updatePilot(p, edited.value, 5);
    expect(next).toMatchObject({
      id: p.id,
      projectNumber: p.projectNumber,
      stage: 'signed',
      title: '新名称',
      version: 2,
      updatedAt: 5,
    });
  });
});
