import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { completeFirstRun } from './steps/firstRun';
import { chooseOption, createScenarioViaForm } from './steps/register';
import { expect, test } from './fixtures';

const HOSTILE_TITLE = "=cmd|' /C calc'!A0 脑机接口康复测试场景";

test('export the filtered catalog to XLSX and CSV, then open the files and check them', async ({ page }, testInfo) => {
  await page.goto('/');
  await completeFirstRun(page);
  await page.getByRole('button', { name: '加载演示数据' }).click();
  await expect(page.getByText(/已加载 \d+ 条演示数据/)).toBeVisible({ timeout: 30_000 });
  await createScenarioViaForm(page, { title: HOSTILE_TITLE, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院' });

  await chooseOption(page, page.getByLabel('筛选场景').first(), '应用领域', '医疗健康');
  const countText = await page.getByText(/显示 \d+ \/ 共 \d+ 个场景/).textContent();
  const shown = Number(/显示 (\d+)/.exec(countText ?? '')?.[1]);
  expect(shown).toBeGreaterThan(1);

  // XLSX
  await page.getByRole('button', { name: '导出' }).click();
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 Excel（.xlsx）').click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/^场景目录-510107-\d{8}\.xlsx$/);
  const xlsxPath = testInfo.outputPath('catalog.xlsx');
  await xlsxDownload.saveAs(xlsxPath);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const sheet = workbook.getWorksheet('场景目录');
  if (!sheet) throw new Error('no 场景目录 sheet');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(headers).toEqual(expect.arrayContaining(['场景编号', '场景名称', '应用领域', '开放单位', '状态', '纬度', '经度']));
  expect(sheet.actualRowCount - 1).toBe(shown);
  const column = (name: string) => headers.indexOf(name) + 1;
  const fields = new Set<string>();
  let hostile: unknown = null;
  let dates = 0;
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    fields.add(String(row.getCell(column('应用领域')).value));
    const title = String(row.getCell(column('场景名称')).value);
    if (title.includes('脑机接口康复测试场景')) hostile = title;
    if (row.getCell(column('开放期限（起）')).value instanceof Date) dates += 1;
    expect(typeof row.getCell(column('纬度')).value).toBe('number');
  });
  expect([...fields]).toEqual(['医疗健康']);
  expect(hostile).toBe(`'${HOSTILE_TITLE}`);
  expect(dates).toBeGreaterThan(0);
  expect(sheet.views[0]?.state).toBe('frozen');
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual(expect.arrayContaining(['场景目录', '统计']));

  // CSV (UTF-8 with BOM, so zh-CN Excel shows Chinese)
  await page.getByRole('button', { name: '导出' }).click();
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 CSV（场景目录）').click()]);
  const csvPath = testInfo.outputPath('catalog.csv');
  await csvDownload.saveAs(csvPath);
  const bytes = readFileSync(csvPath);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\r\n')[0]).toContain('场景名称');
  expect(text).toContain(`"'=cmd|' /C calc'!A0 脑机接口康复测试场景"`.replace(/^"|"$/g, ''));
  expect(text).toContain('医疗健康');

  // Each other sheet has its own CSV: 统计 counts the filtered view (region × field × status).
  await page.getByRole('button', { name: '导出' }).click();
  const [statsDownload] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 CSV（统计）').click()]);
  expect(statsDownload.suggestedFilename()).toMatch(/^场景统计-510107-\d{8}\.csv$/);
  const statsPath = testInfo.outputPath('stats.csv');
  await statsDownload.saveAs(statsPath);
  const statsBytes = readFileSync(statsPath);
  expect([...statsBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const statsLines = statsBytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(statsLines[0]?.split(',').slice(0, 4)).toEqual(['地区代码', '地区', '行政级别', '应用领域']);
  const province = statsLines.find((line) => line.startsWith('510000,'));
  expect(province?.split(',').at(-1)).toBe(String(shown));
  // The workbook's 试点项目 and 伙伴单位 sheets carry their DOMAIN headers.
  expect((workbook.getWorksheet('试点项目')?.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['项目编号', '项目名称', '关联场景', '伙伴单位', '阶段']));
  expect((workbook.getWorksheet('伙伴单位')?.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['单位名称', '单位类型', '统一社会信用代码']));
});
