import type { MenuCommand } from '../../shared/ipc/contract';

/** The Electron menu roles the app uses; electron/menu.ts checks each against Electron's own list. */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front';

/** One entry of a menu: a command for the renderer, a standard role, or a separator. */
export type MenuItemSpec =
  | {
      readonly type: 'command';
      readonly label: string;
      readonly command: MenuCommand;
      readonly accelerator?: string;
    }
  | { readonly type: 'role'; readonly label: string; readonly role: MenuRole; readonly accelerator?: string }
  | { readonly type: 'separator' };

/** A top-level menu. */
export interface MenuSpec {
  readonly label: string;
  /** macOS gives the window and help menus their own behaviour through these roles. */
  readonly role?: 'window' | 'help';
  readonly items: readonly MenuItemSpec[];
}

/** Where the menu is built. */
export interface MenuOptions {
  readonly platform: string;
  /** Developer tools and force-reload only outside a packaged build. */
  readonly isPackaged: boolean;
  readonly appName: string;
}

const separator: MenuItemSpec = { type: 'separator' };

function command(label: string, commandName: MenuCommand, accelerator?: string): MenuItemSpec {
  return accelerator
    ? { type: 'command', label, command: commandName, accelerator }
    : { type: 'command', label, command: commandName };
}

function role(label: string, roleName: MenuRole): MenuItemSpec {
  return { type: 'role', label, role: roleName };
}

/**
 * The Chinese application menu (文件 / 编辑 / 视图 / 窗口 / 帮助, with the application menu first on
 * macOS). The UI language switch does not change it: the menu is part of the desktop shell, which
 * is Chinese like the installer.
 */
export function buildMenuSpec(options: MenuOptions): readonly MenuSpec[] {
  const isMac = options.platform === 'darwin';
  const appMenu: MenuSpec = {
    label: options.appName,
    items: [
      role(`关于${options.appName}`, 'about'),
      separator,
      role('服务', 'services'),
      separator,
      role(`隐藏${options.appName}`, 'hide'),
      role('隐藏其他', 'hideOthers'),
      role('全部显示', 'unhide'),
      separator,
      role(`退出${options.appName}`, 'quit'),
    ],
  };
  const file: MenuSpec = {
    label: '文件',
    items: [
      command('设置…', 'open-settings', 'CmdOrCtrl+,'),
      command('更改单位…', 'change-unit'),
      ...(isMac ? [] : [separator, role('退出', 'quit')]),
    ],
  };
  const edit: MenuSpec = {
    label: '编辑',
    items: [
      role('撤销', 'undo'),
      role('重做', 'redo'),
      separator,
      role('剪切', 'cut'),
      role('复制', 'copy'),
      role('粘贴', 'paste'),
      role('全选', 'selectAll'),
    ],
  };
  const view: MenuSpec = {
    label: '视图',
    items: [
      command('切换语言 / Language', 'toggle-language', 'CmdOrCtrl+Shift+L'),
      command('重置地图视图', 'reset-map-view', 'CmdOrCtrl+0'),
      separator,
      role('重新加载', 'reload'),
      ...(options.isPackaged
        ? []
        : [role('强制重新加载', 'forceReload'), role('开发者工具', 'toggleDevTools')]),
      separator,
      // CmdOrCtrl+0 is the map reset above; zoom keeps its Ctrl+= / Ctrl+- defaults.
      { type: 'role', label: '实际大小', role: 'resetZoom', accelerator: 'CmdOrCtrl+Shift+0' },
      role('放大', 'zoomIn'),
      role('缩小', 'zoomOut'),
      separator,
      role('切换全屏', 'togglefullscreen'),
    ],
  };
  const windowMenu: MenuSpec = {
    label: '窗口',
    role: 'window',
    items: [
      role('最小化', 'minimize'),
      ...(isMac
        ? [role('缩放', 'zoom'), separator, role('前置全部窗口', 'front')]
        : [role('关闭窗口', 'close')]),
    ],
  };
  const help: MenuSpec = {
    label: '帮助',
    role: 'help',
    items: [role(`关于${options.appName}`, 'about')],
  };
  return isMac ? [appMenu, file, edit, view, windowMenu, help] : [file, edit, view, windowMenu, help];
}
