import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../../shared/domain/scenario';
import type { Partner } from '../../../../../shared/partners/partner';
import type { Pilot } from '../../../../../shared/partners/pilot';
import { EMPTY_PILOT_FILTER, filterPilots, leadPartnerOf, milestoneCounts, pilotsByStage } from '../../../../../renderer/features/pilots/pilotView';

function pilot(id: string, overrides: Partial<Pilot> = {}): Pilot {
  return {
    id: id as Pilot['id'],
    projectNumber: `P-510107-2026-000${id}`,
    title: `试点${id}`,
    summary: '',
    scenarioId: 's1' as Pilot['scenarioId'],
    partners: [],
    techDirection: 'non_invasive_bci',
    stage: 'applied',
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    investment: null,
    milestones: [],
    indicators: [],
    regulatory: null,
    ipOutcomes: [],
    ownerUnitCode: '510107' as Pilot['ownerUnitCode'],
    createdAt: 1,
    updatedAt: 1,
    version: 1,
    deletedAt: null,
    ...overrides,
  };
}

const scenarios = new Map<string, Pick<Scenario, 'title' | 'catalogNumber' | 'field'>>([
  ['s1', { title: '华西医院康复病区', catalogNumber: '510107-2026-0001', field: 'medical' }],
  ['s2', { title: '智能制造产线', catalogNumber: '510107-2026-0002', field: 'industrial' }],
]);
const partners = new Map<string, Partner>([['p1', { id: 'p1', name: '成都脑机科技有限公司' } as Partner]]);
const milestone = (id: string, due: string, done: string | null) => ({ id, title: id, due, done, evidence: '' });

const pilots = [
  pilot('1', { partners: [{ partnerId: 'p1' as Partner['id'], isLead: true }], milestones: [milestone('a', '2026-01-01', null), milestone('b', '2026-02-01', '2026-02-01')] }),
  pilot('2', { scenarioId: 's2' as Pilot['scenarioId'], stage: 'in_progress', techDirection: 'exoskeleton' }),
  pilot('3', { stage: 'in_progress', milestones: [milestone('c', '2026-12-01', null)] }),
];
const lookups = { scenarios, partners, today: '2026-06-01' };

describe('filterPilots', () => {
  const cases: readonly [string, Partial<typeof EMPTY_PILOT_FILTER>, string[]][] = [
    ['no filter', {}, ['1', '2', '3']],
    ['stage', { stage: 'in_progress' }, ['2', '3']],
    ['direction', { direction: 'exoskeleton' }, ['2']],
    ['field of the scenario', { field: 'industrial' }, ['2']],
    ['overdue milestones only', { isOverdueOnly: true }, ['1']],
    ['text in a partner name', { text: '脑机科技' }, ['1']],
    ['text in the scenario title', { text: '产线' }, ['2']],
    ['text in the project number, any case', { text: 'p-510107-2026-0003' }, ['3']],
    ['stage and text together', { stage: 'in_progress', text: '康复' }, ['3']],
    ['nothing matches', { text: '没有' }, []],
  ];
  it.each(cases)('%s', (_name, filter, ids) => {
    expect(filterPilots(pilots, { ...EMPTY_PILOT_FILTER, ...filter }, lookups).map((p) => p.id)).toEqual(ids);
  });
});

describe('milestoneCounts / leadPartnerOf / pilotsByStage', () => {
  it('counts done and overdue milestones (due today is not overdue)', () => {
    expect(milestoneCounts(pilots[0] as Pilot, '2026-06-01')).toEqual({ done: 1, total: 2, overdue: 1 });
    expect(milestoneCounts(pilots[0] as Pilot, '2026-01-01')).toEqual({ done: 1, total: 2, overdue: 0 });
  });
  it('finds the lead partner, or none', () => {
    expect(leadPartnerOf(pilots[0] as Pilot, partners)?.name).toBe('成都脑机科技有限公司');
    expect(leadPartnerOf(pilots[1] as Pilot, partners)).toBeUndefined();
  });
  it('groups by stage keeping order', () => {
    const groups = pilotsByStage(pilots);
    expect(groups.get('in_progress')?.map((p) => p.id)).toEqual(['2', '3']);
    expect(groups.get('signed')).toBeUndefined();
  });
});
