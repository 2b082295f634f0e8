import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';
import { completeFirstRun } from './steps/firstRun';
import { changeStatus, createScenarioViaForm, switchUnit, tableRow } from './steps/register';
import { expect, test } from './fixtures';
import { openSection } from './steps/sections';

const TITLE = '华西医院脑机接口康复训练病区';
const EDITED = '华西医院脑机接口康复训练病区（二期）';
const CITY_TITLE = '成都市应急救援脑控机器人演练场';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

/** The first-run step, after a longer wait for the first screen: three profiles load on a busy machine. */
async function firstRun(page: Page): Promise<void> {
  await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toBeVisible({ timeout: 90_000 });
  await completeFirstRun(page);
}

/** Another installation: a new browser profile (own IndexedDB, localStorage and signing key). */
async function newInstallation(browser: Browser, testInfo: TestInfo, contexts: BrowserContext[]): Promise<Page> {
  const { baseURL, locale, timezoneId, viewport } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, viewport, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL ?? '') && !/^(data|blob):/.test(request.url())) throw new Error(`[e2e] off-origin request ${request.url()}`);
  });
  await page.goto('/');
  await firstRun(page);
  return page;
}

/** Exports a package to `recipient` with `mode`; returns the file name and text of the download. */
async function exportPackage(page: Page, recipient: RegExp, mode: string): Promise<{ name: string; text: string }> {
  await openSection(page, '交换与备份');
  const card = page.locator('.ant-card', { hasText: '导出交换包' });
  await card.getByRole('combobox', { name: '发送给' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: recipient }).click();
  await card.locator('label', { hasText: mode }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '导出交换包' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^交换包-\d{6}-至-\d{6}-\d{8}-\d{6}\.atlas-exchange\.json$/);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** Chooses a package file in 导入交换包 (what the file dialog does for a person). */
async function chooseFile(page: Page, file: { name: string; text: string }): Promise<void> {
  await openSection(page, '交换与备份');
  // A person can choose only once the button is enabled: a new installation first loads (or makes)
  // its signing key. Setting the hidden input earlier would bypass that, and the card ignores it.
  await expect(page.getByRole('button', { name: /选择(交换包|场景目录)文件/ })).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('exchange-file-input').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text, 'utf8') });
}

async function stat(page: Page, label: string) {
  return page.getByTestId('exchange-preview-stats').locator('.ant-statistic', { hasText: new RegExp(`^${label}`) }).locator('.ant-statistic-content');
}

async function trustKey(page: Page, fingerprint: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '核对并信任签名密钥' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.atlas-fingerprint')).toHaveText(fingerprint);
  await dialog.getByRole('button', { name: '指纹一致，信任并继续' }).click();
  await expect(dialog).toBeHidden();
}

async function ownFingerprint(page: Page): Promise<string> {
  await openSection(page, '交换与备份');
  const code = page.locator('.atlas-exchange-head .atlas-fingerprint');
  await expect(code).toHaveText(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/);
  return (await code.textContent()) ?? '';
}

async function editTitle(page: Page, from: string, to: string): Promise<void> {
  await openSection(page, '场景台账');
  await tableRow(page, from).click();
  await page.getByRole('complementary').getByRole('button', { name: '编辑' }).click();
  const drawer = page.getByRole('dialog', { name: '编辑场景' });
  await drawer.getByLabel('场景名称').fill(to);
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(drawer).toBeHidden();
  await expect(tableRow(page, to)).toBeVisible();
}

