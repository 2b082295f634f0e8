import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { completeFirstRun } from './steps/firstRun';
import { createScenarioViaForm, tableRow } from './steps/register';
import { expect, test } from './fixtures';
import { HOSTILE_FIXTURES, MINIMAL_HEADER, gbkShuffledCsv, minimalXlsx, sheetXml } from '../fixtures/spreadsheets/hostileFixtures';

/** Opens 导入 → 导入 Excel / CSV… and hands the file chooser a file, as a person picking it. */
async function chooseImportFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByRole('button', { name: '导入场景' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('导入 Excel / CSV…').click()]);
  await chooser.setFiles(file);
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Exports the current view as XLSX and returns the 场景目录 rows (header first) as plain values. */
async function exportCatalog(page: Page, testInfo: TestInfo, name: string): Promise<unknown[][]> {
  await page.getByRole('button', { name: '导出' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 Excel（.xlsx）').click()]);
  const path = testInfo.outputPath(name);
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('场景目录');
  if (!sheet) throw new Error('[e2e] no 场景目录 sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value instanceof Date ? value.toISOString() : value))));
  return rows;
}

/** Opens the app in a fresh profile and completes first run as 武侯区 (county); the shared box can be slow to draw the first screen. */
async function start(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toBeVisible({ timeout: 60_000 });
  await completeFirstRun(page);
}

// Each test logs in, imports and checks the register; on the shared, loaded box that takes minutes.
test.describe.configure({ timeout: 360_000 });

const shownCount = (page: Page) => page.getByText(/显示 \d+ \/ 共 \d+ 个场景/);

test('export → import into a fresh profile gives identical records', async ({ page, browser }, testInfo) => {
  await start(page);
  await createScenarioViaForm(page, { title: "=cmd|' /C calc'!A0 华西医院脑机接口康复病区", field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院', phone: '028-85422114' });
  await createScenarioViaForm(page, { title: '武侯区智慧养老院疲劳监测', field: '养老服务', direction: '疲劳状态监测', ownerUnit: '武侯区社会福利院' });
  await expect(shownCount(page)).toHaveText(/显示 2 \/ 共 2/);
  const exported = await exportCatalog(page, testInfo, 'first.xlsx');
  expect(exported).toHaveLength(3);

  // A fresh profile: a new browser context has its own, empty IndexedDB.
  const { baseURL, locale, timezoneId, viewport } = testInfo.project.use;
  const fresh = await browser.newContext({ baseURL, locale, timezoneId, viewport });
  const other = await fresh.newPage();
  const offOrigin: string[] = [];
  other.on('request', (request) => {
    if (!request.url().startsWith(baseURL ?? '') && !/^(data|blob):/.test(request.url())) offOrigin.push(request.url());
  });
  try {
    await start(other);
    await chooseImportFile(other, testInfo.outputPath('first.xlsx'));
    const dialog = other.getByRole('dialog', { name: '导入场景：first.xlsx' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('工作表“场景目录”，Excel (.xlsx)')).toBeVisible();
    await expect(dialog.locator('.ant-statistic', { hasText: '新增' })).toContainText('2');
    await expect(dialog.locator('.ant-statistic', { hasText: '有错误' })).toContainText('0');
    await dialog.getByLabel('只看有错误或提醒的行').uncheck();
    await expect(dialog.getByRole('cell', { name: '武侯区智慧养老院疲劳监测' })).toBeVisible();
    await shot(other, testInfo, 'import-roundtrip-preview');
    await dialog.getByRole('button', { name: '导入 2 行' }).click();
    await expect(dialog).toBeHidden();
    await expect(other.getByText('已导入：新增 2 条，更新 0 条')).toBeVisible();
    await expect(shownCount(other)).toHaveText(/显示 2 \/ 共 2/);
    const reimported = await exportCatalog(other, testInfo, 'second.xlsx');
    expect(reimported).toEqual(exported);

    // The same file again: every row's number exists now → update or skip, the person chooses.
    await chooseImportFile(other, testInfo.outputPath('first.xlsx'));
    const again = other.getByRole('dialog', { name: '导入场景：first.xlsx' });
    await expect(again.locator('.ant-statistic', { hasText: '编号已存在' })).toContainText('2');
    await expect(again.getByText('编号已存在的 2 行：')).toBeVisible();
    await expect(again.getByRole('button', { name: '没有可导入的行' })).toBeDisabled();
    await again.getByLabel('用文件内容更新').check();
    await again.getByRole('button', { name: '导入 2 行' }).click();
    await expect(other.getByText(/已导入：新增 0 条，更新 0 条（2 条与台账相同，未改动）/)).toBeVisible();
    expect(offOrigin).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test('a GBK CSV with shuffled columns imports with its Chinese intact', async ({ page }, testInfo) => {
  await start(page);
  await chooseImportFile(page, { name: '区县报送-GBK.csv', mimeType: 'text/csv', buffer: Buffer.from(gbkShuffledCsv()) });
  const dialog = page.getByRole('dialog', { name: '导入场景：区县报送-GBK.csv' });
  await expect(dialog.getByText('文字编码 GBK/GB18030')).toBeVisible();
  await expect(dialog.locator('.ant-statistic', { hasText: '新增' })).toContainText('2');
  await dialog.getByLabel('只看有错误或提醒的行').uncheck();
  await expect(dialog.getByRole('cell', { name: '华西医院脑机接口康复病区' })).toBeVisible();
  await expect(dialog.getByRole('cell', { name: '武侯区智慧养老院疲劳监测' })).toBeVisible();
  await shot(page, testInfo, 'import-gbk-preview');
  await dialog.getByRole('button', { name: '导入 2 行' }).click();
  await expect(dialog).toBeHidden();
  await expect(shownCount(page)).toHaveText(/显示 2 \/ 共 2/);
  await expect(tableRow(page, '华西医院脑机接口康复病区')).toContainText('医疗健康');
  await expect(tableRow(page, '武侯区智慧养老院疲劳监测')).toContainText('养老服务');
  await tableRow(page, '华西医院脑机接口康复病区').click();
  const detail = page.getByRole('complementary', { name: '场景详情' });
  await expect(detail).toContainText('四川大学华西医院');
  await expect(detail).toContainText('028-85422114');
});

test('bad rows are shown per row and column, and nothing is written until the import is confirmed', async ({ page }, testInfo) => {
  await start(page);
  const file = minimalXlsx({
    sheetXml: sheetXml([
      [...MINIMAL_HEADER, '联系电话'],
      ['华西医院脑机接口康复病区', '医疗健康', '非侵入式脑机接口', '四川大学华西医院', '武侯区', '028-85422114'],
      ['脑科学体验馆', '脑科学', '非侵入式脑机接口', '某科技馆', '武侯区', ''],
      ['锦江区养老院', '养老服务', '服务机器人', '锦江区社会福利院', '锦江区', ''],
      ['武侯区应急救援训练基地', '应急安全', '特种作业机器人', '武侯区应急管理局', '510107', '电话待定'],
    ]),
  });
  await chooseImportFile(page, { name: '有错误的报送表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(file) });
  const dialog = page.getByRole('dialog', { name: '导入场景：有错误的报送表.xlsx' });
  await expect(dialog.locator('.ant-statistic', { hasText: '有错误' })).toContainText('3');
  await expect(dialog.locator('.ant-statistic', { hasText: '新增' })).toContainText('1');
  await expect(dialog.getByText('有 3 行有错误，不会导入')).toBeVisible();
  const row = (n: number) => dialog.locator('.ant-table-row', { has: page.getByRole('cell', { name: String(n), exact: true }) });
  await expect(row(3)).toContainText('应用领域 — 应用领域“脑科学”不在可选列表中');
  await expect(row(4)).toContainText('所属地区 — “锦江区”不在本单位辖区内');
  await expect(row(5)).toContainText('联系电话 — 联系电话格式不正确');
  await shot(page, testInfo, 'import-bad-rows-preview');

  // Nothing written while the preview is open, nor after cancelling it.
  await expect(page.getByRole('button', { name: '加载演示数据' })).toBeAttached();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: '加载演示数据' })).toBeVisible();

  // Confirmed: the valid row is written, as one operation that can be undone as a whole.
  await chooseImportFile(page, { name: '有错误的报送表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(file) });
  await page.getByRole('dialog', { name: '导入场景：有错误的报送表.xlsx' }).getByRole('button', { name: '导入 1 行' }).click();
  await expect(shownCount(page)).toHaveText(/显示 1 \/ 共 1/);
  await expect(tableRow(page, '华西医院脑机接口康复病区')).toBeVisible();
  await page.getByRole('button', { name: '撤销本次导入' }).click();
  await expect(page.getByText('已撤销本次导入')).toBeVisible();
  await expect(page.getByRole('button', { name: '加载演示数据' })).toBeVisible();
});

test('the preview pages through every problem row, read from the import worker, by keyboard too', async ({ page }) => {
  await start(page);
  // 45 rows (file rows 2 … 46), every one with a warning (not placed on the map); every other
  // one also has an error (an unknown 应用领域): 23 rows with errors, 45 rows with problems, 3 pages.
  const rows = Array.from({ length: 45 }, (_, i) => [`测试场景 ${String(i + 1)}`, i % 2 === 0 ? '脑科学' : '医疗健康', '非侵入式脑机接口', '某单位', '武侯区']);
  const file = minimalXlsx({ sheetXml: sheetXml([MINIMAL_HEADER, ...rows]) });
  await chooseImportFile(page, { name: '分页预览.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(file) });
  const dialog = page.getByRole('dialog', { name: '导入场景：分页预览.xlsx' });
  await expect(dialog.locator('.ant-statistic', { hasText: '有错误' })).toContainText('23');
  const row = (n: number) => dialog.locator('.ant-table-row', { has: page.getByRole('cell', { name: String(n), exact: true }) });
  await expect(row(2)).toContainText('应用领域 — 应用领域“脑科学”不在可选列表中');
  await expect(dialog.locator('.ant-table-row')).toHaveCount(20);
  // The last page, chosen with the keyboard: rows 42 … 46, each with every error and warning.
  await dialog.locator('.ant-pagination-item-3').press('Enter');
  await expect(row(46)).toContainText('应用领域 — 应用领域“脑科学”不在可选列表中');
  await expect(row(46)).toContainText('位置 — 尚未在地图上标定位置');
  await expect(dialog.locator('.ant-table-row')).toHaveCount(5);
  // Changing the filter starts again at page 1.
  await dialog.getByLabel('只看有错误或提醒的行').uncheck();
  await expect(row(2)).toBeVisible();
  await expect(dialog.locator('.ant-pagination-item-active')).toHaveText('1');
  await expect(dialog.getByRole('button', { name: '导入 22 行' })).toBeEnabled();
});

test('hostile files are refused with their message and change nothing', async ({ page }, testInfo) => {
  await start(page);
  for (const name of ['XML entity payload (billion laughs + external entity)', 'random bytes named .xlsx', 'row number 10⁹', 'CSV with mixed encodings (UTF-8 and GBK lines)']) {
    const fixture = HOSTILE_FIXTURES.find((entry) => entry.name === name);
    if (!fixture) throw new Error(`[e2e] no fixture ${name}`);
    await chooseImportFile(page, { name: fixture.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(fixture.bytes()) });
    const dialog = page.getByRole('dialog', { name: `无法导入“${fixture.fileName}”` });
    await expect(dialog.getByRole('alert')).toContainText(fixture.message);
    await expect(dialog).toContainText('文件未作任何改动，台账中的数据也没有变化。');
    if (name.startsWith('XML')) await shot(page, testInfo, 'import-refused-entity');
    // The first is closed from the keyboard, the others with the footer button.
    if (name.startsWith('XML')) await page.keyboard.press('Escape');
    else await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await expect(dialog).toBeHidden();
  }
  // 200 MB: refused on its size before a byte is read.
  const big = testInfo.outputPath('超大文件.csv');
  writeFileSync(big, Buffer.alloc(200 * 1024 * 1024, 0x41));
  await chooseImportFile(page, big);
  const dialog = page.getByRole('dialog', { name: '无法导入“超大文件.csv”' });
  await expect(dialog.getByRole('alert')).toContainText('文件太大（200 MB）');
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByRole('button', { name: '加载演示数据' })).toBeVisible();
});

test('the import template downloads with the Chinese header, drop-down lists and 填写说明', async ({ page }, testInfo) => {
  await start(page);
  await page.getByRole('button', { name: '导入场景' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('下载导入模板（.xlsx）').click()]);
  expect(download.suggestedFilename()).toMatch(/^场景导入模板-\d{8}\.xlsx$/);
  const path = testInfo.outputPath('template.xlsx');
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('场景目录');
  expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['场景名称', '应用领域', '技术方向', '所属地区', '开放单位']));
  expect(sheet?.getCell('C2').dataValidation?.type).toBe('list');
  expect(workbook.getWorksheet('填写说明')).toBeDefined();
});
