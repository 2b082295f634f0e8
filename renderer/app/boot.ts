import type { i18n as I18n } from 'i18next';
import type { PlatformApi } from '../../shared/ipc/contract';
import type { RegionIndex } from '../../shared/regions/regions';
import type { SettingsLoad } from '../../shared/settings/settings';
import { loadRegions } from '../regions/loadRegions';

/** What the app needs before it can draw anything: the shipped regions and the stored settings. */
export interface Boot {
  readonly regions: RegionIndex;
  readonly settingsLoad: SettingsLoad;
}

/**
 * Starts loading regions and settings in parallel. Called once from main.tsx before React renders,
 * so the region file downloads while the bundle is still being evaluated and mounted.
 */
export async function startBoot(platform: PlatformApi, i18n: I18n): Promise<Boot> {
  const [regions, settingsLoad] = await Promise.all([loadRegions(), platform.getSettings()]);
  // Switch language before the first real render, so an English user never sees a Chinese flash.
  await i18n.changeLanguage(settingsLoad.settings.language);
  return { regions, settingsLoad };
}
