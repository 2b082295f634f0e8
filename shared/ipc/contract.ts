import { z } from 'zod';
import type { Result } from '../result';
import { settingsPatchSchema, type Settings, type SettingsLoad, type SettingsPatch } from '../settings/settings';

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
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** Which channel each request method of {@link PlatformApi} calls. */
export const platformChannels = {
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getAppInfo: 'app:get-info',
} as const satisfies Record<Exclude<keyof PlatformApi, 'onMenuCommand'>, IpcChannel>;

/** The name the preload exposes the API under: `window.atlas`. */
export const PLATFORM_GLOBAL = 'atlas';
