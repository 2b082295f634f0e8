import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** Whether the Electron binary is there to run the Electron specs, and in plain words why not. */
export interface ElectronBinaryStatus {
  readonly available: boolean;
  readonly reason: string;
}

const INSTALL_HINT =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD or no network during npm install); run npm install with network to get it';

/**
 * Mirrors node_modules/electron/index.js without requiring it (which throws when the binary is
 * missing): path.txt names the executable inside dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/.
 */
export function electronBinaryStatus(): ElectronBinaryStatus {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { available: false, reason: `the electron package is not installed; ${INSTALL_HINT}` };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (executable === null && !override) {
    return { available: false, reason: `${INSTALL_HINT} (node_modules/electron/path.txt is missing)` };
  }
  const binary = override
    ? path.join(override, executable ?? 'electron')
    : path.join(packageDir, 'dist', executable ?? '');
  if (!existsSync(binary)) {
    return { available: false, reason: `${INSTALL_HINT} (${binary} does not exist)` };
  }
  return { available: true, reason: `Electron binary found at ${binary}` };
}
