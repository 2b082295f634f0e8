import { completeFirstRun } from './steps/firstRun';
import { createScenarioViaForm, tableRow } from './steps/register';
import { openSection } from './steps/sections';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const BEFORE = '备份前登记：华西医院脑机接口康复病区';
const AFTER = '备份后新建：养老院外骨骼助行试点';

async function openBackupPanel(page: Page) {
  await openSection(page, '交换与备份');
  const panel = page.getByRole('region', { name: '备份', exact: true });
  await expect(panel).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  return panel;
}

async function backToRegister(page: Page) {
  await openSection(page, '场景台账');
  await expect(page.getByRole('region', { name: '备份', exact: true })).toBeHidden();
}

test('back up, change the register, restore: the data is as it was at the backup', async ({ page }, testInfo) => {
  // Two scenarios through the form, a backup and a restore: minutes on a loaded machine.
  test.setTimeout(420_000);
  await page.goto('/');
  // The first start reads the region data; on a loaded machine that can take longer than the default wait.
  await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toBeVisible({ timeout: 90_000 });
  await completeFirstRun(page);
  await createScenarioViaForm(page, { title: BEFORE, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院' });
  await expect(tableRow(page, BEFORE)).toHaveCount(1);

  // 立即备份
  let panel = await openBackupPanel(page);
  // (the daily backup may already be listed: it is taken shortly after start-up)
  await expect(panel.locator('.ant-table-row', { hasText: '手动' })).toHaveCount(0);
  await panel.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/已备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)).toBeVisible();
  const manualRow = panel.locator('.ant-table-row', { hasText: '手动' });
  await expect(manualRow).toHaveCount(1);
  await expect(manualRow).toContainText(/\d+(\.\d)? KB|\d+ B/);
  await testInfo.attach('backup-panel', { body: await page.screenshot(), contentType: 'image/png' });
  await page.screenshot({ path: testInfo.outputPath('backup-panel.png') });
  await backToRegister(page);

  // Change the register after the backup.
  await createScenarioViaForm(page, { title: AFTER, field: '养老服务', direction: '人机协同外骨骼', ownerUnit: '武侯区社区养老服务中心' });
  await expect(tableRow(page, AFTER)).toHaveCount(1);

  // 恢复, confirmed
  panel = await openBackupPanel(page);
  await manualRow.getByRole('button', { name: /^恢复/ }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText('当前全部数据');
  await testInfo.attach('restore-confirm', { body: await page.screenshot(), contentType: 'image/png' });
  await page.screenshot({ path: testInfo.outputPath('restore-confirm.png') });
  await expect(async () => {
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: '恢复' }).click({ timeout: 3000 });
    await expect(confirm).toBeHidden({ timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await expect(panel.getByRole('status').filter({ hasText: /已恢复 .* 的备份：1 个场景/ })).toBeVisible();
  // The data before the restore was itself backed up.
  await expect(panel.locator('.ant-table-row', { hasText: '恢复前' })).toHaveCount(1);
  await expect(manualRow).toHaveCount(1);
  await testInfo.attach('after-restore', { body: await page.screenshot(), contentType: 'image/png' });
  await page.screenshot({ path: testInfo.outputPath('after-restore.png') });
  await backToRegister(page);

  // The register is as it was at the backup, also after a reload.
  await expect(tableRow(page, BEFORE)).toHaveCount(1);
  await expect(tableRow(page, AFTER)).toHaveCount(0);
  await page.reload();
  await expect(tableRow(page, BEFORE)).toHaveCount(1);
  await expect(tableRow(page, AFTER)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('register-after-restore.png') });

  // Keep only the newest two: the next backup prunes the rest.
  panel = await openBackupPanel(page);
  const keep = panel.getByRole('spinbutton', { name: '保留份数' });
  await keep.fill('2');
  await keep.press('Enter');
  await expect(page.getByText('将保留最近 2 份备份')).toBeVisible();
  await panel.getByRole('button', { name: '立即备份' }).click();
  await expect(panel.locator('.ant-table-row')).toHaveCount(2);
  await expect(panel.locator('.ant-table-row').first()).toContainText('手动');
  await expect(panel.locator('.ant-table-row', { hasText: '恢复前' })).toHaveCount(1);
});
