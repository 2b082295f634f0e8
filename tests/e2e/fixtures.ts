import { test as base, expect } from '@playwright/test';

/** Requests that left the app's own origin during a test (should stay empty: the app is offline-first). */
export interface OffOriginGuard {
  readonly offOrigin: string[];
}

/**
 * Every test gets a fresh browser context (Playwright's default: a new profile, empty localStorage and
 * IndexedDB) and a record of requests to any other origin, asserted empty after the test.
 */
export const test = base.extend<{ guard: OffOriginGuard }>({
  guard: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    const guard: OffOriginGuard = { offOrigin: [] };
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) guard.offOrigin.push(url);
    });
    await use(guard);
    expect(guard.offOrigin, 'requests that left the app origin').toEqual([]);
  },
});

export { expect };
