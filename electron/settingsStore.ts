import { renameSync } from 'node:fs';
import * as path from 'node:path';
import Store from 'electron-store';
import type { Settings } from '../shared/settings/settings';
import { corruptBackupPath, type SettingsBackend } from './settingsService';

const SETTINGS_STORE_NAME = 'settings';

/** The settings file (`settings.json` in the user-data folder) through electron-store. */
export function createElectronSettingsBackend(userDataDir: string): SettingsBackend {
  const filePath = path.join(userDataDir, `${SETTINGS_STORE_NAME}.json`);
  return {
    open() {
      // clearInvalidConfig stays off: electron-store would silently empty a broken file, and the
      // user must be told (settingsService moves the file aside instead).
      const store = new Store<Record<string, unknown>>({
        name: SETTINGS_STORE_NAME,
        cwd: userDataDir,
        clearInvalidConfig: false,
      });
      return {
        read: () => store.store,
        write: (value: Settings) => {
          store.store = { ...value };
        },
      };
    },
    backUpBrokenFile(now) {
      const target = corruptBackupPath(filePath, now);
      renameSync(filePath, target);
      return target;
    },
  };
}
