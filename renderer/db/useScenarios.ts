import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ScenarioRow } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { countLiveByRegion, countScenarios, type ScenarioCounts } from './scenarioRepository';
import { watchLiveRows } from './scenarioStore';

/**
 * Every live row with its searchText, kept current incrementally (scenarioStore.ts): the source
 * of the in-memory index behind map and table. Mount it once, high in the tree, and derive from
 * it; undefined while the first load runs.
 */
export function useLiveScenarioRows(): readonly ScenarioRow[] | undefined {
  const db = useAtlasDb();
  const [rows, setRows] = useState<readonly ScenarioRow[] | undefined>(undefined);
  useEffect(
    function watchRows() {
      return watchLiveRows(db, setRows, (error) => console.error('[db] keeping the register in memory failed', error));
    },
    [db],
  );
  return rows;
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
