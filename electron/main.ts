/**
 * The main process: one secure window on app://atlas, settings behind IPC, a menu in the UI language.
 * Every decision lives as a pure function in electron/policy (unit-tested); this file wires them.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { BrowserWindow, Menu, app, dialog, session } from 'electron';
import type { MenuCommand } from '../shared/ipc/contract';
import type { Language } from '../shared/settings/settings';
import { createBackupStore } from './backupStore';
import { createFileService } from './fileService';
import { denyAllPermissions, hardenWebContents } from './hardening';
import { createIdentityService } from './identityService';
import { createIdentityFileBackend } from './identityStore';
import { createIpcHandlers } from './ipcHandlers';
import { registerIpcHandlers } from './ipc';
import { buildApplicationMenu } from './menu';
import { buildMenuSpec } from './policy/menuTemplate';
import { userDataDirFromEnv } from './policy/userData';
import { registerAppSchemePrivileges, serveAppProtocol } from './protocol';
import { createSettingsService, type SettingsService } from './settingsService';
import { createElectronSettingsBackend } from './settingsStore';
import { createMainWindow } from './window';
import { createWindowStateKeeper } from './windowState';

const APP_TITLE = '场景开放与试点台账';
const MENU_EVENT = 'menu:command';

let hasShownErrorBox = false;

function reportUnexpected(kind: string, error: unknown): void {
  console.error(`[main] ${kind}`, error);
  // Tell the user once; the window stays open, so unsaved work in the renderer is not lost.
  if (hasShownErrorBox || !app.isReady()) return;
  hasShownErrorBox = true;
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('发生意外错误', `应用遇到了意外错误，已记录到日志。\n\n${message}`);
}

process.on('uncaughtException', (error) => reportUnexpected('uncaught exception', error));
process.on('unhandledRejection', (reason) => reportUnexpected('unhandled promise rejection', reason));

// Both before `ready`: the user-data folder decides where the stores and the single-instance lock live.
const userDataOverride = userDataDirFromEnv(process.env);
if (userDataOverride !== null) app.setPath('userData', userDataOverride);
registerAppSchemePrivileges();
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (target && !target.isDestroyed()) target.webContents.send(MENU_EVENT, command);
}

function openMainWindow(): void {
  const appPath = app.getAppPath();
  mainWindow = createMainWindow({
    title: APP_TITLE,
    preloadPath: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    iconPath: path.join(appPath, 'dist', 'electron', 'icon.png'),
    windowState: createWindowStateKeeper(app.getPath('userData')),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(path.join(app.getAppPath(), 'dist', 'renderer'));
  const stored = createSettingsService(createElectronSettingsBackend(app.getPath('userData')));
  let menuLanguage: Language | null = null;
  const showMenu = (language: Language): void => {
    if (language === menuLanguage) return;
    menuLanguage = language;
    Menu.setApplicationMenu(
      buildApplicationMenu(
        buildMenuSpec({ platform: process.platform, isPackaged: app.isPackaged, appName: APP_TITLE, language }),
        sendMenuCommand,
      ),
    );
  };
  // The menu follows the UI language: set when the window reads its settings (load repairs and
  // reports broken keys once, so it is not called a second time here) and when a change switches it.
  const settings: SettingsService = {
    load() {
      const loaded = stored.load();
      showMenu(loaded.settings.language);
      return loaded;
    },
    update(patch) {
      const result = stored.update(patch);
      if (result.ok) showMenu(result.value.language);
      return result;
    },
  };
  const files = createFileService({
    defaultDir: () => app.getPath('documents'),
    async showSaveDialog(options) {
      const parent = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const dialogOptions = { defaultPath: options.defaultPath, filters: options.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
      const answer = parent ? await dialog.showSaveDialog(parent, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  });
  const backups = createBackupStore({ dir: path.join(app.getPath('userData'), 'backups'), keep: () => stored.load().settings.backupKeep });
  // The unit's signing key (issue 6): made on first use, kept in the user-data folder, never sent to the page.
  const identity = createIdentityService(createIdentityFileBackend(app.getPath('userData')), (length) => new Uint8Array(randomBytes(length)));
  registerIpcHandlers(createIpcHandlers({ settings, appVersion: app.getVersion(), files, backups, identity }));
  showMenu('zh-CN');
  openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this user-data folder: it gets focused (below, in that instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((error: unknown) => {
    console.error('[main] could not start', error);
    dialog.showErrorBox('无法启动', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
