import { completeFirstRun, drillIntoChengdu, expectSichuanMap, waitForMapToSettle } from './steps/firstRun';
import { expect, test } from './fixtures';

test('first run: pick 武侯区 as 县级, see Sichuan and drill into 成都市; reload keeps the unit; nothing leaves the app', async ({ page, guard }, testInfo) => {
  await page.goto('/');
  await completeFirstRun(page);

  // After first run the map opens on the user's own unit.
  await expect(page.getByRole('heading', { name: /武侯区/ })).toBeVisible();

  await expectSichuanMap(page);
  const provinceShot = testInfo.outputPath('sichuan-map.png');
  await page.screenshot({ path: provinceShot });
  await testInfo.attach('sichuan-map', { path: provinceShot, contentType: 'image/png' });

  await drillIntoChengdu(page);
  await page.locator('path.region-code-510107').click({ force: true });
  await expect(page.getByRole('heading', { name: /武侯区/ })).toBeVisible();
  await waitForMapToSettle(page);
  const chengduShot = testInfo.outputPath('chengdu-counties.png');
  await page.screenshot({ path: chengduShot });
  await testInfo.attach('chengdu-counties', { path: chengduShot, contentType: 'image/png' });

  await page.reload();
  await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /我的单位: 武侯区 · 县级/ })).toBeVisible();
  await expect(page.locator('path.region-city')).toHaveCount(21);
  await expect(page.locator('path.region-county')).toHaveCount(20);
  expect(guard.offOrigin).toEqual([]);
});
