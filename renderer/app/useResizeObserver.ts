import { useEffect, type RefObject } from 'react';

/**
 * Calls `onResize` with the element's content box whenever its size changes (a ResizeObserver for
 * the element of `ref`). `onResize` should be stable (a module function or useCallback), or the
 * observer is renewed on every render.
 */
export function useResizeObserver(
  ref: RefObject<HTMLElement | null>,
  onResize: (contentRect: DOMRectReadOnly, element: HTMLElement) => void,
): void {
  useEffect(
    function observeSize() {
      const element = ref.current;
      if (!element) return;
      const observer = new ResizeObserver(function onEntries(entries) {
        const entry = entries[0];
        if (entry) onResize(entry.contentRect, element);
      });
      observer.observe(element);
      return function stopObserving() {
        observer.disconnect();
      };
    },
    [onResize, ref],
  );
}
