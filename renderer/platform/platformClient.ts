import { PLATFORM_GLOBAL, type PlatformApi } from '../../shared/ipc/contract';
import { createBrowserPlatform } from './browserPlatform';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    readonly atlas?: PlatformApi;
  }
}

/** The preload's API inside Electron, the localStorage implementation of the same interface elsewhere. */
export function createPlatformClient(): PlatformApi {
  const fromPreload = window[PLATFORM_GLOBAL];
  if (fromPreload) return fromPreload;
  return createBrowserPlatform(window.localStorage, __APP_VERSION__);
}