test('county → city exchange: signed package, preview, read-only at the city, idempotent re-import, a conflict resolved through the queue', async ({ page, browser }, testInfo) => {
  test.setTimeout(900_000); // three installations on a slow shared machine
  const contexts: BrowserContext[] = [];
  try {
    // 武侯区 (county), installation A: logs a scenario and edits it.
    await page.goto('/');
    await firstRun(page);
    await createScenarioViaForm(page, { title: TITLE, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院' });
    await editTitle(page, TITLE, EDITED);
    const countyFingerprint = await ownFingerprint(page);
    await shot(page, testInfo, 'exchange-county');
    const toCity = await exportPackage(page, /^成都市（510100）$/, '自上次发送给该单位以来的变更');
    expect(JSON.parse(toCity.text)).toMatchObject({ manifest: { sourceUnit: '510107', recipientUnit: '510100', counts: { records: 2, own: 2, relayed: 0 } } });
    // Nothing new since: the office is told, no empty file is made.
    await page.locator('.ant-card', { hasText: '导出交换包' }).getByRole('button', { name: '导出交换包' }).click();
    await expect(page.getByText('导出失败：自上次发送给该单位以来没有新的变更，无需导出')).toBeVisible();

    // 成都市 (city): imports it after checking the county's fingerprint.
    const city = await newInstallation(browser, testInfo, contexts);
    await switchUnit(city, '成都', /成都市$/, '市级');
    await chooseFile(city, toCity);
    await trustKey(city, countyFingerprint);
    await expect(city.getByRole('heading', { name: `导入预览：${toCity.name}` })).toBeVisible();
    await expect(await stat(city, '新增')).toHaveText('1');
    await expect(await stat(city, '冲突')).toHaveText('0');
    await expect(await stat(city, '拒绝')).toHaveText('0');
    await expect(city.getByText(`涉及的记录（部分）：${EDITED}`)).toBeVisible();
    await shot(city, testInfo, 'exchange-city-preview');
    await city.getByRole('button', { name: '确认导入' }).click();
    await expect(city.getByRole('alert').filter({ hasText: '导入完成：新增 1，更新 0，删除 0，冲突 0，拒绝 0。' })).toBeVisible();
    await expect(city.locator('.ant-table-row', { hasText: '导入' }).first()).toContainText('武侯区（510107）');

    // In the city's register the county's record is read-only; the city logs and edits its own.
    await openSection(city, '场景台账');
    await tableRow(city, EDITED).click();
    const detail = city.getByRole('complementary');
    await expect(detail.getByText('此记录属于武侯区，本单位只能查看，不能修改。')).toBeVisible();
    await expect(detail.getByRole('button', { name: '编辑' })).toHaveCount(0);
    await shot(city, testInfo, 'exchange-city-read-only');
    await createScenarioViaForm(city, { title: CITY_TITLE, field: '应急安全', direction: '脑控机器人', ownerUnit: '成都市应急管理局' });
    await editTitle(city, CITY_TITLE, `${CITY_TITLE}（市级）`);

    // Re-importing the same package changes nothing and says so.
    await chooseFile(city, toCity);
    await expect(city.getByText('该交换包以前导入过；再次导入不会改变任何数据。')).toBeVisible();
    await expect(await stat(city, '新增')).toHaveText('0');
    await expect(await stat(city, '更新')).toHaveText('0');
    await city.getByRole('button', { name: '确认导入' }).click();
    await expect(city.getByRole('alert').filter({ hasText: '导入完成：新增 0，更新 0，删除 0，冲突 0，拒绝 0。' })).toBeVisible();
    await openSection(city, '场景台账');
    await expect(tableRow(city, EDITED)).toHaveCount(1);

    // A second 武侯区 computer (installation B) takes the county's records, then both edit the
    // same title without seeing each other: a conflict for the owner to resolve.
    const second = await newInstallation(browser, testInfo, contexts);
    const toSecond = await exportPackage(page, /本单位的另一台电脑/, '本单位登记的全部记录');
    await chooseFile(second, toSecond);
    await trustKey(second, countyFingerprint);
    await second.getByRole('button', { name: '确认导入' }).click();
    await expect(second.getByRole('alert').filter({ hasText: '导入完成：新增 1，更新 0，删除 0，冲突 0，拒绝 0。' })).toBeVisible();
    const secondFingerprint = await ownFingerprint(second);
    await editTitle(page, EDITED, '华西医院脑机接口康复病区（A 机修改）');
    await editTitle(second, EDITED, '华西医院脑机接口康复病区（B 机修改）');
    const fromSecond = await exportPackage(second, /本单位的另一台电脑/, '本单位登记的全部记录');

    await chooseFile(page, fromSecond);
    await trustKey(page, secondFingerprint);
    await expect(await stat(page, '冲突')).toHaveText('1');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '导入完成：新增 0，更新 1，删除 0，冲突 1，拒绝 0。' })).toBeVisible();
    const queue = page.locator('.ant-card', { hasText: '冲突队列' }).or(page.locator('.ant-card', { hasText: '待处理冲突' })).first();
    const row = queue.locator('.ant-table-row', { hasText: '场景名称' });
    await expect(row).toContainText(EDITED);
    await expect(row).toContainText('华西医院脑机接口康复病区（A 机修改）');
    await expect(row).toContainText('华西医院脑机接口康复病区（B 机修改）当前生效');
    await expect(queue).toContainText('删除与修改冲突时，记录保持删除');
    await shot(page, testInfo, 'exchange-conflict-queue');
    await row.getByRole('button', { name: '采用本机值' }).click();
    await expect(page.getByText('已处理，新的修改将随下一个交换包发出')).toBeVisible();
    await expect(queue.getByText('没有待处理的冲突')).toBeVisible();
    await openSection(page, '场景台账');
    await expect(tableRow(page, '华西医院脑机接口康复病区（A 机修改）')).toBeVisible();

    // The resolution travels: the city receives it with the earlier edits; its own record is untouched.
    const again = await exportPackage(page, /^成都市（510100）$/, '自上次发送给该单位以来的变更');
    await chooseFile(city, again);
    // B's edit comes too, signed by 武侯区 (A signs its unit's changes): no new key to trust.
    await expect(await stat(city, '冲突')).toHaveText('0'); // A's and B's edits met, but the resolution came with them
    await city.getByRole('button', { name: '确认导入' }).click();
    await expect(city.getByRole('alert').filter({ hasText: '导入完成：新增 0，更新 1，删除 0，冲突 0，拒绝 0。' })).toBeVisible();
    await openSection(city, '场景台账');
    await expect(tableRow(city, '华西医院脑机接口康复病区（A 机修改）')).toBeVisible();
    await expect(tableRow(city, `${CITY_TITLE}（市级）`)).toBeVisible();
    await shot(city, testInfo, 'exchange-city-after-resolution');

    // Settings list the trusted keys (revocable) and this installation's fingerprint.
    await city.getByRole('button', { name: '设置' }).click();
    await expect(city.getByTestId('own-fingerprint')).toHaveText(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/);
    await expect(city.locator('.atlas-trusted-keys .ant-table-row')).toHaveCount(1);
    await expect(city.locator('.atlas-trusted-keys .ant-table-row')).toContainText(countyFingerprint);
    await shot(city, testInfo, 'exchange-settings-keys');
  } finally {
    for (const context of contexts) await context.close();
  }
});

