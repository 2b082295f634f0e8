import { useEffect } from 'react';

/** The performance mark set once the boundaries are on screen; `npm run bench` reads it. */
export const MAP_DRAWN_MARK = 'atlas:map-drawn';

/**
 * How long after the boundaries were added the workspace waits for a frame at most. A window that
 * is not painted (hidden, or a background window of several) gets no animation frames, and would
 * otherwise never load the rest of the app.
 */
const MAX_FRAME_WAIT_MS = 1000;

let markDrawn: () => void = () => {};
const mapDrawn = new Promise<void>((resolve) => {
  markDrawn = resolve;
});

/**
 * Resolves just after the frame that first painted the map's boundaries (the {@link MAP_DRAWN_MARK}
 * frame), or {@link MAX_FRAME_WAIT_MS} after they were added when no frame comes. The rest of the
 * workspace waits for it before it loads, so its code does not compete with the first paint for the CPU.
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
    // Without a frame there is no mark (nothing was painted), but the app goes on loading.
    const noFrame = window.setTimeout(markDrawn, MAX_FRAME_WAIT_MS);
    return function cancelMark() {
      cancelAnimationFrame(frame);
      window.clearTimeout(noFrame);
    };
  }, []);
  return null;
}
