import { useEffect } from 'react';

/** The performance mark set once the boundaries are on screen; `npm run bench` reads it. */
export const MAP_DRAWN_MARK = 'atlas:map-drawn';

/**
 * Placed after the boundary layers: its effect runs once they are added to the map (Leaflet draws
 * SVG paths synchronously on add), and the mark waits for the next frame so it counts the paint.
 */
export function MapDrawnMark() {
  useEffect(function markMapDrawn() {
    if (performance.getEntriesByName(MAP_DRAWN_MARK).length > 0) return;
    const frame = requestAnimationFrame(function afterPaint() {
      performance.mark(MAP_DRAWN_MARK);
    });
    return function cancelMark() {
      cancelAnimationFrame(frame);
    };
  }, []);
  return null;
}
