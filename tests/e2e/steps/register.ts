import { expect, type Locator, type Page } from '@playwright/test';

/** Picks an option of an antd Select that is labelled `label` inside `scope`. */
export async function chooseOption(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  // Typing narrows the (virtualised) list, as a person would with a long list.
  await page.keyboard.type(option);
  // antd draws the visible list as divs (its role=option list is a hidden twin for screen readers).
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).click();
}

/** The minimum a person fills in to log a scenario; the location is picked by clicking the map. */
export interface NewScenario {
  readonly title: string;
  readonly field: string;
  readonly direction: string;
  readonly ownerUnit: string;
  readonly phone?: string;
}

/** Opens 新建场景, fills the form, clicks the location map and saves; waits for the drawer to close. */
export async function createScenarioViaForm(page: Page, scenario: NewScenario): Promise<void> {
  await page.getByRole('button', { name: '新建场景' }).first().click();
  const drawer = page.getByRole('dialog', { name: '新建场景' });
  await expect(drawer).toBeVisible();
  await drawer.getByLabel('场景名称').fill(scenario.title);
  await chooseOption(page, drawer, '应用领域', scenario.field);
  await chooseOption(page, drawer, '技术方向', scenario.direction);
  await drawer.getByRole('heading', { name: '基本信息' }).click(); // closes the multi-select's list
  await drawer.getByLabel('开放单位').fill(scenario.ownerUnit);
  const map = drawer.getByTestId('location-picker');
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  if (!box) throw new Error('[e2e] the location map is not on screen');
  await map.click({ position: { x: box.width / 2 + 12, y: box.height / 2 + 10 } });
  await expect(drawer.getByText('已在地图上标定')).toBeVisible();
  if (scenario.phone) await drawer.getByLabel('联系电话').fill(scenario.phone);
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(drawer).toBeHidden();
}

/** A table row by (part of) its title. */
export function tableRow(page: Page, title: string): Locator {
  return page.locator('.ant-table-row', { hasText: title });
}

/** Switches the installation's unit through the top bar (a person moving to another office's register). */
export async function switchUnit(page: Page, search: string, pick: RegExp, role: string): Promise<void> {
  await page.getByRole('button', { name: /我的单位/ }).click();
  const dialog = page.getByRole('dialog', { name: '更改单位和角色' });
  const picker = dialog.getByRole('combobox', { name: '所在单位（行政区划）' });
  await picker.click();
  await picker.fill(search);
  await page.locator('.ant-cascader-menu-item', { hasText: pick }).first().click();
  await dialog.locator('label', { hasText: role }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Confirms an antd confirm dialog. A click that lands while the dialog is still zooming in can be
 * lost, so the click is repeated until the dialog closes (a person would click again too). A button
 * that shows it is working (antd's loading state while the action runs) is not clicked again, and
 * a dialog that has already closed is not looked for.
 */
export async function confirmDialog(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(async () => {
    const working = (await dialog.locator('.ant-btn-loading').count()) > 0;
    if (!working && (await dialog.isVisible())) {
      await dialog.getByRole('button', { name: button }).click({ timeout: 3000 });
    }
    await expect(dialog).toBeHidden({ timeout: 3000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * Picks a radio option in a dialog by its label, as a person clicks it, and makes sure it took: a
 * click that lands while the dialog is still zooming in can miss the option.
 */
export async function pickRadio(dialog: Locator, label: string): Promise<void> {
  const option = dialog.locator('label', { hasText: label });
  await expect(async () => {
    await option.click({ timeout: 3000 });
    await expect(option.getByRole('radio')).toBeChecked({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

/** Changes the selected scenario's status through 变更状态 in its detail panel; waits for the dialog to close. */
export async function changeStatus(page: Page, status: string): Promise<void> {
  await page.getByRole('complementary').getByRole('button', { name: '变更状态' }).click();
  const statusDialog = page.getByRole('dialog', { name: '变更状态' });
  await pickRadio(statusDialog, status);
  await statusDialog.getByRole('button', { name: '确认变更' }).click();
  await expect(statusDialog).toBeHidden();
}
