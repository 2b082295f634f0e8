import type { MenuCommand } from '../../shared/ipc/contract';
import type { Language } from '../../shared/settings/settings';

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
  /** The UI language (settings); the menu is rebuilt when it changes. Chinese when absent. */
  readonly language?: Language;
}

/** Every menu text in both languages; `{app}` is replaced by the app name. */
const LABELS = {
  'zh-CN': {
    about: '关于{app}', services: '服务', hide: '隐藏{app}', hideOthers: '隐藏其他', unhide: '全部显示', quitApp: '退出{app}',
    file: '文件', settings: '设置…', changeUnit: '更改单位…', quit: '退出',
    edit: '编辑', undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选',
    view: '视图', toggleLanguage: '切换语言 / Language', resetMap: '重置地图视图', reload: '重新加载',
    forceReload: '强制重新加载', devTools: '开发者工具', resetZoom: '实际大小', zoomIn: '放大', zoomOut: '缩小',
    fullscreen: '切换全屏',
    window: '窗口', minimize: '最小化', zoom: '缩放', front: '前置全部窗口', close: '关闭窗口',
    help: '帮助',
  },
  en: {
    about: 'About {app}', services: 'Services', hide: 'Hide {app}', hideOthers: 'Hide Others', unhide: 'Show All', quitApp: 'Quit {app}',
    file: 'File', settings: 'Settings…', changeUnit: 'Change unit…', quit: 'Exit',
    edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All',
    view: 'View', toggleLanguage: '切换语言 / Language', resetMap: 'Reset map view', reload: 'Reload',
    forceReload: 'Force Reload', devTools: 'Developer Tools', resetZoom: 'Actual Size', zoomIn: 'Zoom In', zoomOut: 'Zoom Out',
    fullscreen: 'Toggle Full Screen',
    window: 'Window', minimize: 'Minimize', zoom: 'Zoom', front: 'Bring All to Front', close: 'Close Window',
    help: 'Help',
  },
} as const satisfies Record<Language, Record<string, string>>;

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
 * The application menu (文件 / 编辑 / 视图 / 窗口 / 帮助, with the application menu first on macOS)
 * in the UI language; the language switch keeps its bilingual label so either reader finds it.
 */
export function buildMenuSpec(options: MenuOptions): readonly MenuSpec[] {
  const isMac = options.platform === 'darwin';
  const words = LABELS[options.language ?? 'zh-CN'];
  const l = (key: keyof typeof words): string => words[key].replace('{app}', options.appName);
  const appMenu: MenuSpec = {
    label: options.appName,
    items: [
      role(l('about'), 'about'),
      separator,
      role(l('services'), 'services'),
      separator,
      role(l('hide'), 'hide'),
      role(l('hideOthers'), 'hideOthers'),
      role(l('unhide'), 'unhide'),
      separator,
      role(l('quitApp'), 'quit'),
    ],
  };
  const file: MenuSpec = {
    label: l('file'),
    items: [
      command(l('settings'), 'open-settings', 'CmdOrCtrl+,'),
      command(l('changeUnit'), 'change-unit'),
      ...(isMac ? [] : [separator, role(l('quit'), 'quit')]),
    ],
  };
  const edit: MenuSpec = {
    label: l('edit'),
    items: [
      role(l('undo'), 'undo'),
      role(l('redo'), 'redo'),
      separator,
      role(l('cut'), 'cut'),
      role(l('copy'), 'copy'),
      role(l('paste'), 'paste'),
      role(l('selectAll'), 'selectAll'),
    ],
  };
  const view: MenuSpec = {
    label: l('view'),
    items: [
      command(l('toggleLanguage'), 'toggle-language', 'CmdOrCtrl+Shift+L'),
      command(l('resetMap'), 'reset-map-view', 'CmdOrCtrl+0'),
      separator,
      role(l('reload'), 'reload'),
      ...(options.isPackaged
        ? []
        : [role(l('forceReload'), 'forceReload'), role(l('devTools'), 'toggleDevTools')]),
      separator,
      // CmdOrCtrl+0 is the map reset above; zoom keeps its Ctrl+= / Ctrl+- defaults.
      { type: 'role', label: l('resetZoom'), role: 'resetZoom', accelerator: 'CmdOrCtrl+Shift+0' },
      role(l('zoomIn'), 'zoomIn'),
      role(l('zoomOut'), 'zoomOut'),
      separator,
      role(l('fullscreen'), 'togglefullscreen'),
    ],
  };
  const windowMenu: MenuSpec = {
    label: l('window'),
    role: 'window',
    items: [
      role(l('minimize'), 'minimize'),
      ...(isMac
        ? [role(l('zoom'), 'zoom'), separator, role(l('front'), 'front')]
        : [role(l('close'), 'close')]),
    ],
  };
  const help: MenuSpec = {
    label: l('help'),
    role: 'help',
    items: [role(l('about'), 'about')],
  };
  return isMac ? [appMenu, file, edit, view, windowMenu, help] : [file, edit, view, windowMenu, help];
}
