import { electronBinaryStatus } from './electron/electronBinary';

/** Says plainly, before any test runs, whether the Electron specs can run here and why not. */
export default function globalSetup(): void {
  const status = electronBinaryStatus();
  if (status.available) console.log(`[e2e] Electron specs will run: ${status.reason}`);
  else console.log(`[e2e] Electron specs NOT run: ${status.reason}. The same flows run in Chromium against the browser build.`);
}
