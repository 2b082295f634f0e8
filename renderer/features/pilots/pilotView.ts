/** What the pilot screens derive from the records: filtering, lead names, milestone counts. Pure. */
import type { Scenario } from '../../../shared/domain/scenario';
import type { ApplicationField, PilotStage, TechDirection } from '../../../shared/domain/vocabulary';
import type { Partner } from '../../../shared/partners/partner';
import { isOverdue, type Pilot } from '../../../shared/partners/pilot';

/** The filters of the pilot table and board. */
export interface PilotFilter {
  readonly text: string;
  readonly stage: PilotStage | null;
  readonly direction: TechDirection | null;
  readonly field: ApplicationField | null;
  readonly isOverdueOnly: boolean;
}

/** No filter: every pilot. */
export const EMPTY_PILOT_FILTER: PilotFilter = { text: '', stage: null, direction: null, field: null, isOverdueOnly: false };

/** The lead partner of a pilot, if it has one and the partner is known. */
export function leadPartnerOf(pilot: Pick<Pilot, 'partners'>, partners: ReadonlyMap<string, Partner>): Partner | undefined {
  const lead = pilot.partners.find((p) => p.isLead);
  return lead ? partners.get(lead.partnerId) : undefined;
}

/** Done, total and overdue milestones of a pilot on `today` (YYYY-MM-DD). */
export function milestoneCounts(pilot: Pick<Pilot, 'milestones'>, today: string): { done: number; total: number; overdue: number } {
  let done = 0;
  let overdue = 0;
  for (const m of pilot.milestones) {
    if (m.done !== null) done += 1;
    else if (isOverdue(m, today)) overdue += 1;
  }
  return { done, total: pilot.milestones.length, overdue };
}

/**
 * The pilots that pass the filter. Free text matches (case-insensitively) the project number,
 * title, scenario title or catalog number and any partner's name.
 */
export function filterPilots(
  pilots: readonly Pilot[],
  filter: PilotFilter,
  lookups: { readonly scenarios: ReadonlyMap<string, Pick<Scenario, 'title' | 'catalogNumber' | 'field'>>; readonly partners: ReadonlyMap<string, Pick<Partner, 'name'>>; readonly today: string },
): Pilot[] {
  const text = filter.text.trim().toLowerCase();
  return pilots.filter((pilot) => {
    if (filter.stage !== null && pilot.stage !== filter.stage) return false;
    if (filter.direction !== null && pilot.techDirection !== filter.direction) return false;
    const scenario = lookups.scenarios.get(pilot.scenarioId);
    if (filter.field !== null && scenario?.field !== filter.field) return false;
    if (filter.isOverdueOnly && !pilot.milestones.some((m) => isOverdue(m, lookups.today))) return false;
    if (text === '') return true;
    const haystack = [
      pilot.projectNumber,
      pilot.title,
      scenario?.title ?? '',
      scenario?.catalogNumber ?? '',
      ...pilot.partners.map((p) => lookups.partners.get(p.partnerId)?.name ?? ''),
    ];
    return haystack.some((value) => value.toLowerCase().includes(text));
  });
}

/** Pilots grouped by stage, in the order given (the board's columns). */
export function pilotsByStage(pilots: readonly Pilot[]): Map<PilotStage, Pilot[]> {
  const groups = new Map<PilotStage, Pilot[]>();
  for (const pilot of pilots) {
    const list = groups.get(pilot.stage);
    if (list) list.push(pilot);
    else groups.set(pilot.stage, [pilot]);
  }
  return groups;
}
