import { completeFirstRun, waitForMapToSettle } from './steps/firstRun';
import { openSection } from './steps/sections';
import { expect, test } from './fixtures';

const SETTINGS_KEY = 'scenario-atlas:settings';

test('the first-run dialog refuses a role that does not fit the unit, with a Chinese message', async ({ page }) => {
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' });
  await dialog.getByRole('button', { name: '开始使用' }).click();
  await expect(dialog.getByText('请选择所在单位')).toBeVisible();

  const picker = dialog.getByRole('combobox', { name: '所在单位（行政区划）' });
  await picker.click();
  await picker.fill('成都');
  await page.locator('.ant-cascader-menu-item', { hasText: /^四川省 \/ 成都市$/ }).click();
  await dialog.locator('label', { hasText: '省级' }).click();
  await dialog.getByRole('button', { name: '开始使用' }).click();
  await expect(dialog.getByText('省级主管部门的单位须为四川省')).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY)).toBeNull();

  await dialog.locator('label', { hasText: '市级' }).click();
  await dialog.getByRole('button', { name: '开始使用' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /我的单位: 成都市 · 市级/ })).toBeVisible();
});

test('English switch translates the UI and is remembered', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await page.locator('.ant-segmented-item', { hasText: 'EN' }).click();
  await expect(page.getByRole('heading', { name: 'Scenario Atlas' })).toBeVisible();
  await expect(page.getByRole('button', { name: /My unit: 武侯区 · County/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Scenario Atlas' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a hand-edited settings file: broken keys reset and reported once, the rest kept', async ({ page }) => {
  await page.addInitScript((key) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(key, JSON.stringify({ unitCode: '510107', role: 'county', language: 'klingon', basemap: 42 }));
    }
  }, SETTINGS_KEY);
  await page.goto('/');
  await expect(page.getByText(/以下项已恢复为默认值：界面语言、在线底图/)).toBeVisible();
  await expect(page.getByRole('button', { name: /我的单位: 武侯区 · 县级/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: /我的单位: 武侯区 · 县级/ })).toBeVisible();
  await expect(page.getByText(/以下项已恢复为默认值/)).toHaveCount(0);
});

test('an unknown unit code in settings sends the user back to first run', async ({ page }) => {
  await page.addInitScript((key) => {
    localStorage.setItem(key, JSON.stringify({ unitCode: '110101', role: 'county', language: 'zh-CN', basemap: 'none', tiandituKey: '' }));
  }, SETTINGS_KEY);
  await page.goto('/');
  await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toBeVisible();
});

test('region search in the top bar: typing 武侯 finds 武侯区 and goes there', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await page.getByRole('navigation', { name: '地区层级' }).getByRole('button', { name: '四川省' }).click();
  const search = page.getByRole('combobox', { name: '定位到地区' });
  await search.click();
  await search.fill('武侯');
  await page.getByRole('option', { name: '四川省 / 成都市 / 武侯区' }).click();
  await expect(page.getByRole('heading', { name: /武侯区/ })).toBeVisible();
  await expect(page.locator('path.region-county')).toHaveCount(20);
});

test('keyboard: the region panel lists subdivisions as buttons that drill down', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await page.getByRole('navigation', { name: '地区层级' }).getByRole('button', { name: '四川省' }).click();
  const panel = page.getByRole('complementary');
  await panel.getByRole('button', { name: '绵阳市' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '绵阳市' })).toBeVisible();
  await expect(page.locator('path.region-county')).toHaveCount(9);
});

test('the map stays where the person left it: zoomed in, to 伙伴单位 and back, same view', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await waitForMapToSettle(page);
  const wuhou = page.locator('.region-label', { hasText: '武侯区' });
  const jinjiang = page.locator('.region-label', { hasText: '锦江区' });
  /** How far apart two county names are on screen: it doubles with each zoom step. */
  async function spread(): Promise<number> {
    const [a, b] = await Promise.all([wuhou.boundingBox(), jinjiang.boundingBox()]);
    if (!a || !b) throw new Error('a county label is not on the map');
    return Math.hypot(a.x - b.x, a.y - b.y);
  }
  /** Where 武侯区's name is, from the middle of the map. */
  async function fromMapCentre(): Promise<{ x: number; y: number }> {
    const [label, map] = await Promise.all([wuhou.boundingBox(), page.locator('.atlas-map').boundingBox()]);
    if (!label || !map) throw new Error('the map or 武侯区 is not on the page');
    return { x: label.x + label.width / 2 - (map.x + map.width / 2), y: label.y + label.height / 2 - (map.y + map.height / 2) };
  }
  // The first view is set after first run; `data-moving` can read false before that move starts, so
  // the map counts as still once two readings apart agree (a CI run measured mid-move and failed).
  let fitted = -1;
  await expect
    .poll(
      async () => {
        await waitForMapToSettle(page);
        const now = await spread();
        const isStill = Math.abs(now - fitted) < 0.5;
        fitted = now;
        return isStill;
      },
      { intervals: [300] },
    )
    .toBe(true);
  await page.locator('.leaflet-control-zoom-in').click();
  // One zoom step doubles the spread; the animation starts on the next frame, so poll for its end.
  await expect.poll(spread).toBeGreaterThan(fitted * 1.95);
  await waitForMapToSettle(page);
  const zoomed = await spread();
  const where = await fromMapCentre();

  await openSection(page, '伙伴单位');
  await expect(page.locator('.atlas-map')).toHaveCount(0);
  await openSection(page, '场景台账');
  await waitForMapToSettle(page);
  await expect.poll(async () => (await spread()) / zoomed).toBeCloseTo(1, 2);
  // The same place in the middle of the map (its height may differ by the filter bar's wrapping).
  const back = await fromMapCentre();
  expect(Math.abs(back.x - where.x)).toBeLessThan(3);
  expect(Math.abs(back.y - where.y)).toBeLessThan(3);
});
