import { useEffect, useState } from 'react';
import type { PlatformApi } from '../../shared/ipc/contract';
import type { RegionIndex } from '../../shared/regions/regions';
import type { SettingsLoad } from '../../shared/settings/settings';
import { loadRegions } from '../regions/loadRegions';

/** What the app needs before it can draw anything: the shipped regions and the stored settings. */
export type BootState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: Error }
  | { readonly status: 'ready'; readonly regions: RegionIndex; readonly settingsLoad: SettingsLoad };

/** Loads regions and settings in parallel, once. */
export function useBoot(platform: PlatformApi): BootState {
  const [state, setState] = useState<BootState>({ status: 'loading' });
  useEffect(
    function bootOnce() {
      let isCancelled = false;
      Promise.all([loadRegions(), platform.getSettings()]).then(
        ([regions, settingsLoad]) => {
          if (!isCancelled) setState({ status: 'ready', regions, settingsLoad });
        },
        (error: unknown) => {
          console.error('[boot] failed', error);
          if (!isCancelled) setState({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
        },
      );
      return function cancelBoot() {
        isCancelled = true;
      };
    },
    [platform],
  );
  return state;
}
