import { describe, expect, it } from 'vitest';
import { asScenarioId } from '../../../../shared/domain/scenario';
import type { PilotStage, ScenarioStatus } from '../../../../shared/domain/vocabulary';
import type { SuspendableStatus } from '../../../../shared/domain/scenarioStatus';
import {
  freePartnerSlots,
  isOpenForPartners,
  scenarioStatusOffer,
} from '../../../../shared/partners/scenarioOffer';

const ID = asScenarioId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
const OTHER = asScenarioId('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');

function scenario(status: ScenarioStatus, suspendedFrom: SuspendableStatus | null = null) {
  return { id: ID, status, suspendedFrom };
}

describe('scenarioStatusOffer', () => {
  it.each<[ScenarioStatus, PilotStage, ScenarioStatus | null]>([
    ['open', 'signed', 'matched'],
    ['matched', 'in_progress', 'piloting'],
    // No offer: the scenario is elsewhere, or the stage implies nothing.
    ['matched', 'signed', null],
    ['piloting', 'signed', null],
    ['open', 'in_progress', null],
    ['piloting', 'in_progress', null],
    ['draft', 'signed', null],
    ['closed', 'signed', null],
    ['completed', 'in_progress', null],
    ['open', 'selected', null],
    ['open', 'applied', null],
    ['matched', 'under_acceptance', null],
    ['matched', 'completed', null],
    ['open', 'terminated', null],
  ])('scenario %s, pilot → %s: offers %s', (status, stage, to) => {
    const offer = scenarioStatusOffer(scenario(status), stage);
    expect(offer?.to ?? null).toBe(to);
    if (offer) expect(offer).toMatchObject({ scenarioId: ID, from: status });
  });

  it('never offers to leave 暂停', () => {
    expect(scenarioStatusOffer(scenario('suspended', 'open'), 'signed')).toBeNull();
    expect(scenarioStatusOffer(scenario('suspended', 'matched'), 'in_progress')).toBeNull();
  });

  it('asks in both languages and mentions free slots when matching', () => {
    const offer = scenarioStatusOffer(scenario('open'), 'signed', 2);
    expect(offer?.reason.zh).toBe(
      '试点项目已进入“已签约”阶段，是否将场景状态由“已开放”变更为“已对接”；该场景仍有 2 个伙伴名额，变更后将不再接受新伙伴？',
    );
    expect(offer?.reason.en).toContain('2 free partner slots');
    expect(scenarioStatusOffer(scenario('open'), 'signed', 0)?.reason.zh).not.toContain('名额');
  });
});

describe('free partner slots', () => {
  const pilots = [
    { scenarioId: ID, stage: 'applied', deletedAt: null },
    { scenarioId: ID, stage: 'selected', deletedAt: null },
    { scenarioId: ID, stage: 'in_progress', deletedAt: null },
    { scenarioId: ID, stage: 'signed', deletedAt: 10 },
    { scenarioId: ID, stage: 'completed', deletedAt: null },
    { scenarioId: ID, stage: 'terminated', deletedAt: null },
    { scenarioId: OTHER, stage: 'signed', deletedAt: null },
  ] as const;

  it('counts live pilots from 已入选 to 验收中 of this scenario only', () => {
    expect(freePartnerSlots({ id: ID, partnerSlots: 3 }, pilots)).toBe(1);
    expect(freePartnerSlots({ id: ID, partnerSlots: 1 }, pilots)).toBe(0);
    expect(freePartnerSlots({ id: OTHER, partnerSlots: 1 }, pilots)).toBe(0);
  });

  it('is open for partners only when 已开放 with a free slot', () => {
    expect(isOpenForPartners({ id: ID, status: 'open', partnerSlots: 3 }, pilots)).toBe(true);
    expect(isOpenForPartners({ id: ID, status: 'open', partnerSlots: 2 }, pilots)).toBe(false);
    expect(isOpenForPartners({ id: ID, status: 'matched', partnerSlots: 9 }, pilots)).toBe(false);
  });
});
