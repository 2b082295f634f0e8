import { useLiveQuery } from 'dexie-react-hooks';
import type { ScenarioRow } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { countLiveByRegion, countScenarios, loadLiveRows, type ScenarioCounts } from './scenarioRepository';

/**
 * Every live row with its searchText, live: the source of the in-memory index behind map and
 * table. Re-reads all rows after any write to `scenarios` (about a second at 100k), so mount it
 * once, high in the tree, and derive from it; undefined while loading.
 */
export function useLiveScenarioRows(): readonly ScenarioRow[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => loadLiveRows(db), [db]);
}

/** Live records per region code (index-only read), for the choropleth; undefined while loading. */
export function useRegionCounts(): ReadonlyMap<string, number> | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => countLiveByRegion(db), [db]);
}

/** Live / deleted / demo counts (empty state, "移除演示数据" button); undefined while loading. */
export function useScenarioCounts(): ScenarioCounts | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => countScenarios(db), [db]);
}
