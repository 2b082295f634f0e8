import { describe, expect, it, vi } from 'vitest';
import { ipcArgSchemas, type IpcHandlers } from '../../../../shared/ipc/contract';
import { DEFAULT_SETTINGS } from '../../../../shared/settings/settings';
import { IPC_CHANNELS, dispatchIpc } from '../../../../electron/policy/ipcDispatch';

const TRUSTED = 'app://atlas/index.html#/map';

function spyHandlers() {
  const handlers = {
    'settings:get': vi.fn(() => ({ settings: DEFAULT_SETTINGS, resetKeys: [] })),
    'settings:update': vi.fn(() => ({ ok: true as const, value: DEFAULT_SETTINGS })),
    'app:get-info': vi.fn(() => ({ version: '0.1.0', platform: 'electron' as const })),
    'files:save': vi.fn(() => ({ ok: true as const, value: { status: 'cancelled' as const } })),
    'backups:write': vi.fn(() => ({ ok: true as const, value: { id: 'backup-20261125T010203004Z-manual.json', createdAt: 0, reason: 'manual' as const, size: 1 } })),
    'backups:list': vi.fn(() => ({ ok: true as const, value: [] })),
    'backups:read': vi.fn(() => ({ ok: true as const, value: new Uint8Array(1) })),
    'backups:delete': vi.fn(() => ({ ok: true as const, value: true as const })),
    'identity:get': vi.fn(() => ({ publicKey: 'K', fingerprint: 'F' })),
    'identity:sign': vi.fn(() => ({ ok: true as const, value: ['S'] })),
  } satisfies IpcHandlers;
  return handlers;
}

describe('dispatchIpc: files and backups', () => {
  const save = { suggestedName: '场景目录.xlsx', extension: 'xlsx', filterName: 'Excel 工作簿', bytes: new Uint8Array([1, 2]) };

  it('passes a valid save request and backup calls through', async () => {
    const handlers = spyHandlers();
    await dispatchIpc(handlers, 'files:save', TRUSTED, [save]);
    expect(handlers['files:save']).toHaveBeenCalledWith(save);
    // A large workbook comes in pieces (FileBytes), written in turn.
    const inPieces = { ...save, bytes: [new Uint8Array([1, 2]), new Uint8Array([3])] };
    await dispatchIpc(handlers, 'files:save', TRUSTED, [inPieces]);
    expect(handlers['files:save']).toHaveBeenCalledWith(inPieces);
    await dispatchIpc(handlers, 'backups:write', TRUSTED, ['import', new Uint8Array([1])]);
    await dispatchIpc(handlers, 'backups:read', TRUSTED, ['backup-20261125T010203004Z-daily.json']);
    expect(handlers['backups:read']).toHaveBeenCalledWith('backup-20261125T010203004Z-daily.json');
  });

  it.each<[string, readonly unknown[]]>([
    ['files:save', [{ ...save, bytes: 'not bytes' }]],
    ['files:save', [{ ...save, bytes: [new Uint8Array(1), 'not bytes'] }]],
    ['files:save', [{ ...save, bytes: [[1, 2, 3]] }]],
    ['files:save', [{ ...save, extension: '../exe' }]],
    ['files:save', [{ ...save, extra: 1 }]],
    ['files:save', [{ ...save, suggestedName: '' }]],
    ['backups:write', ['whenever', new Uint8Array([1])]],
    ['backups:write', ['manual', new Uint8Array(0)]],
    ['backups:read', ['../settings.json']],
    ['backups:read', ['backup-20261125T010203004Z-manual.json/../../x']],
    ['backups:delete', ['backup-20261325T010203004Z-manual.json']],
    ['backups:delete', [42]],
    ['identity:sign', [['not an exchange text']]],
    ['identity:sign', [[]]],
    ['identity:sign', ['scenario-atlas-exchange/package/1\n{}']],
    ['identity:get', [1]],
  ])('refuses %s with %j', async (channel, args) => {
    const handlers = spyHandlers();
    await expect(dispatchIpc(handlers, channel as keyof IpcHandlers, TRUSTED, args)).rejects.toThrow(/invalid arguments/);
    expect((handlers as Record<string, unknown>)[channel]).not.toHaveBeenCalled();
  });
});

describe('dispatchIpc', () => {
  it('covers every channel of the contract', () => {
    expect([...IPC_CHANNELS].sort()).toEqual(Object.keys(ipcArgSchemas).sort());
  });

  it('runs the handler for a trusted sender with valid arguments', async () => {
    const handlers = spyHandlers();
    await expect(dispatchIpc(handlers, 'app:get-info', TRUSTED, [])).resolves.toEqual({
      version: '0.1.0',
      platform: 'electron',
    });
    await dispatchIpc(handlers, 'settings:update', TRUSTED, [{ language: 'en' }]);
    expect(handlers['settings:update']).toHaveBeenCalledWith({ language: 'en' });
  });

  it.each([
    ['another app host', 'app://evil/index.html'],
    ['a web page', 'https://example.com/'],
    ['a local file', 'file:///tmp/index.html'],
    ['the dev server', 'http://localhost:5173/'],
    ['a traversal URL', 'app://atlas/../x'],
    ['a destroyed frame', undefined],
    ['an empty URL', ''],
  ])('refuses %s before validating or running anything', async (_name, senderUrl) => {
    const handlers = spyHandlers();
    await expect(dispatchIpc(handlers, 'settings:get', senderUrl, [])).rejects.toThrow(
      /settings:get refused: .*app:\/\/atlas/,
    );
    expect(handlers['settings:get']).not.toHaveBeenCalled();
  });

  it.each<[string, 'settings:get' | 'settings:update' | 'app:get-info', unknown[]]>([
    ['an extra argument', 'settings:get', [1]],
    ['no patch', 'settings:update', []],
    ['a patch with an unknown key', 'settings:update', [{ isAdmin: true }]],
    ['a patch of the wrong type', 'settings:update', [{ unitCode: 510104 }]],
    ['a string patch', 'settings:update', ['{"language":"en"}']],
    ['two patches', 'settings:update', [{ language: 'en' }, { language: 'zh-CN' }]],
    ['a prototype-polluting patch', 'settings:update', [JSON.parse('{"__proto__": {"isAdmin": true}}')]],
    ['arguments to a no-argument channel', 'app:get-info', [{}]],
  ])('refuses %s with a clear message', async (_name, channel, args) => {
    const handlers = spyHandlers();
    await expect(dispatchIpc(handlers, channel, TRUSTED, args)).rejects.toThrow(
      `[ipc] ${channel} refused: invalid arguments.`,
    );
    expect(handlers[channel]).not.toHaveBeenCalled();
  });
});
