/**
 * What the 统计 screen shows for one region (the scope), as plain data: the scenario counts of the
 * scope's sub-regions by field and status (shared/partners/dashboard.ts does the counting), and
 * the pilot funnel, indicators and plan progress of the pilots whose scenario lies in the scope.
 * Pure, so it is unit-tested without a browser and runs the same at 100k records.
 */
import type { ScenarioId } from '../../../shared/domain/scenario';
import { regionSubtree } from '../../../shared/domain/scenarioFilter';
import type { ApplicationField } from '../../../shared/domain/vocabulary';
import {
  countsByRegionFieldStatus,
  indicatorsByYear,
  pilotFunnel,
  planProgress,
  type DashboardPilot,
  type DashboardScenario,
  type ExternalPlanCounts,
  type FieldStatusCounts,
  type FunnelStage,
  type IndicatorYear,
  type PlanProgressItem,
  type RegionCountsRow,
} from '../../../shared/partners/dashboard';
import type { Region, RegionIndex } from '../../../shared/regions/regions';
import type { Role } from '../../../shared/settings/settings';

/** A scenario as the dashboard reads it (id to find a pilot's scenario). */
export type DashboardScenarioRow = DashboardScenario & { readonly id: ScenarioId };

/** Everything the dashboard draws for one scope. */
export interface DashboardView {
  /** The region looked at. */
  readonly scope: Region;
  /** From the user's root region down to the scope (the drill-down breadcrumb). */
  readonly trail: readonly Region[];
  /** One row per sub-region of the scope (the scope itself for a county). */
  readonly rows: readonly RegionCountsRow[];
  /** Records registered at the scope itself beside its sub-regions (province-level records at the province); null for a county. */
  readonly direct: FieldStatusCounts | null;
  /** Every scenario in the scope. */
  readonly total: FieldStatusCounts;
  /** Pilots in the scope's scenarios. */
  readonly pilotCount: number;
  readonly funnel: readonly FunnelStage[];
  readonly indicators: readonly IndicatorYear[];
  readonly plan: readonly PlanProgressItem[];
}

/**
 * The highest region a user sees on the dashboard: the whole province for the province office
 * (and before first run), the user's own city or county for a city or county office.
 */
export function dashboardRoot(regions: RegionIndex, role: Role | null, unitCode: string | null): Region {
  if ((role === 'city' || role === 'county') && unitCode !== null) {
    const own = regions.get(unitCode);
    if (own) return own;
  }
  return regions.province;
}

/** Can the user drill into `code`: a known region at or under the root? */
export function isInsideRoot(regions: RegionIndex, root: Region, code: string): boolean {
  return regions.path(code).some((region) => region.code === root.code);
}

/**
 * The dashboard of `scopeCode` (falls back to the root when it is unknown or outside the root).
 * `year` is the year annual plan targets are measured in.
 */
export function buildDashboardView(
  scenarios: readonly DashboardScenarioRow[],
  pilots: readonly DashboardPilot[],
  regions: RegionIndex,
  root: Region,
  scopeCode: string,
  year: number,
  external?: ExternalPlanCounts,
): DashboardView {
  const scope = isInsideRoot(regions, root, scopeCode) ? (regions.get(scopeCode) ?? root) : root;
  const path = regions.path(scope.code);
  const trail = path.slice(path.findIndex((region) => region.code === root.code));

  let rows: readonly RegionCountsRow[];
  let direct: FieldStatusCounts | null;
  let total: FieldStatusCounts;
  if (scope.level === 'province') {
    ({ rows, direct, total } = countsByRegionFieldStatus(scenarios, regions, 'city'));
  } else if (scope.level === 'city') {
    ({ rows, direct, total } = countsByRegionFieldStatus(scenarios, regions, 'county', scope.code));
  } else {
    const parent = scope.parent ?? regions.province.code;
    const breakdown = countsByRegionFieldStatus(scenarios, regions, 'county', parent);
    const own = breakdown.rows.find((row) => row.region.code === scope.code);
    rows = own ? [own] : [];
    direct = null;
    total = own ? own.counts : countsByRegionFieldStatus([], regions, 'province').total;
  }

  // The pilots of the scope: those whose scenario is in the scope's region or under it.
  const inScope = regionSubtree(regions, scope.code);
  // Only the scenarios pilots name are kept (a lookup is far cheaper than a 100k-entry map).
  const named = new Set<string>();
  for (const pilot of pilots) if (pilot.deletedAt === null) named.add(pilot.scenarioId);
  const scenarioOf = new Map<string, DashboardScenarioRow>();
  if (named.size > 0) {
    for (const scenario of scenarios)
      if (scenario.deletedAt === null && named.has(scenario.id)) scenarioOf.set(scenario.id, scenario);
  }
  const scopedPilots = pilots.filter((pilot) => {
    if (pilot.deletedAt !== null) return false;
    const scenario = scenarioOf.get(pilot.scenarioId);
    return scenario !== undefined && inScope.has(scenario.regionCode);
  });
  const fieldOf = (id: ScenarioId): ApplicationField | undefined => scenarioOf.get(id)?.field;

  return {
    scope,
    trail,
    rows,
    direct,
    total,
    pilotCount: scopedPilots.length,
    funnel: pilotFunnel(scopedPilots),
    indicators: indicatorsByYear(scopedPilots),
    // The enterprise counts are the province's totals: they mean nothing for one city or county.
    plan: planProgress(scopedPilots, {
      year,
      scenarioFieldOf: fieldOf,
      ...(external && scope.level === 'province' ? { external } : {}),
    }),
  };
}

/** Width of a bar, 0–100 %, against the largest value shown (a 0 maximum draws no bars). */
export function barPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.min(100, Math.round((value / max) * 1000) / 10);
}
