import type { IpcHandlers } from '../shared/ipc/contract';
import type { SettingsService } from './settingsService';

/**
 * The one handler table main registers. Typed as {@link IpcHandlers}: a channel added to the
 * contract without a handler here does not compile. No electron import, so tests call it directly.
 */
export function createIpcHandlers(deps: {
  readonly settings: SettingsService;
  readonly appVersion: string;
}): IpcHandlers {
  return {
    'settings:get': () => deps.settings.load(),
    'settings:update': (patch) => deps.settings.update(patch),
    'app:get-info': () => ({ version: deps.appVersion, platform: 'electron' }),
  };
}
