import { useCallback, useState, type RefObject } from 'react';
import { useResizeObserver } from './useResizeObserver';

/** The element's content height, kept current with a ResizeObserver (the virtual table needs a pixel height). */
export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [height, setHeight] = useState(fallback);
  const onResize = useCallback((contentRect: DOMRectReadOnly) => setHeight(Math.max(120, Math.floor(contentRect.height))), []);
  useResizeObserver(ref, onResize);
  return height;
}
