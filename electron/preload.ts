/**
 * The only bridge between the sandboxed page and main. Exposes one object of named methods as
 * `window.atlas`; never ipcRenderer, never raw events. Bundled to one CJS file (a sandboxed
 * preload may require nothing but 'electron').
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  MENU_COMMANDS,
  PLATFORM_GLOBAL,
  platformChannels,
  type IpcChannel,
  type IpcContract,
  type IpcEventChannel,
  type MenuCommand,
  type PlatformApi,
} from '../shared/ipc/contract';

const MENU_EVENT: IpcEventChannel = 'menu:command';

function invoke<K extends IpcChannel>(
  channel: K,
  ...args: IpcContract[K]['args']
): Promise<IpcContract[K]['result']> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcContract[K]['result']>;
}

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

const api = {
  getSettings: () => invoke(platformChannels.getSettings),
  updateSettings: (patch) => invoke(platformChannels.updateSettings, patch),
  getAppInfo: () => invoke(platformChannels.getAppInfo),
  getIdentity: () => invoke(platformChannels.getIdentity),
  signTexts: (texts) => invoke(platformChannels.signTexts, texts),
  saveFile: (request) => invoke(platformChannels.saveFile, request),
  writeBackup: (reason, bytes) => invoke(platformChannels.writeBackup, reason, bytes),
  listBackups: () => invoke(platformChannels.listBackups),
  readBackup: (id) => invoke(platformChannels.readBackup, id),
  deleteBackup: (id) => invoke(platformChannels.deleteBackup, id),
  onMenuCommand(listener) {
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_EVENT, forward);
    return function unsubscribe() {
      ipcRenderer.removeListener(MENU_EVENT, forward);
    };
  },
} satisfies PlatformApi;

contextBridge.exposeInMainWorld(PLATFORM_GLOBAL, api);
