import { useEffect } from 'react';

/** The performance mark set once the boundaries are on screen; `npm run bench` reads it. */
export const MAP_DRAWN_MARK = 'atlas:map-drawn';

let markDrawn: () => void = () => {};
const mapDrawn = new Promise<void>((resolve) => {
  markDrawn = resolve;
});

/**
 * Resolves just after the frame that first painted the map's boundaries (the {@link MAP_DRAWN_MARK}
 * frame). The rest of the workspace waits for it before it loads, so its code does not compete with
 * the first paint for the CPU.
 */
export function whenMapDrawn(): Promise<void> {
  return mapDrawn;
}

/**
 * Placed after the boundary layers: its effect runs once they are added to the map (Leaflet draws
 * SVG paths synchronously on add), and the mark waits for the next frame so it counts the paint.
 */
export function MapDrawnMark() {
  useEffect(function markMapDrawn() {
    if (performance.getEntriesByName(MAP_DRAWN_MARK).length > 0) return;
    const frame = requestAnimationFrame(function afterPaint() {
      performance.mark(MAP_DRAWN_MARK);
      // rAF runs just before the paint; the timeout lands after it.
      window.setTimeout(markDrawn, 0);
    });
    return function cancelMark() {
      cancelAnimationFrame(frame);
    };
  }, []);
  return null;
}
