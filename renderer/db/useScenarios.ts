import { startTransition, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ScenarioRow } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { countScenarios, type ScenarioCounts } from './scenarioRepository';
import { watchLiveRows } from './scenarioStore';

/** The performance mark set when the live rows are handed to the register (the latest time only). */
export const REGISTER_ROWS_MARK = 'atlas:register-rows';

/**
 * Every live row with its searchText, kept current incrementally (scenarioStore.ts): the source
 * of the in-memory index behind map and table. Mount it once, high in the tree, and derive from
 * it; undefined while the first load runs.
 */
export function useLiveScenarioRows(): readonly ScenarioRow[] | undefined {
  const db = useAtlasDb();
  const [rows, setRows] = useState<readonly ScenarioRow[] | undefined>(undefined);
  useEffect(
    function watchRowsAfterFirstPaint() {
      // Reading 100k rows is seconds of cursor callbacks on this thread: started after the screen
      // has painted once, so a cold start shows the map of Sichuan first and the records stream in.
      let stop: (() => void) | null = null;
      let timer = 0;
      const frame = requestAnimationFrame(function afterFrame() {
        timer = window.setTimeout(function startWatching() {
          // A transition: a new row list (100k rows at start or after a big import) re-filters,
          // counts and redraws the register, and React then renders it in slices that give way to
          // input instead of in one task.
          stop = watchLiveRows(
            db,
            (next) => {
              // `npm run bench` times the register taking in its rows from here (one mark, the latest).
              performance.clearMarks(REGISTER_ROWS_MARK);
              performance.mark(REGISTER_ROWS_MARK);
              startTransition(() => setRows(next));
            },
            (error) => console.error('[db] keeping the register in memory failed', error),
          );
        }, 0);
      });
      return function stopWatching() {
        cancelAnimationFrame(frame);
        window.clearTimeout(timer);
        stop?.();
      };
    },
    [db],
  );
  return rows;
}

/** Live / deleted / demo counts (empty state, "移除演示数据" button); undefined while loading. */
export function useScenarioCounts(): ScenarioCounts | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => countScenarios(db), [db]);
}
