import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings/settings';
import { createIpcHandlers } from '../../../electron/ipcHandlers';
import { dispatchIpc } from '../../../electron/policy/ipcDispatch';
import type { SettingsService } from '../../../electron/settingsService';

const TRUSTED = 'app://atlas/index.html';

describe('createIpcHandlers', () => {
  it('wires settings and app info', async () => {
    const settings: SettingsService = {
      load: vi.fn(() => ({ settings: DEFAULT_SETTINGS, resetKeys: ['role' as const] })),
      update: vi.fn(() => ({ ok: false as const, error: 'invalid-settings' as const, message: 'no' })),
    };
    const files = { save: vi.fn(async () => ({ ok: true as const, value: { status: 'cancelled' as const } })) };
    const backups = {
      write: vi.fn(async () => ({ ok: false as const, error: 'write-failed' as const, message: 'disk full' })),
      list: vi.fn(async () => ({ ok: true as const, value: [] })),
      read: vi.fn(async () => ({ ok: false as const, error: 'not-found' as const, message: 'gone' })),
      delete: vi.fn(async () => ({ ok: true as const, value: true as const })),
    };
    const identity = {
      get: vi.fn(() => ({ publicKey: 'K', fingerprint: 'F' })),
      sign: vi.fn(() => ({ ok: true as const, value: ['S'] })),
    };
    const handlers = createIpcHandlers({ settings, appVersion: '1.2.3', files, backups, identity });
    await expect(dispatchIpc(handlers, 'settings:get', TRUSTED, [])).resolves.toEqual({
      settings: DEFAULT_SETTINGS,
      resetKeys: ['role'],
    });
    await expect(
      dispatchIpc(handlers, 'settings:update', TRUSTED, [{ basemap: 'osm' }]),
    ).resolves.toMatchObject({ ok: false });
    expect(settings.update).toHaveBeenCalledWith({ basemap: 'osm' });
    await expect(dispatchIpc(handlers, 'app:get-info', TRUSTED, [])).resolves.toEqual({
      version: '1.2.3',
      platform: 'electron',
    });
    const request = { suggestedName: 'a.csv', extension: 'csv', filterName: 'CSV', bytes: new Uint8Array([65]) };
    await expect(dispatchIpc(handlers, 'files:save', TRUSTED, [request])).resolves.toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(files.save).toHaveBeenCalledWith(request);
    await expect(dispatchIpc(handlers, 'backups:write', TRUSTED, ['daily', new Uint8Array([1])])).resolves.toMatchObject({ ok: false, error: 'write-failed' });
    await dispatchIpc(handlers, 'backups:list', TRUSTED, []);
    await dispatchIpc(handlers, 'backups:delete', TRUSTED, ['backup-20261125T010203004Z-daily.json']);
    expect(backups.delete).toHaveBeenCalledWith('backup-20261125T010203004Z-daily.json');
    await expect(dispatchIpc(handlers, 'identity:get', TRUSTED, [])).resolves.toEqual({ publicKey: 'K', fingerprint: 'F' });
    const text = 'scenario-atlas-exchange/package/1\n{}';
    await expect(dispatchIpc(handlers, 'identity:sign', TRUSTED, [[text]])).resolves.toEqual({ ok: true, value: ['S'] });
    expect(identity.sign).toHaveBeenCalledWith([text]);
  });
});
