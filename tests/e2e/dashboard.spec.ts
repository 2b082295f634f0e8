import { completeFirstRun } from './steps/firstRun';
import { switchUnit } from './steps/register';
import { openSection } from './steps/sections';
import { expect, test } from './fixtures';

test('the province office enters the enterprise counts of the plan; they count at province scope and survive a reload', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await completeFirstRun(page);

  // A county sees the plan targets; the enterprise counts are province totals it cannot enter.
  await openSection(page, '统计');
  const plan = page.getByTestId('dashboard-plan');
  const smes = plan.locator('[data-key="specialised_smes"]');
  await expect(smes).toContainText('全省统计');
  await expect(page.getByRole('button', { name: '填报企业数量' })).toHaveCount(0);

  await switchUnit(page, '四川', /四川省/, '省级');
  await openSection(page, '统计');
  await page.getByRole('button', { name: '填报企业数量' }).click();
  const dialog = page.getByRole('dialog', { name: '填报企业认定数量' });
  await dialog.getByRole('spinbutton', { name: /专精特新/ }).fill('120');
  await dialog.getByRole('spinbutton', { name: /链主企业/ }).fill('4');
  await testInfo.attach('counts-dialog', { body: await page.screenshot(), contentType: 'image/png' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(plan.locator('[data-key="innovative_smes"]')).toContainText('未填报');
  await expect(smes).toContainText('120 / 100 家');
  await expect(smes).toContainText('已达成');
  await expect(plan.locator('[data-key="chain_leader_enterprises"]')).toContainText('未达成');
  await expect(page.getByTestId('dashboard-counts-entry')).toContainText('四川省');

  await page.reload();
  await openSection(page, '统计');
  await expect(page.getByTestId('dashboard-plan').locator('[data-key="specialised_smes"]')).toContainText('120 / 100 家');
  await testInfo.attach('plan-progress', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});
