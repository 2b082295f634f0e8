import { z } from 'zod';
import type { Result } from '../result';
import { settingsPatchSchema, type Settings, type SettingsLoad, type SettingsPatch } from '../settings/settings';
import {
  backupBytesSchema,
  backupIdSchema,
  backupReasonSchema,
  saveFileRequestSchema,
  type BackupError,
  type BackupInfo,
  type BackupReason,
  type SaveFileRequest,
  type SaveFileResult,
} from './filesContract';
import { signTextsSchema, type SignError, type UnitIdentity } from './identityContract';

/** What the app knows about where it runs. */
export interface AppInfo {
  readonly version: string;
  /** `electron` in the desktop app, `browser` when the UI runs in plain Chromium. */
  readonly platform: 'electron' | 'browser';
}

/** Commands the application menu sends to the renderer. */
export const MENU_COMMANDS = ['open-settings', 'change-unit', 'toggle-language', 'reset-map-view'] as const;
/** One of {@link MENU_COMMANDS}. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * Every request channel, `area:verb-noun`, with its arguments and result (STYLE.md).
 * Main registers one handler per channel; the preload exposes one method per channel.
 */
export interface IpcContract {
  'settings:get': { args: []; result: SettingsLoad };
  'settings:update': { args: [patch: SettingsPatch]; result: Result<Settings, 'invalid-settings'> };
  'app:get-info': { args: []; result: AppInfo };
  'identity:get': { args: []; result: UnitIdentity };
  'identity:sign': { args: [texts: string[]]; result: Result<string[], SignError> };
  'files:save': { args: [request: SaveFileRequest]; result: SaveFileResult };
  'backups:write': { args: [reason: BackupReason, bytes: Uint8Array]; result: Result<BackupInfo, BackupError> };
  'backups:list': { args: []; result: Result<BackupInfo[], BackupError> };
  'backups:read': { args: [id: string]; result: Result<Uint8Array, BackupError> };
  'backups:delete': { args: [id: string]; result: Result<true, BackupError> };
}

/** Every event the main process pushes to the renderer. */
export interface IpcEvents {
  'menu:command': MenuCommand;
}

/** A request channel name. */
export type IpcChannel = keyof IpcContract;
/** An event channel name. */
export type IpcEventChannel = keyof IpcEvents;

/**
 * Argument schemas, checked by main before any handler runs: the renderer is untrusted.
 * `satisfies` keeps this table complete: a channel without a schema does not compile.
 */
export const ipcArgSchemas = {
  'settings:get': z.tuple([]),
  'settings:update': z.tuple([settingsPatchSchema]),
  'app:get-info': z.tuple([]),
  'identity:get': z.tuple([]),
  'identity:sign': z.tuple([signTextsSchema]),
  'files:save': z.tuple([saveFileRequestSchema]),
  'backups:write': z.tuple([backupReasonSchema, backupBytesSchema]),
  'backups:list': z.tuple([]),
  'backups:read': z.tuple([backupIdSchema]),
  'backups:delete': z.tuple([backupIdSchema]),
} as const satisfies { [K in IpcChannel]: z.ZodType<IpcContract[K]['args']> };

/** Validates a channel's raw arguments; null when they do not fit its schema. */
export function parseIpcArgs<K extends IpcChannel>(channel: K, raw: readonly unknown[]): IpcContract[K]['args'] | null {
  const parsed = ipcArgSchemas[channel].safeParse(raw);
  return parsed.success ? (parsed.data as IpcContract[K]['args']) : null;
}

/** The handler table main registers: one function per channel, typed against the contract. */
export type IpcHandlers = {
  [K in IpcChannel]: (...args: IpcContract[K]['args']) => Promise<IpcContract[K]['result']> | IpcContract[K]['result'];
};

/**
 * The platform API the renderer uses; in Electron the preload exposes exactly this object as
 * `window.atlas`, and the browser build implements the same interface.
 */
export interface PlatformApi {
  getSettings(): Promise<SettingsLoad>;
  updateSettings(patch: SettingsPatch): Promise<Result<Settings, 'invalid-settings'>>;
  getAppInfo(): Promise<AppInfo>;
  /** This installation's signing identity (public key and fingerprint; the key pair stays with the platform). */
  getIdentity(): Promise<UnitIdentity>;
  /** Signs exchange texts with this installation's key (only texts starting with an exchange context line). */
  signTexts(texts: string[]): Promise<Result<string[], SignError>>;
  /** Saves a file where the user picks (Electron: save dialog, atomic write) or as a download (browser). */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Stores a backup snapshot (keeping the newest N, a setting) in the user-data folder. */
  writeBackup(reason: BackupReason, bytes: Uint8Array): Promise<Result<BackupInfo, BackupError>>;
  /** The stored backups, newest first. */
  listBackups(): Promise<Result<BackupInfo[], BackupError>>;
  readBackup(id: string): Promise<Result<Uint8Array, BackupError>>;
  deleteBackup(id: string): Promise<Result<true, BackupError>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** Which channel each request method of {@link PlatformApi} calls. */
export const platformChannels = {
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getAppInfo: 'app:get-info',
  getIdentity: 'identity:get',
  signTexts: 'identity:sign',
  saveFile: 'files:save',
  writeBackup: 'backups:write',
  listBackups: 'backups:list',
  readBackup: 'backups:read',
  deleteBackup: 'backups:delete',
} as const satisfies Record<Exclude<keyof PlatformApi, 'onMenuCommand'>, IpcChannel>;

/** The name the preload exposes the API under: `window.atlas`. */
export const PLATFORM_GLOBAL = 'atlas';
