import type { AppInfo, MenuCommand, PlatformApi } from '../../shared/ipc/contract';
import { err, ok } from '../../shared/result';
import { applySettingsPatch, repairSettings, type Settings, type SettingsLoad } from '../../shared/settings/settings';

/** localStorage key of the settings object in the browser build. */
export const BROWSER_SETTINGS_KEY = 'scenario-atlas:settings';

type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

/**
 * Methods that load their implementation on first call: the identity (an Ed25519 library) and the
 * backup store (Dexie) are not needed to draw the first screen, and every one of their methods is
 * async anyway. Loaded once; the same object serves every later call.
 */
function loadedOnFirstCall<T extends AsyncMethods<T>>(load: () => Promise<T>, names: readonly (keyof T)[]): T {
  let loaded: Promise<T> | null = null;
  const methods: Partial<Record<keyof T, unknown>> = {};
  for (const name of names) {
    methods[name] = async (...args: unknown[]) => {
      loaded ??= load();
      const target = await loaded;
      return (target[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return methods as T;
}

/**
 * The same {@link PlatformApi} as the Electron preload, backed by localStorage, so the whole UI runs
 * (and is tested) in plain Chromium. Menu commands do not exist in a browser: the subscription is inert.
 */
export function createBrowserPlatform(storage: Storage, version: string): PlatformApi {
  function readStored(): unknown {
    const text = storage.getItem(BROWSER_SETTINGS_KEY);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      console.warn('[platform] settings in localStorage are not JSON; restoring defaults', error);
      return '<corrupt>';
    }
  }

  function write(settings: Settings): void {
    storage.setItem(BROWSER_SETTINGS_KEY, JSON.stringify(settings));
  }

  return {
    async getSettings(): Promise<SettingsLoad> {
      const loaded = repairSettings(readStored());
      // Write the repaired object back so the user is told about broken keys once, not on every start.
      if (loaded.resetKeys.length > 0) write(loaded.settings);
      return loaded;
    },
    async updateSettings(patch) {
      const current = repairSettings(readStored()).settings;
      const next = applySettingsPatch(current, patch);
      if (!next) return err('invalid-settings', 'Settings update refused: a value is not allowed.');
      write(next);
      return ok(next);
    },
    async getAppInfo(): Promise<AppInfo> {
      return { version, platform: 'browser' };
    },
    ...loadedOnFirstCall(async () => (await import('./browserIdentity')).createBrowserIdentity(storage), ['getIdentity', 'signTexts']),
    ...loadedOnFirstCall(
      async () => (await import('./browserFiles')).createBrowserFiles(() => repairSettings(readStored()).settings.backupKeep),
      ['saveFile', 'writeBackup', 'listBackups', 'readBackup', 'deleteBackup'],
    ),
    onMenuCommand(_listener: (command: MenuCommand) => void) {
      return function unsubscribeNothing() {};
    },
  };
}
