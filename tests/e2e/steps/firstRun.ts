import { expect, type Page } from '@playwright/test';

/** Completes the first-run dialog as a person would: search "武侯" in the unit picker, pick 武侯区, role 县级. */
export async function completeFirstRun(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' });
  // A fresh profile's first screen: slow on a loaded machine, so more than the default wait.
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  const picker = dialog.getByRole('combobox', { name: '所在单位（行政区划）' });
  await picker.click();
  await picker.fill('武侯');
  await page.getByRole('menuitemcheckbox', { name: /武侯区/ }).or(page.locator('.ant-cascader-menu-item', { hasText: '武侯区' })).first().click();
  await dialog.locator('label', { hasText: '县级' }).click();
  await dialog.getByRole('button', { name: '开始使用' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /我的单位: 武侯区 · 县级/ })).toBeVisible();
}

/** Waits until the map has stopped animating (FitToFocus sets data-moving). */
export async function waitForMapToSettle(page: Page): Promise<void> {
  await expect(page.locator('.atlas-map[data-moving="false"]')).toHaveCount(1);
}

/** The map shows Sichuan: the province outline, 21 city boundaries and their names. */
export async function expectSichuanMap(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '地区层级' }).getByRole('button', { name: '四川省' }).click();
  await expect(page.locator('path.region-county')).toHaveCount(0);
  await waitForMapToSettle(page);
  await expect(page.locator('path.region-province')).toHaveCount(1);
  await expect(page.locator('path.region-city')).toHaveCount(21);
  await expect(page.locator('.region-label-city', { hasText: '成都市' })).toBeVisible();
  await expect(page.locator('.region-label-city', { hasText: '阿坝州' })).toBeVisible();
}

/** Drills into 成都市 by clicking it on the map (its name at its centre); its 20 counties are drawn. */
export async function drillIntoChengdu(page: Page): Promise<void> {
  await page.locator('.region-label-city', { hasText: '成都市' }).click();
  await expect(page.locator('path.region-county')).toHaveCount(20);
  await waitForMapToSettle(page);
  await expect(page.getByRole('combobox', { name: '选择市（州）' })).toBeVisible();
  await expect(page.locator('.atlas-breadcrumb')).toContainText('成都市');
}
