import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { APPLICATION_FIELDS, OPENING_LEVELS, SCENARIO_STATUSES, TECH_DIRECTIONS } from '../../../../shared/domain/vocabulary';
import { asRegionCode } from '../../../../shared/regions/regions';
import { importSpreadsheet } from '../../../../shared/spreadsheet/importSpreadsheet';
import { importColumnFor } from '../../../../shared/spreadsheet/scenarioImport';
import { TEMPLATE_COLUMNS, TEMPLATE_SHEETS, writeTemplate } from '../../../../renderer/features/import/importTemplate';
import { realRegions } from '../../shared/spreadsheet/exportFixture';

const regions = realRegions();

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  return workbook;
}

describe('import template', () => {
  it('has the DOMAIN labels as header, every one a column import knows, and the three sheets', async () => {
    const workbook = await readBack(await writeTemplate());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([TEMPLATE_SHEETS.data, TEMPLATE_SHEETS.help, TEMPLATE_SHEETS.lists]);
    const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.data);
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['场景编号', '场景名称', '应用领域', '技术方向', '开放层级', '所属地区', '开放单位', '伙伴名额', '开放期限（起）', '联系电话', '状态', '发布批次']));
    for (const header of headers) expect(importColumnFor(String(header)), String(header)).toBeDefined();
    expect(sheet?.views[0]?.state).toBe('frozen');
    expect(workbook.getWorksheet(TEMPLATE_SHEETS.lists)?.state).toBe('hidden');
  });

  it('offers a drop-down list on every enumerated column, with the vocabulary in Chinese', async () => {
    const workbook = await readBack(await writeTemplate());
    const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.data) as ExcelJS.Worksheet;
    const lists = workbook.getWorksheet(TEMPLATE_SHEETS.lists) as ExcelJS.Worksheet;
    const expected: Record<string, readonly { zh: string }[]> = {
      应用领域: APPLICATION_FIELDS,
      技术方向: TECH_DIRECTIONS,
      开放层级: OPENING_LEVELS,
      状态: SCENARIO_STATUSES,
    };
    for (const [header, vocabulary] of Object.entries(expected)) {
      const column = TEMPLATE_COLUMNS.findIndex((c) => c.header === header) + 1;
      for (const row of [2, 500, 2001]) {
        const validation = sheet.getCell(row, column).dataValidation;
        expect(validation?.type, `${header} row ${row}`).toBe('list');
        const [source] = validation?.formulae as string[];
        const match = /^选项!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)$/.exec(source ?? '');
        expect(match, source).not.toBeNull();
        const values: unknown[] = [];
        for (let r = 2; r <= Number(match?.[2]); r += 1) values.push(lists.getCell(`${match?.[1]}${r}`).value);
        expect(values).toEqual(vocabulary.map((entry) => entry.zh));
      }
    }
    expect(sheet.getCell(2, TEMPLATE_COLUMNS.findIndex((c) => c.header === '场景名称') + 1).dataValidation).toBeFalsy();
  });

  it('explains every column on 填写说明', async () => {
    const workbook = await readBack(await writeTemplate());
    const help = workbook.getWorksheet(TEMPLATE_SHEETS.help) as ExcelJS.Worksheet;
    const names = help.getColumn(1).values.slice(2, 2 + TEMPLATE_COLUMNS.length);
    expect(names).toEqual(TEMPLATE_COLUMNS.map((c) => c.header));
    expect(help.getCell('B3').value).toBe('必填');
    expect(JSON.stringify(help.getSheetValues())).toContain('自动编号');
  });

  it('a filled-in template imports: names, labels and a date typed as Excel would store them', async () => {
    const workbook = await readBack(await writeTemplate());
    const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.data) as ExcelJS.Worksheet;
    const at = (header: string) => TEMPLATE_COLUMNS.findIndex((c) => c.header === header) + 1;
    const row = sheet.getRow(2);
    row.getCell(at('场景名称')).value = '郫都区智能制造外骨骼试点车间';
    row.getCell(at('应用领域')).value = '工业制造';
    row.getCell(at('技术方向')).value = '人机协同外骨骼、疲劳状态监测';
    row.getCell(at('所属地区')).value = '成都市郫都区';
    row.getCell(at('开放单位')).value = '某智能装备有限公司';
    row.getCell(at('开放期限（起）')).value = new Date(Date.UTC(2026, 4, 20));
    row.getCell(at('联系电话')).value = '028-87654321';
    row.commit();
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const plan = importSpreadsheet('模板.xlsx', bytes, {
      regions,
      unitCode: asRegionCode('510100'),
      existingByNumber: new Map(),
      existingIds: new Set(),
      now: Date.UTC(2026, 5, 1),
      newId: () => '00000000-0000-4000-8000-000000000009',
    });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.counts).toEqual({ new: 1, existing: 0, skip: 0, invalid: 0 });
    expect(plan.value.rows[0]?.record).toMatchObject({
      title: '郫都区智能制造外骨骼试点车间',
      field: 'industrial',
      techDirections: ['fatigue_monitoring', 'exoskeleton'],
      regionCode: '510117',
      openingLevel: 'county',
      openFrom: '2026-05-20',
      contactPhone: '028-87654321',
      catalogNumber: '',
    });
  });
});
