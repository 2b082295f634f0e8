import { test } from './fixtures';

test('debug first run', async ({ page }) => {
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message.slice(0, 600)));
  page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text().slice(0, 600), JSON.stringify(m.location())); });
  const t0 = Date.now();
  await page.goto('/');
  await page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' }).waitFor({ timeout: 90_000 }).catch(() => console.log('NO DIALOG'));
  console.log('ELAPSED', Date.now() - t0);
  await page.screenshot({ path: 'test-results-b-debug.png' });
});
