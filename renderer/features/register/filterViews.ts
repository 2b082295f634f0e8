/** Named saved views (命名视图): the rules of their names and how a view maps to a filter. */
import {
  filterFromSearchParams,
  filterToQueryString,
  type ScenarioFilter,
} from '../../../shared/domain/scenarioFilter';
import type { RegionIndex } from '../../../shared/regions/regions';
import type { SavedView } from './SavedViews';

/** Longest view name. */
export const MAX_VIEW_NAME_LENGTH = 40;

/** Why a view name is refused (a key under `table.views.nameErrors`). */
export type ViewNameError = 'empty' | 'duplicate' | 'tooLong';

/** The trimmed name, or why it cannot be saved; names are unique ignoring case and full/half width. */
export function checkViewName(
  name: string,
  views: readonly Pick<SavedView, 'name'>[],
): { ok: true; name: string } | { ok: false; error: ViewNameError } {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return { ok: false, error: 'empty' };
  if ([...trimmed].length > MAX_VIEW_NAME_LENGTH) return { ok: false, error: 'tooLong' };
  const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const folded = fold(trimmed);
  if (views.some((view) => fold(view.name) === folded)) return { ok: false, error: 'duplicate' };
  return { ok: true, name: trimmed };
}

/** The saved view showing exactly this filter, if any (shown as the current view). */
export function findViewOfFilter(views: readonly SavedView[], filter: ScenarioFilter): SavedView | undefined {
  const query = filterToQueryString(filter);
  return views.find((view) => view.query === query);
}

/** The filter of a view; a stored query is read like any URL (unknown regions or values dropped). */
export function filterOfView(
  view: Pick<SavedView, 'query'>,
  regions: Pick<RegionIndex, 'has'>,
): ScenarioFilter {
  return filterFromSearchParams(view.query, regions);
}
