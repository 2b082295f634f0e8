import { screen, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { debounce } from './policy/debounce';
import { restoreWindowState, type WindowState } from './policy/windowBounds';

const SAVE_DELAY_MS = 500;

/** Saved window bounds, in their own file: losing them is harmless, so a broken file is simply cleared. */
export interface WindowStateKeeper {
  restore(): WindowState;
  track(window: BrowserWindow): void;
}

export function createWindowStateKeeper(userDataDir: string): WindowStateKeeper {
  let store: Store<{ windowState?: unknown }> | null = null;
  try {
    store = new Store<{ windowState?: unknown }>({
      name: 'window-state',
      cwd: userDataDir,
      clearInvalidConfig: true,
    });
  } catch (error) {
    console.error(
      '[window-state] cannot open the window-state file; the window position will not be remembered',
      error,
    );
  }

  function readSaved(): unknown {
    try {
      return store?.get('windowState');
    } catch (error) {
      console.error('[window-state] cannot read the saved window position', error);
      return undefined;
    }
  }

  return {
    restore() {
      return restoreWindowState(
        readSaved(),
        screen.getAllDisplays().map((display) => display.workArea),
        screen.getPrimaryDisplay().workArea,
      );
    },
    track(window) {
      const save = debounce(function saveWindowState() {
        if (window.isDestroyed() || store === null) return;
        const state: WindowState = { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() };
        try {
          store.set('windowState', state);
        } catch (error) {
          console.error('[window-state] cannot save the window position', error);
        }
      }, SAVE_DELAY_MS);
      window.on('resize', save);
      window.on('move', save);
      window.on('maximize', save);
      window.on('unmaximize', save);
      window.on('close', () => save.flush());
      window.on('closed', () => save.cancel());
    },
  };
}
