import ExcelJS from 'exceljs';
import { completeFirstRun } from './steps/firstRun';
import { expect, test } from './fixtures';

// More rows than the page builds itself (IN_PAGE_EXPORT_LIMIT, 2000): the workbook is written in
// the export worker and compressed in the compression worker beside it (issue 5's speed path).
test('a large export goes through the two export workers and opens with every row', async ({ page }, testInfo) => {
  // 3000 demo scenarios are generated, written and exported: minutes on a loaded machine.
  test.setTimeout(360_000);
  await page.goto('/');
  await completeFirstRun(page);
  await page.getByRole('button', { name: '加载演示数据' }).click();
  await expect(page.getByText(/已加载 \d+ 条演示数据/)).toBeVisible({ timeout: 180_000 });
  // The table counts the loaded rows a moment after the message: wait for four digits.
  const count = page.getByText(/显示 \d{4,} \/ 共 \d+ 个场景/);
  await expect(count).toBeVisible({ timeout: 60_000 });
  const countText = await count.textContent();
  const shown = Number(/显示 (\d+)/.exec(countText ?? '')?.[1]);
  expect(shown).toBeGreaterThan(2000);

  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.getByRole('button', { name: '导出' }).click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByText('导出 Excel（.xlsx）').click()]);
  expect(workers.some((url) => url.includes('exportWorker'))).toBe(true);
  expect(workers.some((url) => url.includes('deflateWorker'))).toBe(true);
  const path = testInfo.outputPath('catalog-large.xlsx');
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('场景目录');
  if (!sheet) throw new Error('no 场景目录 sheet');
  expect(sheet.actualRowCount - 1).toBe(shown);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const latitude = headers.indexOf('纬度') + 1;
  sheet.eachRow((row, index) => {
    if (index > 1) expect(typeof row.getCell(latitude).value).toBe('number');
  });
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['场景目录', '试点项目', '伙伴单位', '统计']);
});
