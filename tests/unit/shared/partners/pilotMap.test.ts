import { describe, expect, it } from 'vitest';
import { asScenarioId } from '../../../../shared/domain/scenario';
import { PILOT_STAGES, type PilotStage } from '../../../../shared/domain/vocabulary';
import { STAGES_BY_ADVANCEMENT, STAGE_ADVANCEMENT, summarisePilotsByScenario } from '../../../../shared/partners/pilotMap';
import { freePartnerSlots } from '../../../../shared/partners/scenarioOffer';

const A = asScenarioId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
const B = asScenarioId('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');
const C = asScenarioId('cccccccc-cccc-4ccc-8ccc-cccccccccccc');
const p = (scenarioId: typeof A, stage: PilotStage, deletedAt: number | null = null) => ({ scenarioId, stage, deletedAt });

describe('summarisePilotsByScenario', () => {
  it('keeps the most advanced live stage per scenario', () => {
    const { stageOf } = summarisePilotsByScenario([
      p(A, 'applied'),
      p(A, 'in_progress'),
      p(A, 'signed'),
      p(A, 'scaled_up', 5), // deleted: ignored
      p(B, 'terminated'),
      p(B, 'not_selected'),
    ]);
    expect(stageOf.get(A)).toBe('in_progress');
    expect(stageOf.get(B)).toBe('terminated');
    expect(stageOf.has(C)).toBe(false);
  });

  it('any live pilot outranks a dead end', () => {
    for (const live of ['applied', 'under_review', 'selected'] as const) {
      expect(summarisePilotsByScenario([p(A, 'terminated'), p(A, live)]).stageOf.get(A)).toBe(live);
      expect(summarisePilotsByScenario([p(A, live), p(A, 'not_selected')]).stageOf.get(A)).toBe(live);
    }
  });

  it('counts held slots exactly as freePartnerSlots does, for every stage', () => {
    const pilots = PILOT_STAGES.flatMap((s) => [p(A, s.key), p(B, s.key, 3)]);
    const { heldSlots } = summarisePilotsByScenario(pilots);
    const slots = 20;
    expect(slots - (heldSlots.get(A) ?? 0)).toBe(freePartnerSlots({ id: A, partnerSlots: slots }, pilots));
    expect(heldSlots.get(A)).toBe(4); // 已入选, 已签约, 实施中, 验收中
    expect(heldSlots.has(B)).toBe(false);
  });

  it('ranks every stage once, least advanced first', () => {
    expect(new Set(STAGES_BY_ADVANCEMENT).size).toBe(PILOT_STAGES.length);
    expect(STAGES_BY_ADVANCEMENT[0]).toBe('not_selected');
    expect(STAGES_BY_ADVANCEMENT.at(-1)).toBe('scaled_up');
    expect(new Set(Object.values(STAGE_ADVANCEMENT)).size).toBe(PILOT_STAGES.length);
  });
});
