import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, settingsKeySchemas, type Settings } from '../../../shared/settings/settings';
import {
  corruptBackupPath,
  createSettingsService,
  type SettingsBackend,
} from '../../../electron/settingsService';

const ALL_KEYS = Object.keys(settingsKeySchemas);
const NOW = new Date('2025-03-01T08:15:30.123Z');

/** An in-memory settings file: `text` is what is on disk, parsed like electron-store does. */
function fakeBackend(initialText: string | null) {
  const disk = { text: initialText, backups: [] as string[], writes: 0 };
  const parse = (): unknown => (disk.text === null ? {} : (JSON.parse(disk.text) as unknown));
  const backend: SettingsBackend = {
    open() {
      parse(); // electron-store reads (and may throw) in its constructor
      return {
        read: () => parse(),
        write: (value: Settings) => {
          disk.writes += 1;
          disk.text = JSON.stringify(value);
        },
      };
    },
    backUpBrokenFile(now) {
      disk.backups.push(`${disk.text ?? ''}@${now.toISOString()}`);
      disk.text = null;
      return `/data/settings.corrupt-${now.toISOString()}.json`;
    },
  };
  return { backend, disk };
}

const quiet = { now: () => NOW, log: vi.fn() };

describe('settings service: loading', () => {
  it('a fresh installation gets the defaults and nothing to report', () => {
    const { backend, disk } = fakeBackend(null);
    expect(createSettingsService(backend, quiet).load()).toEqual({
      settings: DEFAULT_SETTINGS,
      resetKeys: [],
    });
    expect(disk.writes).toBe(0);
  });

  it('valid settings come back unchanged and are not rewritten', () => {
    const stored = { unitCode: '510104', role: 'county', language: 'en', basemap: 'osm', tiandituKey: '', backupKeep: 5 };
    const { backend, disk } = fakeBackend(JSON.stringify(stored));
    expect(createSettingsService(backend, quiet).load()).toEqual({ settings: stored, resetKeys: [] });
    expect(disk.writes).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['wrong type', { unitCode: 510104, role: 'county' }, ['unitCode']],
    ['hand-edited unit code', { unitCode: '51 01 04', role: 'county' }, ['unitCode']],
    ['unknown role', { unitCode: '510104', role: 'mayor' }, ['role']],
    ['unknown language and basemap', { language: 'fr', basemap: 'google' }, ['language', 'basemap']],
    ['key with script', { tiandituKey: '<script>alert(1)</script>' }, ['tiandituKey']],
    [
      'everything wrong',
      { unitCode: [], role: {}, language: null, basemap: 1, tiandituKey: false },
      ['unitCode', 'role', 'language', 'basemap', 'tiandituKey'],
    ],
  ])('%s: the broken keys are reset, reported once and written back', (_name, stored, resetKeys) => {
    const { backend, disk } = fakeBackend(JSON.stringify(stored));
    const service = createSettingsService(backend, quiet);
    const first = service.load();
    expect([...first.resetKeys].sort()).toEqual([...resetKeys].sort());
    for (const key of resetKeys)
      expect(first.settings[key as keyof Settings]).toEqual(DEFAULT_SETTINGS[key as keyof Settings]);
    expect(disk.writes).toBe(1);
    expect(JSON.parse(disk.text ?? 'null')).toEqual(first.settings);
    // Told once: the next load (a reload, a second window) finds nothing to report.
    expect(service.load()).toEqual({ settings: first.settings, resetKeys: [] });
  });

  it('keeps a well-formed but unknown unit code; first run decides (needsFirstRun)', () => {
    const { backend } = fakeBackend(JSON.stringify({ unitCode: '999999', role: 'county' }));
    expect(createSettingsService(backend, quiet).load()).toMatchObject({
      settings: { unitCode: '999999' },
      resetKeys: [],
    });
  });

  it('drops unknown keys', () => {
    const { backend } = fakeBackend('{"unitCode":"510104","isAdmin":true,"__proto__":{"polluted":true}}');
    const { settings } = createSettingsService(backend, quiet).load();
    expect(Object.keys(settings).sort()).toEqual([...ALL_KEYS].sort());
  });

  it.each([
    ['truncated JSON', '{"unitCode": "5101'],
    ['not JSON at all', 'this is not json'],
    ['binary garbage', '\u0000\u0001\u00ff'],
    ['empty file', ''],
  ])('%s: the file is moved aside, defaults are written and every key is reported', (_name, text) => {
    const { backend, disk } = fakeBackend(text);
    const log = vi.fn();
    const service = createSettingsService(backend, { now: () => NOW, log });
    const loaded = service.load();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect([...loaded.resetKeys].sort()).toEqual([...ALL_KEYS].sort());
    expect(disk.backups).toEqual([`${text}@${NOW.toISOString()}`]);
    expect(JSON.parse(disk.text ?? 'null')).toEqual(DEFAULT_SETTINGS);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('[settings]'), expect.any(SyntaxError));
    expect(service.load().resetKeys).toEqual([]);
  });

  it('a file broken while the app runs is handled the same way', () => {
    const { backend, disk } = fakeBackend(JSON.stringify({ unitCode: '510104' }));
    const service = createSettingsService(backend, quiet);
    service.load();
    disk.text = '{oops';
    expect(service.load().resetKeys).toHaveLength(ALL_KEYS.length);
    expect(disk.backups).toHaveLength(1);
  });

  it('other read errors (permissions, disk) are rethrown with the cause, not hidden', () => {
    const cause = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const backend: SettingsBackend = {
      open: () => {
        throw cause;
      },
      backUpBrokenFile: () => '',
    };
    expect(() => createSettingsService(backend, quiet).load()).toThrow(expect.objectContaining({ cause }));
  });

  it('says so when the broken file cannot be moved aside', () => {
    const backend: SettingsBackend = {
      open: () => {
        throw new SyntaxError('Unexpected token');
      },
      backUpBrokenFile: () => {
        throw new Error('EPERM');
      },
    };
    expect(() => createSettingsService(backend, quiet).load()).toThrow(/could not be moved aside/);
  });
});

