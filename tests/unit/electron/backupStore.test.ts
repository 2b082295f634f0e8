import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore } from '../../../electron/backupStore';

let root = '';
let dir = '';
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'atlas-backups-'));
  dir = path.join(root, 'backups');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 10, 25, 1, 2, 3, 4);

function store(keep = 3, clock = { t: T0 }) {
  return { clock, backups: createBackupStore({ dir, keep: () => keep, now: () => clock.t }) };
}

const ok = <T,>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('createBackupStore', () => {
  it('writes, lists newest first, reads back and deletes', async () => {
    const { clock, backups } = store();
    const first = ok(await backups.write('daily', new Uint8Array([1, 2, 3])));
    expect(first).toEqual({ id: 'backup-20261125T010203004Z-daily.json', createdAt: T0, reason: 'daily', size: 3 });
    clock.t += 60_000;
    const second = ok(await backups.write('import', new Uint8Array([9])));
    expect(ok(await backups.list()).map((b) => b.id)).toEqual([second.id, first.id]);
    expect([...ok(await backups.read(first.id))]).toEqual([1, 2, 3]);
    ok(await backups.delete(first.id));
    expect(ok(await backups.list()).map((b) => b.id)).toEqual([second.id]);
    await expect(backups.read(first.id)).resolves.toMatchObject({ ok: false, error: 'not-found' });
  });

  it('keeps only the newest N', async () => {
    const { clock, backups } = store(2);
    for (const reason of ['daily', 'manual', 'merge', 'restore'] as const) {
      ok(await backups.write(reason, new Uint8Array([1])));
      clock.t += 1000;
    }
    expect(ok(await backups.list()).map((b) => b.reason)).toEqual(['restore', 'merge']);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('never overwrites a backup taken in the same millisecond', async () => {
    const { backups } = store(5);
    const a = ok(await backups.write('manual', new Uint8Array([1])));
    const b = ok(await backups.write('manual', new Uint8Array([2])));
    expect(b.id).not.toBe(a.id);
    expect([...ok(await backups.read(a.id))]).toEqual([1]);
  });

  it('lists nothing before the first backup and ignores other files in the folder', async () => {
    const { backups } = store();
    expect(ok(await backups.list())).toEqual([]);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    writeFileSync(path.join(dir, '.backup-20261125T010203004Z-daily.json.abc.tmp'), 'half');
    expect(ok(await backups.list())).toEqual([]);
  });

  it.each(['../settings.json', 'backup-20261125T010203004Z-daily.json/../../x', '/etc/passwd', 'backup-20261125T010203004Z-other.json'])(
    'refuses the id %j without touching the disk',
    async (id) => {
      const { backups } = store();
      writeFileSync(path.join(root, 'settings.json'), '{}');
      await expect(backups.read(id)).resolves.toMatchObject({ ok: false, error: 'not-found' });
      await expect(backups.delete(id)).resolves.toMatchObject({ ok: false, error: 'not-found' });
      expect(readdirSync(root)).toContain('settings.json');
    },
  );

  it('reports a write it could not make', async () => {
    writeFileSync(path.join(root, 'blocker'), 'a file where the folder should be');
    const backups = createBackupStore({ dir: path.join(root, 'blocker', 'backups'), keep: () => 3 });
    await expect(backups.write('manual', new Uint8Array([1]))).resolves.toMatchObject({ ok: false, error: 'write-failed' });
  });
});
