import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { completeFirstRun } from './steps/firstRun';
import { changeStatus, confirmDialog, createScenarioViaForm, switchUnit, tableRow } from './steps/register';
import { expect, test } from './fixtures';
import { openSection } from './steps/sections';

const OPEN_TITLE = '华西医院脑机接口康复训练病区';
const DRAFT_TITLE = '武侯区智能制造人机协同产线';
// A real, valid unified social credit code (check character verified by parseCreditCode).
const CREDIT_CODE = '91440300708461136T';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/** The first-run dialog, given time: the first load on the shared test machine can take half a minute. */
async function firstRun(page: Page): Promise<void> {
  await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toBeVisible({ timeout: 90_000 });
  await completeFirstRun(page);
}

async function openScenario(page: Page, title: string): Promise<void> {
  await tableRow(page, title).click();
  await expect(page.getByRole('complementary').getByRole('heading', { name: title })).toBeVisible();
}

/** Picks a file for the hidden input behind 导入合作意向 (what the file dialog does for a person). */
async function importFile(page: Page, name: string, text: string): Promise<void> {
  // As a person would: once the button is ready (it waits for the register to load).
  await expect(page.getByRole('button', { name: '导入合作意向' })).toBeEnabled();
  await page.getByTestId('application-import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

async function expectRefused(page: Page, reason: RegExp): Promise<void> {
  const dialog = page.getByRole('dialog').filter({ hasText: '无法导入该合作意向文件' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('application-import-error')).toContainText(reason);
  await confirmDialog(page, '知道了');
}

/** Confirms the import dialog, whose refusal opens a second dialog (so confirmDialog's "until no dialog" cannot be used). */
async function confirmThenExpect(page: Page, reason: RegExp): Promise<void> {
  const confirm = page.getByRole('dialog').filter({ hasText: '将合作意向导入为“申报”阶段的试点项目？' });
  await expect(async () => {
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: '导入为试点项目' }).click({ timeout: 3000 });
    await expect(confirm).toBeHidden({ timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await expectRefused(page, reason);
}

test('company mode: only open scenarios, a star that persists, an application file the owner imports as a 申报 pilot; dashboard and map follow', async ({ page }, testInfo) => {
  test.setTimeout(900_000); // a long story on a slow shared machine: two roles, three files, two screens
  await page.goto('/');
  await firstRun(page);

  // The owner (武侯区, county office) logs two scenarios and opens one.
  await createScenarioViaForm(page, { title: OPEN_TITLE, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院' });
  const detail = page.getByRole('complementary');
  await changeStatus(page, '已开放');
  await expect(detail.getByTestId('scenario-status')).toHaveText('已开放');
  await createScenarioViaForm(page, { title: DRAFT_TITLE, field: '工业制造', direction: '人机协同外骨骼', ownerUnit: '武侯区经信局' });

  // Dashboard: 2 scenarios, no pilots yet.
  await openSection(page, '统计');
  const summary = page.getByTestId('dashboard-summary');
  await expect(summary).toHaveText('武侯区：场景 2 个，试点项目 0 个');
  await expect(page.getByTestId('dashboard-funnel').locator('[data-key="applied"] .atlas-bar-value')).toHaveText('0');
  await expect(page.getByTestId('dashboard-field-bars').locator('[data-key="medical"] .atlas-bar-value')).toHaveText('1');
  await openSection(page, '场景台账');
  await expect(page.getByRole('search').getByRole('combobox', { name: '状态' })).toBeVisible();

  // Company mode: only the open scenario exists on the table and the map.
  await switchUnit(page, '武侯', /武侯区/, '企业');
  // A company has the register and, for importing published catalogs, 交换与备份 (issue 6).
  await expect(page.locator('.atlas-sections .ant-segmented-item')).toHaveText(['场景台账', '交换与备份']);
  await expect(tableRow(page, OPEN_TITLE)).toBeVisible();
  await expect(tableRow(page, DRAFT_TITLE)).toHaveCount(0);
  await expect(page.locator('.scn-pin')).toHaveCount(1);
  await expect(page.locator(`.scn-pin[title^="${DRAFT_TITLE}"]`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '新建场景' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '导入合作意向' })).toHaveCount(0);
  // The catalog holds open scenarios only: no status filter to hide them with.
  await expect(page.getByRole('search').getByRole('combobox', { name: '状态' })).toHaveCount(0);

  // Star it; the star survives a reload.
  await openScenario(page, OPEN_TITLE);
  await detail.getByRole('button', { name: '收藏' }).click();
  await expect(detail.getByRole('button', { name: '取消收藏' })).toBeVisible();
  await expect(page.getByRole('button', { name: '我的收藏（1）' })).toBeVisible();
  await page.reload();
  // A full reload on the shared, slow test machine: allow it more than the default wait.
  await expect(page.getByRole('button', { name: '我的收藏（1）' })).toBeVisible({ timeout: 60_000 });
  await expect(tableRow(page, OPEN_TITLE)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: '我的收藏（1）' }).click();
  await page.getByRole('menuitem', { name: new RegExp(OPEN_TITLE) }).click();
  await expect(detail.getByRole('heading', { name: OPEN_TITLE })).toBeVisible();
  await expect(detail.getByRole('button', { name: '取消收藏' })).toBeVisible();
  await shot(page, testInfo, 'company-register');

  // Draft an application: a wrong credit code is refused with its rule, nothing downloaded.
  await detail.getByRole('button', { name: '填写合作意向' }).click();
  const drawer = page.getByRole('dialog', { name: `合作意向：${OPEN_TITLE}` });
  await expect(drawer).toBeVisible();
  await drawer.getByLabel('申请单位').fill('成都脑科学科技有限公司');
  await drawer.getByLabel('统一社会信用代码').fill('91440300708461136X');
  await drawer.getByLabel('联系人').fill('李工');
  await drawer.getByLabel('联系电话').fill('13800138000');
  await drawer.getByLabel('邮箱').fill('li@example.com');
  await drawer.getByLabel('方案概要').fill('在康复病区部署非侵入式脑机接口康复训练系统，开展为期一年的试点。');
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  await drawer.getByRole('button', { name: '导出合作意向文件' }).click();
  await expect(drawer.locator('.ant-form-item-explain-error')).toContainText('校验');
  await expect(page.getByText('合作意向有 1 处需要修改，未导出')).toBeVisible();
  expect(downloads).toBe(0);
  await drawer.getByRole('button', { name: '保存草稿' }).click();
  await expect(drawer.getByTestId('application-draft-state')).toContainText('草稿保存于');

  await drawer.getByLabel('统一社会信用代码').fill(CREDIT_CODE);
  await shot(page, testInfo, 'application-drawer');
  const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: '导出合作意向文件' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^合作意向-510107-\d{4}-0001-\d{8}\.application\.json$/);
  const fileText = readFileSync(await download.path(), 'utf8');
  const file = JSON.parse(fileText) as Record<string, unknown>;
  expect(file).toMatchObject({
    format: 'scenario-atlas-application',
    formatVersion: 1,
    organisation: '成都脑科学科技有限公司',
    creditCode: CREDIT_CODE,
    contactName: '李工',
    phone: '13800138000',
  });
  expect(String(file['scenarioCatalogNumber'])).toMatch(/^510107-\d{4}-0001$/);
  await expect(page.getByText(/^已导出合作意向文件：合作意向-510107-/)).toBeVisible({ timeout: 30_000 });
  await expect(drawer.getByTestId('application-draft-state')).toContainText('最近导出于', { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Back to the owner's office: bad files are refused with the reason and change nothing.
  await switchUnit(page, '武侯', /武侯区/, '县级');
  await expect(tableRow(page, DRAFT_TITLE)).toBeVisible();
  await importFile(page, 'broken.application.json', '{"format": "scenario-atlas-application", ');
  await expectRefused(page, /不是有效的 JSON/);
  await importFile(page, 'other.application.json', fileText.replace(String(file['scenarioId']), 'ffffffff-ffff-4fff-8fff-ffffffffffff'));
  await expectRefused(page, /本台账中没有该合作意向所申请的场景/);
  await importFile(page, 'huge.application.json', `{"padding": "${'x'.repeat(70 * 1024)}"}`);
  await expectRefused(page, /文件过大/);
  await openSection(page, '统计');
  await expect(summary).toHaveText('武侯区：场景 2 个，试点项目 0 个');
  await openSection(page, '场景台账');

  // The real file: a confirmation with what it holds, then a pilot at 申报.
  await importFile(page, download.suggestedFilename(), fileText);
  const confirm = page.getByRole('dialog').filter({ hasText: '将合作意向导入为“申报”阶段的试点项目？' });
  await expect(confirm.getByTestId('application-import-summary')).toContainText('成都脑科学科技有限公司');
  await expect(confirm.getByTestId('application-import-summary')).toContainText(CREDIT_CODE);
  await shot(page, testInfo, 'application-import-confirm');
  await confirmDialog(page, '导入为试点项目');
  // The scenario opens with its new pilot, lead partner the applicant, at stage 申报.
  await expect(detail.getByRole('heading', { name: OPEN_TITLE })).toBeVisible();
  await expect(detail).toContainText(`成都脑科学科技有限公司 · ${OPEN_TITLE}`);
  await expect(detail).toContainText('申报');

  // Importing the same file again changes nothing.
  await importFile(page, download.suggestedFilename(), fileText);
  await confirmThenExpect(page, /已有试点项目/);

  // Map: colour by most advanced pilot stage; "open for partners" keeps the open scenario only.
  await page.locator('.atlas-legend .ant-segmented-item', { hasText: '试点阶段' }).click();
  await expect(page.locator(`.scn-pin[title^="${OPEN_TITLE}"] span[data-stage="applied"]`)).toBeVisible();
  await expect(page.locator(`.scn-pin[title^="${DRAFT_TITLE}"] span[data-stage="none"]`)).toBeVisible();
  await expect(page.locator('.atlas-legend')).toContainText('申报');
  await page.getByRole('checkbox', { name: '仅看可对接场景' }).check();
  await expect(page).toHaveURL(/slots=free/);
  await expect(tableRow(page, OPEN_TITLE)).toBeVisible();
  await expect(tableRow(page, DRAFT_TITLE)).toHaveCount(0);
  await shot(page, testInfo, 'map-stage-mode');
  await page.getByRole('checkbox', { name: '仅看可对接场景' }).uncheck();
  await expect(tableRow(page, DRAFT_TITLE)).toBeVisible();

  // Dashboard: the pilot appears in the funnel; a new scenario raises the counts.
  await openSection(page, '统计');
  await expect(summary).toHaveText('武侯区：场景 2 个，试点项目 1 个');
  await expect(page.getByTestId('dashboard-funnel').locator('[data-key="applied"] .atlas-bar-value')).toHaveText('1');
  await openSection(page, '场景台账');
  await createScenarioViaForm(page, { title: '武侯区养老院陪护机器人试点', field: '养老服务', direction: '服务机器人', ownerUnit: '武侯区民政局' });
  await openSection(page, '统计');
  await expect(summary).toHaveText('武侯区：场景 3 个，试点项目 1 个');
  await expect(page.getByTestId('dashboard-field-bars').locator('[data-key="eldercare"] .atlas-bar-value')).toHaveText('1');
  await expect(page.getByTestId('dashboard-total')).toHaveText('3');
  await shot(page, testInfo, 'dashboard-county');
});

test('the province dashboard drills down from the province to a city to a county', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await firstRun(page);
  await createScenarioViaForm(page, { title: OPEN_TITLE, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院' });
  await switchUnit(page, '四川', /四川省/, '省级');
  await openSection(page, '统计');
  const summary = page.getByTestId('dashboard-summary');
  await expect(summary).toHaveText('四川省：场景 1 个，试点项目 0 个');
  const table = page.getByTestId('dashboard-region-table');
  await expect(table.locator('.ant-table-row')).toHaveCount(21);
  await shot(page, testInfo, 'dashboard-province');
  await table.getByRole('button', { name: '查看成都市下辖地区' }).click();
  await expect(summary).toHaveText('成都市：场景 1 个，试点项目 0 个');
  await expect(table.locator('.ant-table-row')).toHaveCount(20);
  await expect(table.locator('.ant-table-row', { hasText: '武侯区' })).toContainText('1');
  // 武侯区 has no regions under it: its name is not a drill-down button; the breadcrumb goes back up.
  await expect(table.getByRole('button', { name: '查看武侯区下辖地区' })).toHaveCount(0);
  await page.getByRole('navigation', { name: '统计范围' }).getByRole('button', { name: '四川省' }).click();
  await expect(summary).toHaveText('四川省：场景 1 个，试点项目 0 个');
  // English is complete here too.
  await page.locator('.ant-segmented-item', { hasText: 'EN' }).click();
  await expect(page.getByTestId('dashboard-summary')).toHaveText('四川省: 1 scenario, 0 pilots');
});
