import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc/contract';
import type { MenuItemSpec, MenuSpec } from './policy/menuTemplate';

// Fails to compile if a role of the pure template is not one Electron knows.
type ElectronRole = NonNullable<MenuItemConstructorOptions['role']>;
const toElectronRole = <R extends ElectronRole>(role: R): R => role;

function toItem(spec: MenuItemSpec, send: (command: MenuCommand) => void): MenuItemConstructorOptions {
  switch (spec.type) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return {
        label: spec.label,
        role: toElectronRole(spec.role),
        ...(spec.accelerator ? { accelerator: spec.accelerator } : {}),
      };
    case 'command':
      return {
        label: spec.label,
        ...(spec.accelerator ? { accelerator: spec.accelerator } : {}),
        click: () => send(spec.command),
      };
  }
}

/** Turns the pure menu data into Electron's menu; command items call `send`. */
export function buildApplicationMenu(specs: readonly MenuSpec[], send: (command: MenuCommand) => void): Menu {
  return Menu.buildFromTemplate(
    specs.map((menu) => ({
      label: menu.label,
      ...(menu.role ? { role: toElectronRole(menu.role) } : {}),
      submenu: menu.items.map((item) => toItem(item, send)),
    })),
  );
}
