/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is saved between runs. */
export interface WindowState {
  readonly bounds: Rect;
  readonly isMaximized: boolean;
}

/** First-run size: room for the map and the list side by side. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
/** Smaller than this the layout breaks; the same value is the window's minimum size. */
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** How much of a saved window must still be on some display to keep its place. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;
/** Used only when the OS reports no usable display at all. */
const FALLBACK_WORK_AREA: Rect = { x: 0, y: 0, width: 1280, height: 800 };

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function asRect(value: unknown): Rect | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height))
    return null;
  return { x, y, width, height };
}

function isUsableArea(area: Rect | null): area is Rect {
  return area !== null && area.width >= 1 && area.height >= 1;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function fitSize(width: number, height: number, area: Rect): { width: number; height: number } {
  return {
    width: Math.round(clamp(width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width)),
    height: Math.round(clamp(height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height)),
  };
}

function centredIn(area: Rect, width: number, height: number): Rect {
  const size = fitSize(width, height, area);
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}

/**
 * Where to open the window: the saved bounds when they are sane and still (mostly) on a display —
 * moved fully inside that display's work area and shrunk to fit — otherwise the default size centred
 * on the primary display. Never throws, whatever was saved (hand-edited, NaN, a monitor since
 * unplugged, numbers from another machine).
 */
export function restoreWindowState(
  saved: unknown,
  workAreas: readonly unknown[],
  primaryWorkArea: unknown,
): WindowState {
  const areas = workAreas.map(asRect).filter(isUsableArea);
  const primaryRect = asRect(primaryWorkArea);
  const primary = isUsableArea(primaryRect) ? primaryRect : (areas[0] ?? FALLBACK_WORK_AREA);
  const fallback: WindowState = {
    bounds: centredIn(primary, DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height),
    isMaximized: false,
  };
  if (typeof saved !== 'object' || saved === null) return fallback;
  const record = saved as Record<string, unknown>;
  const isMaximized = record.isMaximized === true;
  const bounds = asRect(record.bounds);
  if (bounds === null || bounds.width <= 0 || bounds.height <= 0) return { ...fallback, isMaximized };

  let best: { area: Rect; visible: number } | null = null;
  for (const area of areas.length > 0 ? areas : [primary]) {
    const shared = overlap(bounds, area);
    if (shared.width < MIN_VISIBLE.width || shared.height < MIN_VISIBLE.height) continue;
    const visible = shared.width * shared.height;
    if (best === null || visible > best.visible) best = { area, visible };
  }
  if (best === null) return { bounds: centredIn(primary, bounds.width, bounds.height), isMaximized };

  const { area } = best;
  const size = fitSize(bounds.width, bounds.height, area);
  return {
    bounds: {
      x: Math.round(clamp(bounds.x, area.x, area.x + area.width - size.width)),
      y: Math.round(clamp(bounds.y, area.y, area.y + area.height - size.height)),
      ...size,
    },
    isMaximized,
  };
}
