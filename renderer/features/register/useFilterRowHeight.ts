import { useState, type CSSProperties, type RefObject } from 'react';
import { useResizeObserver } from '../../app/useResizeObserver';

/** Where the filter row's last height is kept (UI layout, not data: localStorage, not the database). */
const STORAGE_KEY = 'scenario-atlas:filter-row-height';

function readStoredHeight(): number | null {
  try {
    const height = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(height) && height > 0 && height < 1000 ? height : null;
  } catch (error) {
    console.warn('[register] the filter row height could not be read', error);
    return null;
  }
}

function storeHeight(height: number): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, String(height));
  } catch (error) {
    console.warn('[register] the filter row height could not be kept', error);
  }
}

/** Keeps the row's height once its filters are in (an empty row says nothing about them). */
function rememberHeightWithFilters(contentRect: DOMRectReadOnly, element: HTMLElement): void {
  if (element.childElementCount > 0) storeHeight(Math.round(contentRect.height));
}

/**
 * The filter row's filters load after the map, and wrap to two or three rows depending on the
 * window's width. The row's height with its filters is remembered, and the empty row (first
 * screen, or filters still loading) reserves it (app.css: `.atlas-filter-row:empty`), so the map
 * does not move down when they arrive. Returns the style that carries the remembered height.
 */
export function useFilterRowHeight(ref: RefObject<HTMLElement | null>): CSSProperties | undefined {
  const [remembered] = useState(readStoredHeight);
  useResizeObserver(ref, rememberHeightWithFilters);
  return remembered === null ? undefined : ({ '--atlas-filter-row-height': `${String(remembered)}px` } as CSSProperties);
}
