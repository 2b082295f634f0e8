import { useEffect, useState, type RefObject } from 'react';

/** The element's content height, kept current with a ResizeObserver (the virtual table needs a pixel height). */
export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [height, setHeight] = useState(fallback);
  useEffect(
    function observeHeight() {
      const element = ref.current;
      if (!element) return;
      const observer = new ResizeObserver(function onResize(entries) {
        const entry = entries[0];
        if (entry) setHeight(Math.max(120, Math.floor(entry.contentRect.height)));
      });
      observer.observe(element);
      return function stopObserving() {
        observer.disconnect();
      };
    },
    [ref],
  );
  return height;
}
