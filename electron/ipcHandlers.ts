import type { IpcHandlers } from '../shared/ipc/contract';
import type { BackupStore } from './backupStore';
import type { FileService } from './fileService';
import type { IdentityService } from './identityService';
import type { SettingsService } from './settingsService';

/**
 * The one handler table main registers. Typed as {@link IpcHandlers}: a channel added to the
 * contract without a handler here does not compile. No electron import, so tests call it directly.
 */
export function createIpcHandlers(deps: {
  readonly settings: SettingsService;
  readonly appVersion: string;
  readonly identity: IdentityService;
  readonly files: Pick<FileService, 'save'>;
  readonly backups: Pick<BackupStore, 'write' | 'list' | 'read' | 'delete'>;
}): IpcHandlers {
  return {
    'settings:get': () => deps.settings.load(),
    'settings:update': (patch) => deps.settings.update(patch),
    'app:get-info': () => ({ version: deps.appVersion, platform: 'electron' }),
    'identity:get': () => deps.identity.get(),
    'identity:sign': (texts) => deps.identity.sign(texts),
    'files:save': (request) => deps.files.save(request),
    'backups:write': (reason, bytes) => deps.backups.write(reason, bytes),
    'backups:list': () => deps.backups.list(),
    'backups:read': (id) => deps.backups.read(id),
    'backups:delete': (id) => deps.backups.delete(id),
  };
}
