import { readFileSync } from 'node:fs';
import { generateDemoScenarios } from '../../shared/domain/demoData';
import type { ScenarioId } from '../../shared/domain/scenario';
import { INDICATORS, PILOT_STAGES, TECH_DIRECTIONS } from '../../shared/domain/vocabulary';
import { countsByRegionFieldStatus, indicatorsByYear, pilotFunnel, planProgress, type DashboardPilot } from '../../shared/partners/dashboard';
import { createRegionIndex, parseRegionAsset } from '../../shared/regions/regions';
import { buildDashboardView } from '../../renderer/features/dashboard/dashboardView';
import { report } from './report';

/**
 * `dashboard_100k_ms` (issue 4): every aggregate the 统计 screen shows, over 100k scenarios and 20k
 * pilots, cold (the first run, what a person opening the dashboard waits for). Runs in Node: the
 * aggregates are pure shared code; the browser runs the same code.
 */
export function benchDashboard(): void {
  const parsed = parseRegionAsset(JSON.parse(readFileSync('assets/regions/sichuan-regions.json', 'utf8')));
  if (!parsed.ok) throw new Error(parsed.message);
  const regions = createRegionIndex(parsed.value);
  const scenarios = generateDemoScenarios(100_000, regions, { seed: 9, year: 2026 });
  const fields = new Map(scenarios.map((s) => [s.id as string, s.field]));
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed % n;
  };
  const pilots: DashboardPilot[] = Array.from({ length: 20_000 }, () => ({
    scenarioId: scenarios[next(scenarios.length)]?.id as ScenarioId,
    stage: PILOT_STAGES[next(PILOT_STAGES.length)]?.key ?? 'applied',
    techDirection: TECH_DIRECTIONS[next(4)]?.key ?? 'other',
    regulatory: { deviceRegistration: next(4) === 0 ? 'registered' : 'planned', ethicsApproval: 'approved' },
    indicators: Array.from({ length: 12 }, (_, m) => ({
      period: `${2025 + (m % 3)}-${String(1 + Math.floor(m / 3)).padStart(2, '0')}`,
      indicator: INDICATORS[m % 4]?.key ?? 'people_served',
      value: next(500),
    })),
    deletedAt: null,
  }));
  const start = performance.now();
  countsByRegionFieldStatus(scenarios, regions, 'province');
  countsByRegionFieldStatus(scenarios, regions, 'city');
  countsByRegionFieldStatus(scenarios, regions, 'county', '510100');
  pilotFunnel(pilots);
  indicatorsByYear(pilots);
  planProgress(pilots, { year: 2026, scenarioFieldOf: (id) => fields.get(id) });
  report('dashboard_100k_ms', performance.now() - start, 'ms');

  // What the 统计 screen computes on top (renderer/features/dashboard/dashboardView.ts): the
  // province view and one city's, with the pilots scoped to each.
  const viewStart = performance.now();
  buildDashboardView(scenarios, pilots, regions, regions.province, regions.province.code, 2026);
  buildDashboardView(scenarios, pilots, regions, regions.province, '510100', 2026);
  report('dashboard_view_100k_ms', performance.now() - viewStart, 'ms');
}
