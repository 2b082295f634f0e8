import { useEffect, useState } from 'react';

/**
 * False on the first render, true once the browser has painted it. Parts of the screen that are
 * not the map (filters, table, panels) wait for it, so a cold start shows Sichuan first and the
 * rest a moment later instead of everything at once, later.
 */
export function useAfterFirstPaint(): boolean {
  const [hasPainted, setPainted] = useState(false);
  useEffect(function waitForFirstPaint() {
    let timer = 0;
    const frame = requestAnimationFrame(function afterFrame() {
      // The timeout lands after the frame is painted (rAF runs just before paint).
      timer = window.setTimeout(() => setPainted(true), 0);
    });
    return function cancelWait() {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return hasPainted;
}
