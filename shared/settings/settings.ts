import { z } from 'zod';
import { DEFAULT_BACKUP_KEEP, MAX_BACKUP_KEEP, MIN_BACKUP_KEEP } from '../backup/backupName';

/** The roles of DOMAIN.md: county, city and province offices, and companies / institutes. */
export const ROLES = ['county', 'city', 'province', 'company'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** UI languages: Chinese first, English available. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** Optional online basemaps; `none` (the default) draws only the shipped boundaries, fully offline. */
export const BASEMAPS = ['none', 'osm', 'tianditu'] as const;
/** One of {@link BASEMAPS}. */
export type Basemap = (typeof BASEMAPS)[number];

const unitCodeSchema = z
  .string()
  .regex(/^\d{6}$/)
  .nullable();

/**
 * Each key has its own schema so that a broken key is reset alone: a hand-edited settings file
 * loses only what is wrong in it (issue 2, "Bad input").
 */
export const settingsKeySchemas = {
  unitCode: unitCodeSchema,
  role: z.enum(ROLES).nullable(),
  language: z.enum(LANGUAGES),
  basemap: z.enum(BASEMAPS),
  tiandituKey: z.string().max(64).regex(/^[0-9a-zA-Z]*$/),
  /** How many backups are kept (issue 6 item 6); older ones are deleted after each new one. */
  backupKeep: z.number().int().min(MIN_BACKUP_KEEP).max(MAX_BACKUP_KEEP),
} as const;

/** The whole settings object, one schema per key. */
export const settingsSchema = z.object(settingsKeySchemas).strict();

/** The user's settings: my unit, my role, language and basemap. */
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update; unknown keys are refused. */
export const settingsPatchSchema = settingsSchema.partial().strict();
/** A partial update of {@link Settings}. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** A fresh installation: no unit or role yet (first run), Chinese, no online basemap. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  unitCode: null,
  role: null,
  language: 'zh-CN',
  basemap: 'none',
  tiandituKey: '',
  backupKeep: DEFAULT_BACKUP_KEEP,
});

/** Settings as loaded, with the keys that were broken and have been reset to their defaults. */
export interface SettingsLoad {
  readonly settings: Settings;
  /** Keys whose stored value was invalid and was replaced by the default; tell the user once. */
  readonly resetKeys: readonly (keyof Settings)[];
}

const settingsKeys = Object.keys(settingsKeySchemas) as (keyof Settings)[];

/**
 * Repairs whatever was stored: each invalid key falls back to its default, valid keys are kept,
 * unknown keys are dropped. Never throws.
 */
export function repairSettings(stored: unknown): SettingsLoad {
  if (stored === undefined || stored === null) return { settings: { ...DEFAULT_SETTINGS }, resetKeys: [] };
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    return { settings: { ...DEFAULT_SETTINGS }, resetKeys: [...settingsKeys] };
  }
  const record = stored as Record<string, unknown>;
  const settings: Record<string, unknown> = {};
  const resetKeys: (keyof Settings)[] = [];
  for (const key of settingsKeys) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) {
      settings[key] = DEFAULT_SETTINGS[key];
      continue;
    }
    const parsed = settingsKeySchemas[key].safeParse(record[key]);
    if (parsed.success) {
      settings[key] = parsed.data;
    } else {
      settings[key] = DEFAULT_SETTINGS[key];
      resetKeys.push(key);
    }
  }
  return { settings: settings as Settings, resetKeys };
}

/** Applies a validated patch. Returns null when the patch is invalid. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings | null {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) return null;
  return { ...current, ...parsed.data };
}

/** Does this installation still need its first-run setup (unit and role)? */
export function needsFirstRun(settings: Settings, isKnownUnit: (code: string) => boolean): boolean {
  return settings.unitCode === null || settings.role === null || !isKnownUnit(settings.unitCode);
}
