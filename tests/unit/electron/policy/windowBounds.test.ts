import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  restoreWindowState,
  type Rect,
} from '../../../../electron/policy/windowBounds';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 984 };
const displays = [primary, right];
const centredDefault = {
  x: (1920 - DEFAULT_WINDOW_SIZE.width) / 2,
  y: (1040 - DEFAULT_WINDOW_SIZE.height) / 2,
  width: DEFAULT_WINDOW_SIZE.width,
  height: DEFAULT_WINDOW_SIZE.height,
};

function isInside(bounds: Rect, area: Rect): boolean {
  return (
    bounds.x >= area.x &&
    bounds.y >= area.y &&
    bounds.x + bounds.width <= area.x + area.width &&
    bounds.y + bounds.height <= area.y + area.height
  );
}

describe('restoreWindowState', () => {
  it.each<[string, unknown, Rect]>([
    [
      'kept when fully visible',
      { bounds: { x: 100, y: 50, width: 1200, height: 800 } },
      { x: 100, y: 50, width: 1200, height: 800 },
    ],
    [
      'kept on the second display',
      { bounds: { x: 2000, y: 10, width: 1000, height: 700 } },
      { x: 2000, y: 10, width: 1000, height: 700 },
    ],
    [
      'pulled back when partly off the primary display',
      { bounds: { x: 1200, y: 100, width: 1000, height: 700 } },
      { x: 920, y: 100, width: 1000, height: 700 },
    ],
    [
      'moved onto the display holding most of it',
      { bounds: { x: 1500, y: 100, width: 1000, height: 700 } },
      { x: 1920, y: 100, width: 1000, height: 700 },
    ],
    [
      'pulled down when the title bar is above the screen',
      { bounds: { x: 100, y: -300, width: 1000, height: 700 } },
      { x: 100, y: 0, width: 1000, height: 700 },
    ],
    [
      'moved to the primary display when entirely off-screen',
      { bounds: { x: 10000, y: 10000, width: 1000, height: 700 } },
      { x: 460, y: 170, width: 1000, height: 700 },
    ],
    [
      'moved when on a display since unplugged',
      { bounds: { x: -2000, y: 0, width: 1000, height: 700 } },
      { x: 460, y: 170, width: 1000, height: 700 },
    ],
    [
      'centred on the primary display when only a sliver is visible',
      { bounds: { x: 1910, y: 1030, width: 1000, height: 700 } },
      { x: 460, y: 170, width: 1000, height: 700 },
    ],
    [
      'shrunk to the display when huge',
      { bounds: { x: 0, y: 0, width: 1e9, height: 1e9 } },
      { x: 0, y: 0, width: 1920, height: 1040 },
    ],
    [
      'grown to the minimum when tiny',
      { bounds: { x: 10, y: 10, width: 200, height: 150 } },
      { x: 10, y: 10, width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height },
    ],
    [
      'rounded when fractional',
      { bounds: { x: 10.4, y: 10.6, width: 1000.5, height: 700.2 } },
      { x: 10, y: 11, width: 1001, height: 700 },
    ],
    ['default when NaN', { bounds: { x: Number.NaN, y: 0, width: 1000, height: 700 } }, centredDefault],
    [
      'default when Infinity',
      { bounds: { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 700 } },
      centredDefault,
    ],
    ['default when negative size', { bounds: { x: 0, y: 0, width: -1000, height: 700 } }, centredDefault],
    ['default when zero size', { bounds: { x: 0, y: 0, width: 0, height: 0 } }, centredDefault],
    [
      'default when strings (hand-edited)',
      { bounds: { x: '0', y: '0', width: '1000', height: '700' } },
      centredDefault,
    ],
    ['default when bounds missing', { isMaximized: false }, centredDefault],
    ['default when nothing saved', undefined, centredDefault],
    ['default when null', null, centredDefault],
    ['default when an array', [1, 2, 3, 4], centredDefault],
    ['default when a string', 'garbage', centredDefault],
  ])('%s', (_name, saved, expected) => {
    const state = restoreWindowState(saved, displays, primary);
    expect(state.bounds).toEqual(expected);
    expect(displays.some((area) => isInside(state.bounds, area))).toBe(true);
  });

  it('keeps isMaximized only when it is exactly true', () => {
    expect(
      restoreWindowState(
        { bounds: { x: 0, y: 0, width: 900, height: 600 }, isMaximized: true },
        displays,
        primary,
      ).isMaximized,
    ).toBe(true);
    expect(
      restoreWindowState(
        { bounds: { x: 0, y: 0, width: 900, height: 600 }, isMaximized: 'yes' },
        displays,
        primary,
      ).isMaximized,
    ).toBe(false);
    expect(restoreWindowState(undefined, displays, primary).isMaximized).toBe(false);
  });

  it('fits a screen smaller than the minimum size', () => {
    const small: Rect = { x: 0, y: 0, width: 640, height: 480 };
    expect(restoreWindowState(undefined, [small], small).bounds).toEqual(small);
  });

  it('survives displays reported as garbage', () => {
    const state = restoreWindowState(
      { bounds: { x: 0, y: 0, width: 900, height: 600 } },
      [null, { x: Number.NaN }],
      { width: 0 },
    );
    expect(state.bounds.width).toBeGreaterThan(0);
    expect(Number.isFinite(state.bounds.x)).toBe(true);
  });
});
