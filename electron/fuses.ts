import type { FuseV1Options } from '@electron/fuses';

/** The fuse names electron-builder's `electronFuses` takes: @electron/fuses' options, lower camel case. */
export type FuseName = Uncapitalize<keyof typeof FuseV1Options>;

/**
 * The Electron fuses flipped in the packaged binary, as data. electron-builder.yml `electronFuses`
 * must say the same; tests/unit/electron/fuses.test.ts compares them. Every fuse is decided
 * explicitly, including the one left at Electron's default.
 */
export const ELECTRON_FUSES: { readonly [K in FuseName]: boolean } = {
  // No ELECTRON_RUN_AS_NODE: the signed binary cannot be used as a plain Node interpreter.
  runAsNode: false,
  enableCookieEncryption: true,
  // No NODE_OPTIONS / NODE_EXTRA_CA_CERTS and no --inspect: nothing injected from outside.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // Only the shipped, integrity-checked app.asar is ever loaded.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // The app serves itself over app://, never file://.
  grantFileProtocolExtraPrivileges: false,
};
