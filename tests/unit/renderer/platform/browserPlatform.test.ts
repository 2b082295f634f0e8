import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { createBrowserFiles } from '../../../../renderer/platform/browserFiles';
import { createBrowserPlatform } from '../../../../renderer/platform/browserPlatform';
import { backupId } from '../../../../shared/backup/backupName';
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

describe('browser backups', () => {
  const name = () => `backups-blob-test-${Math.random().toString(36).slice(2)}`;

  it('keeps the newest N, pruned by their ids, and reads each back byte for byte', async () => {
    let t = Date.UTC(2026, 10, 1);
    const files = createBrowserFiles(() => 3, name(), () => t);
    for (let index = 0; index < 5; index += 1) {
      t += 60_000;
      expect((await files.writeBackup('daily', new Uint8Array([index, 200, 7]))).ok).toBe(true);
    }
    const listed = await files.listBackups();
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.value.map((backup) => backup.size)).toEqual([3, 3, 3]);
    const newest = listed.value[0];
    if (!newest) throw new Error('no backup');
    expect(await files.readBackup(newest.id)).toEqual({ ok: true, value: new Uint8Array([4, 200, 7]) });
  });

  it('reads a backup an older version stored as a Uint8Array', async () => {
    const dbName = name();
    const createdAt = Date.UTC(2026, 10, 2);
    const id = backupId(createdAt, 'import');
    const old = new Dexie(dbName);
    old.version(1).stores({ backups: 'id, createdAt' });
    await old.table('backups').add({ id, createdAt, reason: 'import', size: 2, bytes: new Uint8Array([9, 8]) });
    old.close();
    const files = createBrowserFiles(() => 5, dbName, () => createdAt + 1);
    expect(await files.listBackups()).toMatchObject({ ok: true, value: [{ id, reason: 'import', size: 2 }] });
    expect(await files.readBackup(id)).toEqual({ ok: true, value: new Uint8Array([9, 8]) });
  });
});
