/**
 * What the register map shows of pilots (issue 4 item 4): each scenario's most advanced pilot
 * stage (the "by pilot stage" colouring) and the partner slots its pilots hold (the "open for
 * partners" filter). One pass over the pilots; soft-deleted pilots are skipped.
 */
import type { ScenarioId } from '../domain/scenario';
import type { PilotStage } from '../domain/vocabulary';
import type { Pilot } from './pilot';
import { SLOT_HOLDING_STAGES } from './scenarioOffer';

/**
 * How far along a stage is, for "most advanced": the pipeline order, with the two dead ends
 * lowest (a scenario whose only pilot was not selected shows that, but any live pilot outranks it).
 */
export const STAGE_ADVANCEMENT: Readonly<Record<PilotStage, number>> = {
  not_selected: 0,
  terminated: 1,
  applied: 2,
  under_review: 3,
  selected: 4,
  signed: 5,
  in_progress: 6,
  under_acceptance: 7,
  completed: 8,
  scaled_up: 9,
};

/** The stages in the order of {@link STAGE_ADVANCEMENT}, least advanced first (the map legend's order). */
export const STAGES_BY_ADVANCEMENT: readonly PilotStage[] = (Object.keys(STAGE_ADVANCEMENT) as PilotStage[]).sort(
  (a, b) => STAGE_ADVANCEMENT[a] - STAGE_ADVANCEMENT[b],
);

/** Per scenario: its most advanced live pilot's stage, and how many partner slots its live pilots hold. */
export interface ScenarioPilotSummary {
  readonly stageOf: ReadonlyMap<ScenarioId, PilotStage>;
  readonly heldSlots: ReadonlyMap<ScenarioId, number>;
}

/** Summarises pilots per scenario (see {@link ScenarioPilotSummary}); slots as freePartnerSlots counts them. */
export function summarisePilotsByScenario(
  pilots: Iterable<Pick<Pilot, 'scenarioId' | 'stage' | 'deletedAt'>>,
): ScenarioPilotSummary {
  const stageOf = new Map<ScenarioId, PilotStage>();
  const heldSlots = new Map<ScenarioId, number>();
  for (const pilot of pilots) {
    if (pilot.deletedAt !== null) continue;
    const known = stageOf.get(pilot.scenarioId);
    if (known === undefined || STAGE_ADVANCEMENT[pilot.stage] > STAGE_ADVANCEMENT[known])
      stageOf.set(pilot.scenarioId, pilot.stage);
    if (SLOT_HOLDING_STAGES.includes(pilot.stage))
      heldSlots.set(pilot.scenarioId, (heldSlots.get(pilot.scenarioId) ?? 0) + 1);
  }
  return { stageOf, heldSlots };
}
