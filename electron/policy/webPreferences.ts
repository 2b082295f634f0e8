/**
 * The renderer's web preferences, as data so a test pins every switch. The page is treated as
 * untrusted: no Node, its own JavaScript world, the Chromium sandbox, same-origin rules on.
 * The type is structural so this file needs no `electron` import (unit tests run in plain Node).
 */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}
