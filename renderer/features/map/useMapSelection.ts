import { useCallback, useMemo, useRef, useState } from 'react';
import type { Region, RegionIndex } from '../../../shared/regions/regions';

/** Which city is open on the map and which county is selected. */
export interface MapSelection {
  readonly city: Region | null;
  readonly county: Region | null;
  /** The region the map is fitted to: the county, else the city, else the province. */
  readonly focus: Region;
  /** Bumped on every navigation so the map refits even when the focus is unchanged. */
  readonly viewRequest: number;
  readonly goTo: (code: string) => void;
  readonly selectCity: (code: string | null) => void;
  /** Highlights a county without moving the map. */
  readonly selectCounty: (code: string | null) => void;
  /** Opens a region's city (and marks it, if a county) without moving the map: the map is already going there. */
  readonly reveal: (code: string) => void;
  readonly resetView: () => void;
  /**
   * Where the map was last left, kept across map instances: the workspace's map replaces the first
   * screen's, and the register's map is made anew on coming back from another section. Each opens
   * where the person had zoomed or panned, instead of refitting the region.
   */
  readonly lastView: MapViewMemory;
}

/** A map view: centre, zoom, and the navigation ({@link MapSelection.viewRequest}) it belongs to. */
export interface SavedMapView {
  readonly lat: number;
  readonly lng: number;
  readonly zoom: number;
  readonly viewRequest: number;
}

/** A mutable box for the last {@link SavedMapView}: written on every move, read when a map mounts. */
export interface MapViewMemory {
  current: SavedMapView | null;
}

interface SelectionState {
  readonly cityCode: string | null;
  readonly countyCode: string | null;
  readonly viewRequest: number;
}

function stateFor(regions: RegionIndex, code: string | null, viewRequest: number): SelectionState {
  const region = code ? regions.get(code) : undefined;
  if (!region || region.level === 'province') return { cityCode: null, countyCode: null, viewRequest };
  if (region.level === 'city') return { cityCode: region.code, countyCode: null, viewRequest };
  return { cityCode: region.parent, countyCode: region.code, viewRequest };
}

/** The map's drill-down state (四川省 › 成都市 › 武侯区), starting at the user's own unit. */
export function useMapSelection(regions: RegionIndex, initialCode: string | null): MapSelection {
  const [state, setState] = useState<SelectionState>(() => stateFor(regions, initialCode, 0));
  const lastView = useRef<SavedMapView | null>(null);

  const goTo = useCallback((code: string) => setState((previous) => stateFor(regions, code, previous.viewRequest + 1)), [regions]);
  const selectCity = useCallback(
    (code: string | null) => setState((previous) => stateFor(regions, code, previous.viewRequest + 1)),
    [regions],
  );
  // Selecting a county on the map highlights it without moving the view (the user is already looking at it).
  const selectCounty = useCallback(
    (code: string | null) =>
      setState((previous) =>
        code === null ? { ...previous, countyCode: null } : stateFor(regions, code, previous.viewRequest),
      ),
    [regions],
  );
  const resetView = useCallback(() => setState((previous) => stateFor(regions, null, previous.viewRequest + 1)), [regions]);

  return useMemo(() => {
    const city = state.cityCode ? (regions.get(state.cityCode) ?? null) : null;
    const county = state.countyCode ? (regions.get(state.countyCode) ?? null) : null;
    return {
      city,
      county,
      focus: county ?? city ?? regions.province,
      viewRequest: state.viewRequest,
      goTo,
      selectCity,
      selectCounty,
      reveal: selectCounty,
      resetView,
      lastView,
    };
  }, [goTo, regions, resetView, selectCity, selectCounty, state]);
}
