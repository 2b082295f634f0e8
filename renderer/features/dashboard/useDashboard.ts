import { useMemo } from 'react';
import type { ExternalPlanCounts } from '../../../shared/partners/dashboard';
import { useRegions, useSettings } from '../../app/contexts';
import { usePilots } from '../../db/usePilots';
import { useLiveScenarioRows } from '../../db/useScenarios';
import { buildDashboardView, dashboardRoot, type DashboardView } from './dashboardView';

/**
 * The dashboard of one region, recomputed when scenarios or pilots change (both live) or the
 * scope or year moves; undefined while either store is still loading.
 */
export function useDashboard(
  scopeCode: string | null,
  year: number,
  external: ExternalPlanCounts | undefined,
): DashboardView | undefined {
  const regions = useRegions();
  const { settings } = useSettings();
  const scenarios = useLiveScenarioRows();
  const pilots = usePilots();
  const root = useMemo(
    () => dashboardRoot(regions, settings.role, settings.unitCode),
    [regions, settings.role, settings.unitCode],
  );
  return useMemo(() => {
    if (scenarios === undefined || pilots === undefined) return undefined;
    return buildDashboardView(scenarios, pilots, regions, root, scopeCode ?? root.code, year, external);
  }, [external, pilots, regions, root, scenarios, scopeCode, year]);
}
