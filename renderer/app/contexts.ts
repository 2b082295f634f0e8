import { createContext, useContext } from 'react';
import type { PlatformApi } from '../../shared/ipc/contract';
import type { RegionIndex } from '../../shared/regions/regions';
import type { Settings, SettingsPatch } from '../../shared/settings/settings';

/** The platform API (Electron preload or its browser twin). */
export const PlatformContext = createContext<PlatformApi | null>(null);
/** The shipped region index. */
export const RegionsContext = createContext<RegionIndex | null>(null);

/** Current settings and the one way to change them. */
export interface SettingsContextValue {
  readonly settings: Settings;
  /** Saves a patch; resolves to an error message, or null when saved. */
  readonly updateSettings: (patch: SettingsPatch) => Promise<string | null>;
}
/** Settings of this installation. */
export const SettingsContext = createContext<SettingsContextValue | null>(null);

function useRequired<T>(context: React.Context<T | null>, hook: string, provider: string): T {
  const value = useContext(context);
  if (value === null) throw new Error(`[app] ${hook}() must be used inside <${provider}>`);
  return value;
}

/** The platform API; throws a message naming the missing provider. */
export function usePlatform(): PlatformApi {
  return useRequired(PlatformContext, 'usePlatform', 'PlatformContext.Provider');
}

/** The region index; throws a message naming the missing provider. */
export function useRegions(): RegionIndex {
  return useRequired(RegionsContext, 'useRegions', 'RegionsContext.Provider');
}

/** Settings and their update function; throws a message naming the missing provider. */
export function useSettings(): SettingsContextValue {
  return useRequired(SettingsContext, 'useSettings', 'SettingsContext.Provider');
}
