import * as nodePath from 'node:path';

/** The environment variable end-to-end tests set to give each test a fresh user-data folder. */
export const USER_DATA_ENV = 'ATLAS_USER_DATA_DIR';

/**
 * The user-data folder requested through {@link USER_DATA_ENV}, or null to keep Electron's default.
 * Only absolute paths without NUL are honoured, so a stray relative value cannot scatter settings
 * into the working directory.
 */
export function userDataDirFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  pathApi: nodePath.PlatformPath = nodePath,
): string | null {
  const value = env[USER_DATA_ENV];
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\0')) return null;
  return pathApi.isAbsolute(value) ? pathApi.normalize(value) : null;
}
