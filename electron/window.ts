import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './policy/appUrl';
import { MIN_WINDOW_SIZE } from './policy/windowBounds';
import { secureWebPreferences } from './policy/webPreferences';
import type { WindowStateKeeper } from './windowState';

/** The app's one window: sandboxed, isolated, loading only app://atlas/index.html. */
export function createMainWindow(options: {
  readonly title: string;
  readonly preloadPath: string;
  readonly iconPath: string;
  readonly windowState: WindowStateKeeper;
}): BrowserWindow {
  const { bounds, isMaximized } = options.windowState.restore();
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: options.title,
    icon: options.iconPath,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  options.windowState.track(window);
  window.once('ready-to-show', () => {
    if (isMaximized) window.maximize();
    window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[main] the renderer process is gone (${details.reason}, exit code ${details.exitCode})`);
  });
  window
    .loadURL(APP_ENTRY_URL)
    .catch((error: unknown) => console.error(`[main] could not load ${APP_ENTRY_URL}`, error));
  return window;
}
