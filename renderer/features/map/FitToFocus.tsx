import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { Region } from '../../../shared/regions/regions';
import { regionBounds } from './geo';

/** Props of {@link FitToFocus}. */
export interface FitToFocusProps {
  readonly focus: Region;
  readonly viewRequest: number;
}

/**
 * Fits the map to the focused region whenever a navigation is requested, and marks the container
 * `data-moving` while the view animates (screenshots and e2e specs wait for it to settle).
 */
export function FitToFocus({ focus, viewRequest }: FitToFocusProps) {
  const map = useMap();

  useEffect(
    function markMovingWhileAnimating() {
      const container = map.getContainer();
      function onMoveStart() {
        container.dataset.moving = 'true';
      }
      function onMoveEnd() {
        container.dataset.moving = 'false';
      }
      container.dataset.moving = 'false';
      map.on('movestart zoomstart', onMoveStart);
      map.on('moveend', onMoveEnd);
      return function stopMarking() {
        map.off('movestart zoomstart', onMoveStart);
        map.off('moveend', onMoveEnd);
      };
    },
    [map],
  );

  useEffect(
    function fitToFocusedRegion() {
      // The first view is set by MapContainer's bounds; later navigations animate.
      if (viewRequest === 0) return;
      map.flyToBounds(regionBounds(focus), { padding: [24, 24], duration: 0.6, maxZoom: focus.level === 'county' ? 11 : 10 });
    },
    [focus, map, viewRequest],
  );
  return null;
}