describe('settings service: updating', () => {
  it('applies a valid patch and persists it', () => {
    const { backend, disk } = fakeBackend(null);
    const service = createSettingsService(backend, quiet);
    const result = service.update({ unitCode: '510104', role: 'county' });
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, unitCode: '510104', role: 'county' } });
    expect(JSON.parse(disk.text ?? 'null')).toMatchObject({ unitCode: '510104', role: 'county' });
    expect(service.load().settings.unitCode).toBe('510104');
  });

  it.each([
    ['unknown key', { isAdmin: true }],
    ['wrong type', { unitCode: 510104 }],
    ['bad role', { role: 'root' }],
    ['not an object', 'language=en'],
    ['array', [{ language: 'en' }]],
    ['null', null],
  ])('refuses %s with invalid-settings and writes nothing', (_name, patch) => {
    const { backend, disk } = fakeBackend(null);
    const result = createSettingsService(backend, quiet).update(patch);
    expect(result).toMatchObject({ ok: false, error: 'invalid-settings' });
    expect(disk.writes).toBe(0);
  });
});

describe('corruptBackupPath', () => {
  it.each([
    [
      '/home/u/.config/atlas/settings.json',
      '/home/u/.config/atlas/settings.corrupt-2025-03-01T08-15-30-123Z.json',
    ],
    [
      'C:\\Users\\u\\AppData\\Roaming\\atlas\\settings.json',
      'C:\\Users\\u\\AppData\\Roaming\\atlas\\settings.corrupt-2025-03-01T08-15-30-123Z.json',
    ],
    ['/data/settings', '/data/settings.corrupt-2025-03-01T08-15-30-123Z.json'],
  ])('%s → %s', (input, expected) => {
    expect(corruptBackupPath(input, NOW)).toBe(expected);
  });
});
