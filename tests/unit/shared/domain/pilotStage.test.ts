import { describe, expect, it } from 'vitest';
import { allowedStageTransitions, checkStageChange, type PilotStage } from '../../../../shared/domain/pilotStage';

// DOMAIN.md "Pilot project" stages, written out by hand.
const MATRIX: Record<PilotStage, PilotStage[]> = {
  applied: ['under_review', 'terminated'],
  under_review: ['selected', 'not_selected'],
  selected: ['signed', 'terminated'],
  signed: ['in_progress', 'terminated'],
  in_progress: ['under_acceptance', 'terminated'],
  under_acceptance: ['completed', 'in_progress'],
  completed: ['scaled_up'],
  scaled_up: [],
  not_selected: [],
  terminated: [],
};
const STAGES = Object.keys(MATRIX) as PilotStage[];
const pairs = STAGES.flatMap((from) => STAGES.filter((to) => to !== from).map((to) => [from, to] as const));

describe('pilot stage transitions', () => {
  it.each(pairs)('%s → %s follows DOMAIN.md', (from, to) => {
    const result = checkStageChange({ from, to, note: '说明' });
    expect(result.ok).toBe(MATRIX[from].includes(to));
  });

  it('offers exactly the DOMAIN moves', () => {
    for (const stage of STAGES) expect(allowedStageTransitions(stage)).toEqual(MATRIX[stage]);
  });

  it.each([
    ['applied', 'terminated'],
    ['under_review', 'not_selected'],
  ] as const)('needs a note for %s → %s', (from, to) => {
    expect(checkStageChange({ from, to })).toMatchObject({ ok: false, error: 'note-required' });
    expect(checkStageChange({ from, to, note: ' ' })).toMatchObject({ ok: false, error: 'note-required' });
    expect(checkStageChange({ from, to, note: '企业撤回申报' })).toMatchObject({ ok: true, value: { stage: to, note: '企业撤回申报' } });
  });

  it('refuses moves out of final stages with a Chinese message', () => {
    for (const from of ['scaled_up', 'not_selected', 'terminated'] as const) {
      const result = checkStageChange({ from, to: 'applied', note: 'x' });
      expect(result).toMatchObject({ ok: false, error: 'final-stage' });
      if (!result.ok) expect(result.message).toContain('最终阶段');
    }
  });

  it('refuses unknown stages and same-stage moves', () => {
    expect(checkStageChange({ from: 'applied', to: 'won' as PilotStage })).toMatchObject({ ok: false, error: 'unknown-stage' });
    expect(checkStageChange({ from: 'applied', to: 'applied' })).toMatchObject({ ok: false, error: 'same-stage' });
  });
});
