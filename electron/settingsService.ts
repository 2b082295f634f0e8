import { err, ok, type Result } from '../shared/result';
import {
  DEFAULT_SETTINGS,
  applySettingsPatch,
  repairSettings,
  settingsKeySchemas,
  type Settings,
  type SettingsLoad,
} from '../shared/settings/settings';

/** The stored settings file, opened. electron-store in the app, an in-memory fake in tests. */
export interface RawSettingsStore {
  /** The whole stored object; throws a SyntaxError when the file is not JSON. */
  read(): unknown;
  /** Replaces the whole stored object (atomically, in electron-store). */
  write(value: Settings): void;
}

/** How the service reaches the settings file. No electron import here, so tests run in plain Node. */
export interface SettingsBackend {
  /** Opens the store; electron-store already reads (and may throw on) the file here. */
  open(): RawSettingsStore;
  /** Moves the unreadable file aside and returns where it went. */
  backUpBrokenFile(now: Date): string;
}

/** Settings as main serves them over IPC. */
export interface SettingsService {
  load(): SettingsLoad;
  update(patch: unknown): Result<Settings, 'invalid-settings'>;
}

const ALL_KEYS = Object.keys(settingsKeySchemas) as (keyof Settings)[];

/** `settings.json` → `settings.corrupt-2025-01-31T08-15-00-000Z.json`, next to it. */
export function corruptBackupPath(filePath: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const match = /^(.*?)(\.json)?$/i.exec(filePath);
  const base = match?.[1] ?? filePath;
  return `${base}.corrupt-${stamp}.json`;
}

/** electron-store throws the JSON parser's SyntaxError for a file that is not JSON. */
function isUnreadableFileError(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && error.name === 'SyntaxError');
}

/**
 * Loads settings through {@link repairSettings} and saves updates through {@link applySettingsPatch}.
 * A broken key is reset and written back at once, so the user is told about it exactly once.
 * A file that is not JSON at all is moved aside (kept for support) and the app starts from the
 * defaults, reporting every key as reset.
 */
export function createSettingsService(
  backend: SettingsBackend,
  options: { readonly now?: () => Date; readonly log?: (message: string, error?: unknown) => void } = {},
): SettingsService {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string, error?: unknown) => console.warn(message, error ?? ''));
  let store: RawSettingsStore | null = null;

  function startOver(cause: unknown): RawSettingsStore {
    let backupPath: string;
    try {
      backupPath = backend.backUpBrokenFile(now());
    } catch (error) {
      throw new Error('[settings] the settings file is unreadable and could not be moved aside', {
        cause: error,
      });
    }
    log(
      `[settings] the settings file was not valid JSON; moved it to ${backupPath} and started from the defaults`,
      cause,
    );
    const fresh = backend.open();
    fresh.write({ ...DEFAULT_SETTINGS });
    return fresh;
  }

  function readStored(): {
    readonly stored: unknown;
    readonly store: RawSettingsStore;
    readonly wasUnreadable: boolean;
  } {
    try {
      store ??= backend.open();
      return { stored: store.read(), store, wasUnreadable: false };
    } catch (error) {
      if (!isUnreadableFileError(error)) {
        throw new Error('[settings] could not read the settings file', { cause: error });
      }
      store = startOver(error);
      return { stored: undefined, store, wasUnreadable: true };
    }
  }

  function load(): SettingsLoad {
    const { stored, store: opened, wasUnreadable } = readStored();
    const repaired = repairSettings(stored);
    if (wasUnreadable) return { settings: repaired.settings, resetKeys: [...ALL_KEYS] };
    if (repaired.resetKeys.length > 0) {
      opened.write(repaired.settings);
      log(`[settings] reset invalid stored keys to their defaults: ${repaired.resetKeys.join(', ')}`);
    }
    return repaired;
  }

  function update(patch: unknown): Result<Settings, 'invalid-settings'> {
    const current = load().settings;
    const next = applySettingsPatch(current, patch);
    if (next === null)
      return err(
        'invalid-settings',
        '设置内容无效，未保存。The settings were not saved because a value is invalid.',
      );
    (store ?? backend.open()).write(next);
    return ok(next);
  }

  return { load, update };
}
