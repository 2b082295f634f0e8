import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return function unsubscribe() {
    list.removeEventListener('change', onChange);
  };
}

function currentPreference(): boolean {
  return window.matchMedia(QUERY).matches;
}

/**
 * True when the system asks for reduced motion (Windows: 显示动画 off; macOS: 减弱动态效果). The
 * workspace then opens dialogs, drawers and messages without their zoom and slide animations. The
 * e2e run asks for it too (playwright.config.ts): a click during a dialog's opening zoom could land
 * its press and release on different places, so the click was lost (the flake of CI stop 9).
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, currentPreference, () => false);
}
