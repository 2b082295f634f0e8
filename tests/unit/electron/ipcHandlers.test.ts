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
    const handlers = createIpcHandlers({ settings, appVersion: '1.2.3' });
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
  });
});
