import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FuseV1Options } from '@electron/fuses';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ELECTRON_FUSES } from '../../../electron/fuses';

const ymlUrl = new URL('../../../electron-builder.yml', import.meta.url);
const config = load(readFileSync(ymlUrl, 'utf8')) as Record<string, unknown>;

describe('Electron fuses', () => {
  it('electron-builder.yml flips exactly the fuses of electron/fuses.ts', () => {
    expect(config.electronFuses).toEqual(ELECTRON_FUSES);
  });

  it('decides every fuse @electron/fuses knows', () => {
    const known = Object.keys(FuseV1Options)
      .filter((key) => Number.isNaN(Number(key)))
      .map((key) => key.charAt(0).toLowerCase() + key.slice(1));
    expect(Object.keys(ELECTRON_FUSES).sort()).toEqual(known.sort());
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('%s is %s', (fuse, value) => {
    expect(ELECTRON_FUSES[fuse as keyof typeof ELECTRON_FUSES]).toBe(value);
  });
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    // app-builder-lib comes with electron-builder; its validator is what `electron-builder` runs first.
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (isEnabled: boolean) => unknown };
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('names the product, ships only dist/ and package.json, and uses the icons', () => {
    expect(config.productName).toBe('场景开放与试点台账');
    expect(config.appId).toMatch(/^cn\.gov\.sc\./);
    expect(config.files).toEqual(['dist/**', 'package.json', '!node_modules/**']);
    expect(config.win).toMatchObject({ icon: 'assets/icons/icon-256.png' });
    expect(config.mac).toMatchObject({ icon: 'assets/icons/icon.png', target: ['dmg'] });
    expect(config.linux).toMatchObject({
      icon: 'assets/icons/icon.png',
      category: 'Office',
      target: ['deb', 'AppImage'],
    });
  });

  it('builds an assisted Chinese NSIS installer with the per-user / per-machine choice', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'] });
  });
});
