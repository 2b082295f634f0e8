import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../../../shared/ipc/contract';
import { buildMenuSpec, type MenuItemSpec, type MenuSpec } from '../../../../electron/policy/menuTemplate';

const APP_NAME = '场景开放与试点台账';
const CHINESE = /[\u4e00-\u9fff]/;

const variants = [
  { platform: 'win32', isPackaged: true },
  { platform: 'linux', isPackaged: false },
  { platform: 'darwin', isPackaged: true },
] as const;

function items(menus: readonly MenuSpec[]): MenuItemSpec[] {
  return menus.flatMap((menu) => menu.items);
}

describe.each(variants)(
  'application menu on $platform (packaged: $isPackaged)',
  ({ platform, isPackaged }) => {
    const menus = buildMenuSpec({ platform, isPackaged, appName: APP_NAME });
    const all = items(menus);

    it('has 文件 / 编辑 / 视图 / 窗口 / 帮助 (after the app menu on macOS)', () => {
      const labels = menus.map((menu) => menu.label);
      expect(labels).toEqual(
        platform === 'darwin'
          ? [APP_NAME, '文件', '编辑', '视图', '窗口', '帮助']
          : ['文件', '编辑', '视图', '窗口', '帮助'],
      );
    });

    it('labels every item in Chinese', () => {
      for (const item of all) {
        if (item.type !== 'separator') expect(item.label, JSON.stringify(item)).toMatch(CHINESE);
      }
    });

    it('sends every menu command exactly once', () => {
      const commands = all.flatMap((item) => (item.type === 'command' ? [item.command] : []));
      expect([...commands].sort()).toEqual([...MENU_COMMANDS].sort());
    });

    it.each([
      ['open-settings', '设置…'],
      ['change-unit', '更改单位…'],
      ['toggle-language', '切换语言 / Language'],
      ['reset-map-view', '重置地图视图'],
    ])('%s is labelled %s', (command, label) => {
      expect(all.find((item) => item.type === 'command' && item.command === command)).toMatchObject({
        label,
      });
    });

    it('has no duplicate accelerators', () => {
      const accelerators = all.flatMap((item) =>
        item.type !== 'separator' && item.accelerator ? [item.accelerator] : [],
      );
      expect(new Set(accelerators).size).toBe(accelerators.length);
    });

    it('offers quit exactly once and the standard edit roles', () => {
      const roles = all.flatMap((item) => (item.type === 'role' ? [item.role] : []));
      expect(roles.filter((role) => role === 'quit')).toHaveLength(1);
      expect(roles).toEqual(
        expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'minimize', 'about']),
      );
    });

    it('shows developer tools only outside a packaged build', () => {
      const roles = all.flatMap((item) => (item.type === 'role' ? [item.role] : []));
      expect(roles.includes('toggleDevTools')).toBe(!isPackaged);
      expect(roles.includes('forceReload')).toBe(!isPackaged);
    });

    it('never starts or ends a menu with a separator, nor doubles one', () => {
      for (const menu of menus) {
        expect(menu.items[0]?.type, menu.label).not.toBe('separator');
        expect(menu.items.at(-1)?.type, menu.label).not.toBe('separator');
        menu.items.forEach((item, index) => {
          if (item.type === 'separator')
            expect(menu.items[index + 1]?.type, menu.label).not.toBe('separator');
        });
      }
    });
  },
);

describe('application menu in English', () => {
  it.each(variants)('labels every top menu and item in English on $platform, keeping the bilingual language switch', ({ platform, isPackaged }) => {
    const menus = buildMenuSpec({ platform, isPackaged, appName: 'Scenario Atlas', language: 'en' });
    expect(menus.map((menu) => menu.label)).toEqual(
      platform === 'darwin'
        ? ['Scenario Atlas', 'File', 'Edit', 'View', 'Window', 'Help']
        : ['File', 'Edit', 'View', 'Window', 'Help'],
    );
    for (const item of items(menus)) {
      if (item.type === 'separator') continue;
      if (item.type === 'command' && item.command === 'toggle-language') expect(item.label).toBe('切换语言 / Language');
      else expect(item.label, JSON.stringify(item)).not.toMatch(CHINESE);
    }
  });

  it('has the same commands, roles and shortcuts in both languages', () => {
    const strip = (menus: readonly MenuSpec[]) =>
      items(menus).map((item) => (item.type === 'separator' ? item : { ...item, label: '' }));
    for (const { platform, isPackaged } of variants) {
      const zh = buildMenuSpec({ platform, isPackaged, appName: APP_NAME, language: 'zh-CN' });
      const en = buildMenuSpec({ platform, isPackaged, appName: APP_NAME, language: 'en' });
      expect(strip(en)).toEqual(strip(zh));
    }
  });
});
