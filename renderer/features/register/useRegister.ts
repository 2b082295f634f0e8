import { useMemo } from 'react';
import type { Scenario } from '../../../shared/domain/scenario';
import type { ScenarioFilter } from '../../../shared/domain/scenarioFilter';
import { countRecordsByRegion } from '../../../shared/domain/regionCounts';
import type { PilotStage } from '../../../shared/domain/vocabulary';
import { summarisePilotsByScenario } from '../../../shared/partners/pilotMap';
import { usePilots } from '../../db/usePilots';
import { useLiveScenarioRows } from '../../db/useScenarios';
import { useRegions } from '../../app/contexts';
import { useFilteredScenarios } from './useFilteredScenarios';
import type { Choropleth } from '../map/choropleth';
import { scenarioPoints, type ScenarioPoints } from './scenarioPoints';

/** The register as the screen sees it: every live record, the filtered rows, and what the map draws of them. */
export interface RegisterView {
  /** undefined while the database is loading. */
  readonly records: readonly Scenario[] | undefined;
  readonly rows: readonly Scenario[];
  /** What the markers draw of the rows (a point is made only for a marker on screen). */
  readonly points: ScenarioPoints;
  /**
   * Counts for the choropleth at city level (province view) and at county level (inside a city);
   * null unless asked for ({@link RegisterOptions.withChoropleth}).
   */
  readonly choropleth: { readonly city: Choropleth; readonly county: Choropleth } | null;
  /** Each scenario's most advanced live pilot stage (the map's "by pilot stage" mode). */
  readonly stageOf: ReadonlyMap<string, PilotStage>;
}

/** Options of {@link useRegister}. */
export interface RegisterOptions {
  /** Company mode: only the open catalog (已开放) exists for map and table (issue 4 item 5). */
  readonly isCatalogOnly?: boolean;
  /**
   * Count the rows per region for the choropleth (the map's 分级统计 mode). Only that mode reads
   * them; counting 100k rows took ~35 ms of the task that hands a new row list to the register.
   */
  readonly withChoropleth?: boolean;
}

/** One filter drives both the map and the table: both read the same filtered rows. */
export function useRegister(filter: ScenarioFilter, { isCatalogOnly = false, withChoropleth = false }: RegisterOptions = {}): RegisterView {
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
  const points = useMemo(() => scenarioPoints(rows, pilotSummary.stageOf), [pilotSummary, rows]);
  const choropleth = useMemo(() => {
    if (!withChoropleth) return null;
    const counts = countRecordsByRegion(rows, regions);
    // Each level has its own scale: a city's total would wash out its counties' colours.
    let maxCity = 0;
    let maxCounty = 0;
    for (const [code, count] of counts) {
      const level = regions.get(code)?.level;
      if (level === 'city' && count > maxCity) maxCity = count;
      if (level === 'county' && count > maxCounty) maxCounty = count;
    }
    return { city: { counts, max: maxCity }, county: { counts, max: maxCounty } };
  }, [regions, rows, withChoropleth]);
  return { records, rows, points, choropleth, stageOf: pilotSummary.stageOf };
}

const EMPTY: readonly Scenario[] = [];
