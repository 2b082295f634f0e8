import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { Region } from '../../../shared/regions/regions';
import { regionBounds } from './geo';
import type { MapViewMemory } from './useMapSelection';

/** Props of {@link FitToFocus}. */
export interface FitToFocusProps {
  readonly focus: Region;
  readonly viewRequest: number;
  /** The view the last map was left at: a new map opens there when it belongs to the same navigation. */
  readonly lastView: MapViewMemory;
}

/**
 * Fits the map to the focused region whenever a navigation is requested, and marks the container
 * `data-moving` while the view animates (screenshots and e2e specs wait for it to settle). Keeps
 * the view in `lastView`, so a map that replaces this one (the workspace's after the first
 * screen's, the register's after another section) opens where the person left it.
 */
export function FitToFocus({ focus, viewRequest, lastView }: FitToFocusProps) {
  const map = useMap();
  const request = useRef(viewRequest);
  // True until the first fit has run: on mount, a remembered view of the same navigation wins.
  const isMounting = useRef(true);

  useEffect(
    function markMovingWhileAnimating() {
      const container = map.getContainer();
      function onMoveStart() {
        container.dataset.moving = 'true';
      }
      function onMoveEnd() {
        container.dataset.moving = 'false';
        const centre = map.getCenter();
        lastView.current = { lat: centre.lat, lng: centre.lng, zoom: map.getZoom(), viewRequest: request.current };
      }
      container.dataset.moving = 'false';
      map.on('movestart zoomstart', onMoveStart);
      map.on('moveend', onMoveEnd);
      return function stopMarking() {
        map.off('movestart zoomstart', onMoveStart);
        map.off('moveend', onMoveEnd);
      };
    },
    [lastView, map],
  );

  useEffect(
    function keepCentreOnResize() {
      // Leaflet measures its container only on window resizes; the workspace lays the map out again
      // when the filter bar wraps or a panel opens. Re-measured, the centre stays where it was.
      const observer = new ResizeObserver(() => map.invalidateSize({ animate: false }));
      observer.observe(map.getContainer());
      return function stopObserving() {
        observer.disconnect();
      };
    },
    [map],
  );

  useEffect(
    function rememberRequest() {
      request.current = viewRequest;
    },
    [viewRequest],
  );

  useEffect(
    function fitToFocusedRegion() {
      const isFirstRun = isMounting.current;
      isMounting.current = false;
      const saved = lastView.current;
      if (isFirstRun && saved !== null && saved.viewRequest === viewRequest) {
        map.setView([saved.lat, saved.lng], saved.zoom, { animate: false });
        return;
      }
      // The first view is set by MapContainer's bounds; later navigations animate.
      if (viewRequest === 0) return;
      map.flyToBounds(regionBounds(focus), { padding: [24, 24], duration: 0.6, maxZoom: focus.level === 'county' ? 11 : 10 });
    },
    [focus, lastView, map, viewRequest],
  );
  return null;
}