test('an export shows its progress in the card and can be cancelled; a cancelled export makes no file and logs nothing', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await firstRun(page);
  await createScenarioViaForm(page, { title: TITLE, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院' });
  await openSection(page, '交换与备份');
  const card = page.locator('.ant-card', { hasText: '导出交换包' });
  await card.getByRole('combobox', { name: '发送给' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^成都市（510100）$/ }).click();
  // Hold the export worker's script until the cancel, so a one-record export stays in progress.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.context().route(
    /packageBuildWorker[^/]*\.js$/,
    async (route) => {
      await held;
      await route.abort();
    },
    { times: 1 },
  );
  await card.getByRole('button', { name: '导出交换包' }).click();
  const progress = card.getByRole('status');
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await testInfo.attach('exchange-export-progress', { body: await card.screenshot(), contentType: 'image/png' });
  await card.getByRole('button', { name: '取消' }).click();
  release();
  await expect(page.getByText('已取消导出，未生成文件')).toBeVisible();
  await expect(progress).toBeHidden();

  // Nothing was logged as sent: the next export still carries the record.
  const made = await exportPackage(page, /^成都市（510100）$/, '自上次发送给该单位以来的变更');
  expect(JSON.parse(made.text)).toMatchObject({ manifest: { sourceUnit: '510107', recipientUnit: '510100', counts: { records: 1 } } });
});

test('a city publishes its catalog (open scenarios only, signed) and a company installation imports it', async ({ page, browser }, testInfo) => {
  test.setTimeout(600_000); // two installations on a slow shared machine
  const contexts: BrowserContext[] = [];
  const OPEN = '成都市第三人民医院脑机接口康复病区';
  const DRAFT = '成都市养老院人机交互陪护试点（草稿）';
  try {
    // 成都市 (city office) logs two scenarios and opens one.
    await page.goto('/');
    await firstRun(page);
    await switchUnit(page, '成都', /成都市$/, '市级');
    await createScenarioViaForm(page, { title: OPEN, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '成都市第三人民医院' });
    await changeStatus(page, '已开放');
    await createScenarioViaForm(page, { title: DRAFT, field: '养老服务', direction: '人机协同外骨骼', ownerUnit: '成都市民政局' });
    const cityFingerprint = await ownFingerprint(page);

    // 发布场景目录: a signed catalog package of the open scenario only.
    const card = page.locator('.ant-card', { hasText: '发布场景目录' });
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '发布场景目录' }).click()]);
    const catalog = { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
    await expect(page.getByText(/已导出场景目录（1 个场景）/)).toBeVisible();
    expect(JSON.parse(catalog.text)).toMatchObject({ manifest: { sourceUnit: '510100', counts: { records: 1 } } });
    expect(catalog.text).toContain(OPEN);
    expect(catalog.text).not.toContain(DRAFT);
    await shot(page, testInfo, 'exchange-catalog-published');

    // A company installation imports it after checking the city's fingerprint; the register shows the entry.
    const company = await newInstallation(browser, testInfo, contexts);
    await switchUnit(company, '武侯', /武侯区/, '企业');
    await chooseFile(company, catalog);
    await trustKey(company, cityFingerprint);
    await company.getByRole('button', { name: '确认导入' }).click();
    await expect(company.getByRole('alert').filter({ hasText: '导入完成：新增 1' })).toBeVisible();
    await openSection(company, '场景台账');
    await expect(tableRow(company, OPEN)).toBeVisible();
    await expect(tableRow(company, DRAFT)).toHaveCount(0);
    await shot(company, testInfo, 'exchange-catalog-company');
  } finally {
    for (const context of contexts) await context.close();
  }
});
