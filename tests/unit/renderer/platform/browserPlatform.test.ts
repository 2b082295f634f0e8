import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createBrowserPlatform } from '../../../../renderer/platform/browserPlatform';
import { platformChannels } from '../../../../shared/ipc/contract';
import { memoryStorage } from './memoryStorage';

describe('browser platform', () => {
  it('offers every method of the preload API', () => {
    const platform = createBrowserPlatform(memoryStorage(), '0.0.0-test');
    for (const name of [...Object.keys(platformChannels), 'onMenuCommand']) {
      expect(typeof (platform as unknown as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('loads the identity and the backup store on first use, then keeps them', async () => {
    const storage = memoryStorage();
    const platform = createBrowserPlatform(storage, '0.0.0-test');
    const first = await platform.getIdentity();
    expect(first.publicKey).toMatch(/\S+/);
    expect(await platform.getIdentity()).toEqual(first);
    // A new platform on the same storage (a reload) has the same key.
    expect(await createBrowserPlatform(storage, '0.0.0-test').getIdentity()).toEqual(first);

    const written = await platform.writeBackup('manual', new TextEncoder().encode('{}'));
    expect(written.ok).toBe(true);
    const listed = await platform.listBackups();
    expect(listed.ok && listed.value.map((b) => b.reason)).toEqual(['manual']);
  });
});
