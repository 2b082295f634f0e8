import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../../electron/policy/webPreferences';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ])('%s is %s', (key, value) => {
    expect(prefs[key as keyof typeof prefs]).toBe(value);
  });

  it('loads the bundled preload', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });
});
