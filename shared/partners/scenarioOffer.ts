/**
 * When a pilot is signed or starts, its scenario's status should usually follow (已开放 → 已对接,
 * 已对接 → 试点中). Issue 4 asks that the person be OFFERED that change rather than have it made
 * silently: this module computes the offer; applying it goes through checkStatusChange and the
 * change log like any status change.
 */
import type { LocalizedText } from '../domain/localizedText';
import { pilotStageLabel } from '../domain/pilotStage';
import type { Scenario, ScenarioId } from '../domain/scenario';
import { allowedTransitions, scenarioStatusLabel } from '../domain/scenarioStatus';
import type { PilotStage, ScenarioStatus } from '../domain/vocabulary';
import type { Pilot } from './pilot';

/** A status change to propose for a scenario. */
export interface ScenarioStatusOffer {
  readonly scenarioId: ScenarioId;
  readonly from: ScenarioStatus;
  readonly to: ScenarioStatus;
  /** Why, for the confirmation dialog. */
  readonly reason: LocalizedText;
}

// The pilot stage a move reaches → the scenario status it implies and the status it comes from.
const OFFERS: Partial<Record<PilotStage, { readonly from: ScenarioStatus; readonly to: ScenarioStatus }>> = {
  signed: { from: 'open', to: 'matched' },
  in_progress: { from: 'matched', to: 'piloting' },
};

/**
 * The scenario status change to offer after a pilot moved to `pilotStage`, or null when none
 * applies: only 已开放 → 已对接 on 已签约 and 已对接 → 试点中 on 实施中, and only when
 * allowedTransitions permits it. A suspended, closed or already advanced scenario gets no offer
 * (leaving 暂停 is a person's decision, not a pilot's side effect). `freeSlots`, when given,
 * is mentioned in the reason, because matching a scenario stops it accepting partners.
 */
export function scenarioStatusOffer(
  scenario: Pick<Scenario, 'id' | 'status' | 'suspendedFrom'>,
  pilotStage: PilotStage,
  freeSlots?: number,
): ScenarioStatusOffer | null {
  const offer = OFFERS[pilotStage];
  if (!offer || scenario.status !== offer.from) return null;
  if (!allowedTransitions(scenario.status, scenario.suspendedFrom).includes(offer.to)) return null;
  const stage = pilotStageLabel(pilotStage);
  const from = scenarioStatusLabel(offer.from);
  const to = scenarioStatusLabel(offer.to);
  const slotNote =
    offer.to === 'matched' && freeSlots !== undefined && freeSlots > 0
      ? {
          zh: `；该场景仍有 ${freeSlots} 个伙伴名额，变更后将不再接受新伙伴`,
          en: `; the scenario still has ${freeSlots} free partner ${freeSlots === 1 ? 'slot' : 'slots'} and stops accepting partners once matched`,
        }
      : { zh: '', en: '' };
  return {
    scenarioId: scenario.id,
    from: offer.from,
    to: offer.to,
    reason: {
      zh: `试点项目已进入“${stage.zh}”阶段，是否将场景状态由“${from.zh}”变更为“${to.zh}”${slotNote.zh}？`,
      en: `A pilot has moved to ${stage.en.toLowerCase()}. Change the scenario from ${from.en.toLowerCase()} to ${to.en.toLowerCase()}${slotNote.en}?`,
    },
  };
}

/**
 * Stages whose pilots hold one of the scenario's partner slots (伙伴名额): chosen and not yet
 * finished. Applications and reviews do not hold a slot; completed, scaled-up, rejected and
 * terminated pilots give theirs back (a completed scenario reopens for a new round).
 */
export const SLOT_HOLDING_STAGES: readonly PilotStage[] = [
  'selected',
  'signed',
  'in_progress',
  'under_acceptance',
];

/**
 * Free partner slots of a scenario: its slots minus its live pilots in {@link SLOT_HOLDING_STAGES}.
 * A pilot is one slot however many organisations it joins (a consortium is one partner team);
 * never below 0. `pilots` may hold other scenarios' pilots; they are skipped.
 */
export function freePartnerSlots(
  scenario: Pick<Scenario, 'id' | 'partnerSlots'>,
  pilots: Iterable<Pick<Pilot, 'scenarioId' | 'stage' | 'deletedAt'>>,
): number {
  let held = 0;
  for (const pilot of pilots) {
    if (
      pilot.scenarioId === scenario.id &&
      pilot.deletedAt === null &&
      SLOT_HOLDING_STAGES.includes(pilot.stage)
    )
      held += 1;
  }
  return Math.max(0, scenario.partnerSlots - held);
}

/** Is the scenario open for partners: 已开放 with at least one free slot (the map filter)? */
export function isOpenForPartners(
  scenario: Pick<Scenario, 'id' | 'status' | 'partnerSlots'>,
  pilots: Iterable<Pick<Pilot, 'scenarioId' | 'stage' | 'deletedAt'>>,
): boolean {
  return scenario.status === 'open' && freePartnerSlots(scenario, pilots) > 0;
}
