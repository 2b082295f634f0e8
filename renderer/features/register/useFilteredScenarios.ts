import { useEffect, useMemo } from 'react';
import type { Scenario } from '../../../shared/domain/scenario';
import {
  buildSearchText,
  compileFilter,
  searchTerms,
  type FilterContext,
  type ScenarioFilter,
} from '../../../shared/domain/scenarioFilter';
import type { RegionIndex } from '../../../shared/regions/regions';

/** Finds the live scenarios matching a filter; built once per records array (see {@link createScenarioFinder}). */
export interface ScenarioFinder {
  (filter: ScenarioFilter, context?: FilterContext): readonly Scenario[];
  /** Live (not soft-deleted) records: the "共 M 个场景" of the count. */
  readonly total: number;
  /**
   * Builds the per-record search texts for up to `budgetMs` (all when omitted); true when all are
   * built. Call it when idle so the first keystroke does not pay for 100k normalisations.
   */
  prepareSearch(budgetMs?: number): boolean;
}

const PREPARE_CHUNK = 256;

function isEmptyFilter(filter: ScenarioFilter): boolean {
  return (
    filter.fields.length === 0 &&
    filter.techDirections.length === 0 &&
    filter.openingLevels.length === 0 &&
    filter.statuses.length === 0 &&
    !filter.regionCode &&
    !filter.openFrom &&
    !filter.openUntil &&
    !filter.openForPartners &&
    searchTerms(filter.text).length === 0
  );
}

/**
 * The filtering of the register, pure and DOM-free (the benchmark measures it in Chromium): drops
 * soft-deleted records once, keeps each record's normalised search text (built lazily, once), and
 * per filter compiles one predicate and loops a plain array. An empty filter returns the same
 * live array every time, so consumers memoised on it do not recompute.
 */
export function createScenarioFinder(
  records: readonly Scenario[],
  regions: Pick<RegionIndex, 'children'>,
): ScenarioFinder {
  const live: Scenario[] = [];
  for (const record of records) if (record.deletedAt === null) live.push(record);
  const count = live.length;
  const searchTexts: string[] = [];

  function prepareSearch(budgetMs = Number.POSITIVE_INFINITY): boolean {
    const start = performance.now();
    while (searchTexts.length < count) {
      const end = Math.min(searchTexts.length + PREPARE_CHUNK, count);
      for (let i = searchTexts.length; i < end; i += 1) {
        // Rows from the database carry this text precomputed (schema v2); plain arrays (bench, tests) do not.
        const record = live[i] as Scenario & { readonly searchText?: string };
        searchTexts.push(record.searchText ?? buildSearchText(record));
      }
      if (performance.now() - start >= budgetMs) break;
    }
    return searchTexts.length === count;
  }

  function find(filter: ScenarioFilter, context: FilterContext = {}): readonly Scenario[] {
    if (isEmptyFilter(filter)) return live;
    const matches = compileFilter(filter, regions, context);
    const out: Scenario[] = [];
    if (searchTerms(filter.text).length > 0) {
      prepareSearch();
      for (let i = 0; i < count; i += 1) {
        const record = live[i] as Scenario;
        if (matches(record, searchTexts[i])) out.push(record);
      }
    } else {
      for (let i = 0; i < count; i += 1) {
        const record = live[i] as Scenario;
        if (matches(record)) out.push(record);
      }
    }
    return out;
  }

  return Object.assign(find, { total: count, prepareSearch });
}

/** Budget of one idle slice spent building search texts, so typing and scrolling stay smooth. */
const IDLE_SLICE_MS = 8;

/** Runs `work` in idle slices until it reports done; returns the cancel function. */
function whenIdle(work: () => boolean): () => void {
  let handle: number | null = null;
  const hasIdleCallback = typeof window.requestIdleCallback === 'function';
  const schedule = (): void => {
    handle = hasIdleCallback ? window.requestIdleCallback(step) : window.setTimeout(step, 16);
  };
  function step(): void {
    handle = null;
    if (!work()) schedule();
  }
  schedule();
  return function cancel() {
    if (handle === null) return;
    if (hasIdleCallback) window.cancelIdleCallback(handle);
    else window.clearTimeout(handle);
  };
}

/** The live scenarios matching the filter, recomputed only when the records, regions or filter change. */
export function useFilteredScenarios(
  records: readonly Scenario[],
  filter: ScenarioFilter,
  regions: RegionIndex,
  context?: FilterContext,
): { rows: readonly Scenario[]; total: number } {
  const finder = useMemo(() => createScenarioFinder(records, regions), [records, regions]);
  useEffect(
    function prepareSearchWhenIdle() {
      return whenIdle(() => finder.prepareSearch(IDLE_SLICE_MS));
    },
    [finder],
  );
  const rows = useMemo(() => finder(filter, context), [finder, filter, context]);
  return { rows, total: finder.total };
}
