import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildExport, exportFileName, regionNames, type ExportFormat, type ExportRequest } from '../../../../renderer/features/export/exportFile';
import { exportScenarios, realRegions } from '../../shared/spreadsheet/exportFixture';

const regions = realRegions();
const rows = exportScenarios(regions, 40);

function request(format: ExportFormat): ExportRequest {
  return { format, rows, regions: regionNames(regions.all), pilots: [], partners: [] };
}

function csvHeader(bytes: Uint8Array): string {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.subarray(3)).split('\r\n')[0] ?? '';
}

describe('buildExport', () => {
  it.each<[ExportFormat, string]>([
    ['csv', '场景编号,场景名称'],
    ['csv-pilots', '项目编号,项目名称'],
    ['csv-partners', '单位名称,单位类型'],
    ['csv-stats', '地区代码,地区,行政级别'],
  ])('%s is a UTF-8 CSV with a BOM and its sheet header', (format, header) => {
    const seen: number[] = [];
    expect(csvHeader(buildExport(request(format), (done) => seen.push(done)))).toMatch(new RegExp(`^${header}`));
  });

  it('xlsx has the four sheets, with progress up to every row', async () => {
    const seen: [number, number][] = [];
    const bytes = buildExport(request('xlsx'), (done, total) => seen.push([done, total]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['场景目录', '试点项目', '伙伴单位', '统计']);
    expect(seen.at(-1)?.[0]).toBe(seen.at(-1)?.[1]);
  });

  it('geojson is a FeatureCollection of the rows', () => {
    const parsed = JSON.parse(new TextDecoder().decode(buildExport(request('geojson'), () => undefined))) as { type: string; features: unknown[] };
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed.features).toHaveLength(rows.length);
  });
});

describe('exportFileName', () => {
  const now = Date.UTC(2026, 10, 25, 16, 30); // 2026-11-26 00:30 in Shanghai
  it.each<[string, string | null, ExportFormat, string]>([
    ['场景目录', '510107', 'xlsx', '场景目录-510107-20261126.xlsx'],
    ['试点项目', '510107', 'csv-pilots', '试点项目-510107-20261126.csv'],
    ['场景统计', null, 'csv-stats', '场景统计-20261126.csv'],
    ['a/b:c', '510000', 'geojson', 'a_b_c-510000-20261126.geojson'],
  ])('%s, %s, %s → %s', (stem, unit, format, name) => expect(exportFileName(stem, unit, format, now)).toBe(name));
});
