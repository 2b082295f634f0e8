import { useMemo } from 'react';
import type { Scenario } from '../../../shared/domain/scenario';
import type { ScenarioFilter } from '../../../shared/domain/scenarioFilter';
import { countByRegion } from '../../../shared/domain/regionCounts';
import type { PilotStage } from '../../../shared/domain/vocabulary';
import { summarisePilotsByScenario } from '../../../shared/partners/pilotMap';
import { usePilots } from '../../db/usePilots';
import { useLiveScenarioRows } from '../../db/useScenarios';
import { useRegions } from '../../app/contexts';
import { useFilteredScenarios } from './useFilteredScenarios';
import type { Choropleth } from '../map/choropleth';
import type { ScenarioPoint } from './ScenarioMarkers';

/** The register as the screen sees it: every live record, the filtered rows, and what the map draws of them. */
export interface RegisterView {
  /** undefined while the database is loading. */
  readonly records: readonly Scenario[] | undefined;
  readonly rows: readonly Scenario[];
  readonly points: readonly ScenarioPoint[];
  /** Counts for the choropleth at city level (province view) and at county level (inside a city). */
  readonly choropleth: { readonly city: Choropleth; readonly county: Choropleth };
  /** Each scenario's most advanced live pilot stage (the map's "by pilot stage" mode). */
  readonly stageOf: ReadonlyMap<string, PilotStage>;
}

/** Options of {@link useRegister}. */
export interface RegisterOptions {
  /** Company mode: only the open catalog (已开放) exists for map and table (issue 4 item 5). */
  readonly isCatalogOnly?: boolean;
}

/** One filter drives both the map and the table: both read the same filtered rows. */
export function useRegister(filter: ScenarioFilter, { isCatalogOnly = false }: RegisterOptions = {}): RegisterView {
  const regions = useRegions();
  const allRecords = useLiveScenarioRows();
  const pilots = usePilots();
  const records = useMemo(
    () => (allRecords && isCatalogOnly ? allRecords.filter((record) => record.status === 'open') : allRecords),
    [allRecords, isCatalogOnly],
  );
  const pilotSummary = useMemo(() => summarisePilotsByScenario(pilots ?? []), [pilots]);
  const filterContext = useMemo(() => ({ heldSlots: pilotSummary.heldSlots }), [pilotSummary]);
  const { rows } = useFilteredScenarios(records ?? EMPTY, filter, regions, filterContext);
  const points = useMemo(
    () =>
      rows.map((scenario) => ({
        id: scenario.id,
        title: scenario.title,
        lat: scenario.location.lat,
        lng: scenario.location.lng,
        field: scenario.field,
        status: scenario.status,
        stage: pilotSummary.stageOf.get(scenario.id) ?? null,
      })),
    [pilotSummary, rows],
  );
  const choropleth = useMemo(() => {
    const counts = countByRegion(
      rows.map((scenario) => scenario.regionCode),
      regions,
    );
    // Each level has its own scale: a city's total would wash out its counties' colours.
    let maxCity = 0;
    let maxCounty = 0;
    for (const [code, count] of counts) {
      const level = regions.get(code)?.level;
      if (level === 'city' && count > maxCity) maxCity = count;
      if (level === 'county' && count > maxCounty) maxCounty = count;
    }
    return { city: { counts, max: maxCity }, county: { counts, max: maxCounty } };
  }, [regions, rows]);
  return { records, rows, points, choropleth, stageOf: pilotSummary.stageOf };
}

const EMPTY: readonly Scenario[] = [];
