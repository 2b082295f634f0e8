import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { completeFirstRun, expectSichuanMap } from '../steps/firstRun';
import type { PlatformApi } from '../../../shared/ipc/contract';
import { electronBinaryStatus } from './electronBinary';

/** The page's window as the preload leaves it (types only; erased before page.evaluate runs). */
type AtlasWindow = { readonly atlas?: PlatformApi };

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const binary = electronBinaryStatus();

/**
 * The desktop app itself: the built renderer served over app://atlas by the real main process,
 * settings through the preload and electron-store. Each test gets its own user-data folder
 * (ATLAS_USER_DATA_DIR), so settings and the single-instance lock never leak between tests.
 * Runs against the unpackaged build (`electron .`): the packaged app's fuses disable the
 * --inspect / --remote-debugging flags Playwright drives Electron with.
 */
test.describe('Electron app', () => {
  test.skip(!binary.available, binary.reason);

  let app: ElectronApplication;
  let userDataDir: string;
  let offOrigin: string[];

  test.beforeAll(() => {
    for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      if (!existsSync(path.join(repoRoot, file)))
        throw new Error(`[e2e] ${file} is missing: run npm run build first`);
    }
  });

  test.beforeEach(async () => {
    userDataDir = await mkdtemp(path.join(tmpdir(), 'atlas-electron-e2e-'));
    app = await electron.launch({
      args: ['.'],
      cwd: repoRoot,
      env: { ...process.env, ATLAS_USER_DATA_DIR: userDataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
    offOrigin = [];
  });

  test.afterEach(async () => {
    await app.close();
    await rm(userDataDir, { recursive: true, force: true });
    expect(offOrigin, 'requests that left app://atlas').toEqual([]);
  });

  async function firstWindow(): Promise<Page> {
    const page = await app.firstWindow();
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('app://atlas/') && !url.startsWith('data:') && !url.startsWith('blob:'))
        offOrigin.push(url);
    });
    return page;
  }

  test('opens one window on app://atlas, completes first run, shows Sichuan and keeps the unit after a reload', async () => {
    const page = await firstWindow();
    await expect(page).toHaveTitle(/场景开放与试点台账/);
    expect(page.url()).toMatch(/^app:\/\/atlas\//);
    expect(app.windows()).toHaveLength(1);

    await completeFirstRun(page);
    await expectSichuanMap(page);

    await page.reload();
    await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /我的单位: 武侯区 · 县级/ })).toBeVisible();
    const stored = await page.evaluate(() => (window as unknown as AtlasWindow).atlas?.getSettings());
    expect(stored?.settings).toMatchObject({ unitCode: '510107', role: 'county' });
    await expectSichuanMap(page);
  });

  test('the page gets the preload API and nothing of Node or Electron', async () => {
    const page = await firstWindow();
    await expect(page).toHaveTitle(/场景开放与试点台账/);
    const exposed = await page.evaluate(() => ({
      atlas: Object.keys((window as unknown as AtlasWindow).atlas ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(exposed).toEqual({
      atlas: ['getAppInfo', 'getSettings', 'onMenuCommand', 'updateSettings'],
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
    });
    await expect(
      page.evaluate(() => (window as unknown as AtlasWindow).atlas?.getAppInfo()),
    ).resolves.toMatchObject({ platform: 'electron' });
    await expect(
      page.evaluate(() =>
        (window as unknown as AtlasWindow).atlas?.updateSettings({ role: 'root' } as never),
      ),
    ).rejects.toThrow(/invalid arguments/);
  });

  test('every app:// response carries the CSP and traversal is refused', async () => {
    const page = await firstWindow();
    await expect(page).toHaveTitle(/场景开放与试点台账/);
    const probe = await page.evaluate(async () => {
      const index = await fetch('app://atlas/index.html');
      const escape = await fetch('app://atlas/%2e%2e/%2e%2e/package.json');
      return {
        csp: index.headers.get('content-security-policy'),
        type: index.headers.get('content-type'),
        escape: escape.status,
      };
    });
    expect(probe.csp).toContain("script-src 'self'");
    expect(probe.csp).toContain("frame-ancestors 'none'");
    expect(probe.type).toBe('text/html; charset=utf-8');
    expect(probe.escape).toBe(404);
  });
});
