import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';

/** Props of {@link PanToScenario}. */
export interface PanToScenarioProps {
  readonly point: { readonly lat: number; readonly lng: number } | null;
  /** Bumped when the table (not the map) selects a record: only then does the map move. */
  readonly request: number;
}

/**
 * Brings a record chosen in the table into view on the map, close enough to see it in its county.
 * The record may still be loading when the request comes: the request waits for its point.
 */
export function PanToScenario({ point, request }: PanToScenarioProps) {
  const map = useMap();
  const handled = useRef(0);
  const lat = point?.lat;
  const lng = point?.lng;
  useEffect(
    function panToRequestedScenario() {
      if (lat === undefined || lng === undefined || request === handled.current) return;
      handled.current = request;
      // 13 keeps the county's outline in view; clusters need 3 points within 60 px there, rarely so close.
      map.flyTo([lat, lng], Math.max(map.getZoom(), 13), { duration: 0.5 });
    },
    [map, request, lat, lng],
  );
  return null;
}
