// TEMPORARY (helper b): screenshots of the exchange import progress and a long-task measure.
import { readFileSync } from 'node:fs';
import { completeFirstRun } from './steps/firstRun';
import { switchUnit } from './steps/register';
import { expect, test } from './fixtures';
import { openSection } from './steps/sections';

test('tmp progress screenshot', async ({ page }) => {
  test.setTimeout(1_200_000);
  await page.goto('/');
  await completeFirstRun(page);
  await switchUnit(page, '成都', /成都市$/, '市级');
  await openSection(page, '交换与备份');
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: false });
  });
  const text = readFileSync('/tmp/pkg-b.json');
  await page.getByTestId('exchange-file-input').setInputFiles({ name: 'big.atlas-exchange.json', mimeType: 'application/json', buffer: text });
  await page.getByRole('dialog', { name: '核对并信任签名密钥' }).getByRole('button', { name: '指纹一致，信任并继续' }).click();
  await expect(page.locator('.atlas-exchange-progress')).toBeVisible();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/progress-b-1.png' });
  const verifyStart = Date.now();
  await expect(page.getByRole('button', { name: '确认导入' })).toBeVisible({ timeout: 900_000 });
  console.log('verify+plan ms', Date.now() - verifyStart);
  await page.screenshot({ path: '/tmp/progress-b-2.png', fullPage: true });
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('正在写入（全部成功或全部不写入）…')).toBeVisible({ timeout: 300_000 });
  await page.waitForTimeout(2000);
  await page.screenshot({ path: '/tmp/progress-b-3.png' });
  await page.locator('.atlas-exchange-progress').getByRole('button', { name: '取消' }).click();
  await expect(page.getByText('已取消，未做任何修改')).toBeVisible({ timeout: 300_000 });
  await page.screenshot({ path: '/tmp/progress-b-4.png' });
  console.log('long tasks', JSON.stringify(await page.evaluate(() => (window as unknown as { __long: number[] }).__long)));
  await openSection(page, '场景台账');
  await page.screenshot({ path: '/tmp/progress-b-5.png' });
});
