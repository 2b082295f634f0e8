import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { asPartnerId, type Partner } from '../../../../shared/partners/partner';
import { asPilotId, type Pilot } from '../../../../shared/partners/pilot';
import type { RegionCode } from '../../../../shared/regions/regions';
import { parseCsv } from '../../../../shared/spreadsheet/csv';
import { partnerPlanRows, PARTNER_COLUMNS, PILOT_COLUMNS } from '../../../../shared/spreadsheet/partnerColumns';
import { writeScenarioXlsx, writeSideSheetCsv } from '../../../../shared/spreadsheet/scenarioWorkbook';
import { exportScenarios, realRegions } from './exportFixture';

const regions = realRegions();
const scenarios = exportScenarios(regions, 30).slice(11);
const [first, second] = scenarios as [(typeof scenarios)[0], (typeof scenarios)[0]];
const T = Date.UTC(2026, 2, 1, 2);

function partner(n: number, name: string, overrides: Partial<Partner> = {}): Partner {
  return {
    id: asPartnerId(`00000000-0000-4000-8000-00000000000${n}`),
    name,
    type: 'enterprise',
    creditCode: '915101000612345649' as Partner['creditCode'],
    regionCode: '510107' as RegionCode,
    contactName: '李工',
    contactPhone: '13800001234',
    contactEmail: 'li@example.com',
    ownerUnitCode: '510107' as RegionCode,
    createdAt: T,
    updatedAt: T,
    version: 1,
    deletedAt: null,
    ...overrides,
  };
}

const HOSPITAL = partner(1, '四川大学华西医院', { type: 'medical_institution', regionCode: null });
const COMPANY = partner(2, '=成都脑科技有限公司');
const UNUSED = partner(3, '未参与任何试点的单位');

function pilot(n: number, overrides: Partial<Pilot> = {}): Pilot {
  return {
    id: asPilotId(`00000000-0000-4000-9000-00000000000${n}`),
    projectNumber: `P-510107-2026-000${n}`,
    title: `试点项目${n}`,
    summary: '',
    scenarioId: first.id,
    partners: [
      { partnerId: COMPANY.id, isLead: true },
      { partnerId: HOSPITAL.id, isLead: false },
    ],
    techDirection: 'non_invasive_bci',
    stage: 'in_progress',
    plannedStart: '2026-03-01',
    plannedEnd: '2027-02-28',
    actualStart: '2026-03-15',
    actualEnd: null,
    investment: 120.5,
    milestones: [
      { id: 'm1', title: '设备进场', due: '2026-04-01', done: '2026-03-30', evidence: '验收单' },
      { id: 'm2', title: '中期评估', due: '2026-09-01', done: null, evidence: '' },
    ],
    indicators: [{ period: '2026', indicator: 'rehab_uses', value: 320 }],
    regulatory: { deviceRegistration: 'submitted', ethicsApproval: 'approved' },
    ipOutcomes: [{ type: 'patent', title: '一种脑电采集头环', number: 'ZL2026-1', date: '2026-06-01' }],
    ownerUnitCode: '510107' as RegionCode,
    createdAt: T,
    updatedAt: T,
    version: 1,
    deletedAt: null,
    ...overrides,
  };
}

const PILOTS = [
  pilot(2, { scenarioId: second.id, partners: [{ partnerId: HOSPITAL.id, isLead: true }], regulatory: null, investment: null, milestones: [], indicators: [], ipOutcomes: [] }),
  pilot(1),
  pilot(3, { deletedAt: T }),
  pilot(4, { scenarioId: '00000000-0000-4000-8000-999999999999' as Pilot['scenarioId'] }),
];

describe('partnerPlanRows', () => {
  it('takes the live pilots of the exported scenarios and the partners taking part in them', () => {
    const plan = partnerPlanRows(scenarios, PILOTS, [HOSPITAL, COMPANY, UNUSED]);
    expect(plan.pilots.map((row) => row.pilot.projectNumber)).toEqual(['P-510107-2026-0001', 'P-510107-2026-0002']);
    expect(plan.partners.map((row) => [row.partner.name, row.pilotCount])).toEqual([
      ['=成都脑科技有限公司', 1],
      ['四川大学华西医院', 2],
    ]);
  });
});

describe('试点项目 and 伙伴单位 sheets', () => {
  const plan = partnerPlanRows(scenarios, PILOTS, [HOSPITAL, COMPANY, UNUSED]);

  it('fill the workbook: names, labels, dates as dates, numbers as numbers, formula-safe text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(writeScenarioXlsx(scenarios, regions, { plan })) as unknown as ArrayBuffer);
    const pilots = workbook.getWorksheet('试点项目')!;
    expect((pilots.getRow(1).values as unknown[]).slice(1)).toEqual(PILOT_COLUMNS.map((c) => c.zh));
    expect(pilots.actualRowCount).toBe(3);
    const col = (name: string) => PILOT_COLUMNS.findIndex((c) => c.zh === name) + 1;
    const row = pilots.getRow(2);
    expect(row.getCell(col('项目编号')).value).toBe('P-510107-2026-0001');
    expect(row.getCell(col('关联场景')).value).toBe(first.title);
    expect(row.getCell(col('牵头单位')).value).toBe("'=成都脑科技有限公司");
    expect(row.getCell(col('伙伴单位')).value).toBe("'=成都脑科技有限公司、四川大学华西医院");
    expect(row.getCell(col('阶段')).value).toBe('实施中');
    expect(row.getCell(col('技术方向')).value).toBe('非侵入式脑机接口');
    expect((row.getCell(col('计划开始日期')).value as Date).toISOString().slice(0, 10)).toBe('2026-03-01');
    expect(row.getCell(col('实际结束日期')).value).toBeNull();
    expect(row.getCell(col('投入金额（万元）')).value).toBe(120.5);
    expect(row.getCell(col('里程碑完成')).value).toBe('1/2');
    expect(row.getCell(col('里程碑')).value).toBe('设备进场（计划 2026-04-01，完成 2026-03-30）；中期评估（计划 2026-09-01）');
    expect(row.getCell(col('成效指标')).value).toBe('2026 康复应用人次 320');
    expect(row.getCell(col('医疗器械注册')).value).toBe('已提交注册申请');
    expect(row.getCell(col('伦理审批')).value).toBe('已批准');
    expect(row.getCell(col('知识产权成果')).value).toBe('专利：一种脑电采集头环（ZL2026-1）');
    expect(pilots.getRow(3).getCell(col('医疗器械注册')).value).toBeNull();

    const partners = workbook.getWorksheet('伙伴单位')!;
    expect((partners.getRow(1).values as unknown[]).slice(1)).toEqual(PARTNER_COLUMNS.map((c) => c.zh));
    const pcol = (name: string) => PARTNER_COLUMNS.findIndex((c) => c.zh === name) + 1;
    expect(partners.getRow(3).getCell(pcol('单位名称')).value).toBe('四川大学华西医院');
    expect(partners.getRow(3).getCell(pcol('单位类型')).value).toBe('医疗机构');
    expect(partners.getRow(3).getCell(pcol('所属地区')).value).toBe('四川省外');
    expect(partners.getRow(2).getCell(pcol('所属地区')).value).toBe('武侯区');
    expect(partners.getRow(3).getCell(pcol('参与试点数')).value).toBe(2);
    expect(partners.getRow(2).getCell(pcol('统一社会信用代码')).value).toBe('915101000612345649');
  });

  it.each(['pilots', 'partners', 'stats'] as const)('writes the %s sheet as its own CSV with a BOM', (which) => {
    const bytes = writeSideSheetCsv(which, scenarios, regions, plan);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(new TextDecoder().decode(bytes));
    expect(parsed.ok).toBe(true);
    const rows = parsed.ok ? parsed.rows : [];
    const expectedRows = which === 'pilots' ? 2 : which === 'partners' ? 2 : rows.length - 1;
    expect(rows.length - 1).toBe(expectedRows);
    if (which === 'pilots') expect(rows[1]).toContain('P-510107-2026-0001');
    if (which === 'partners') expect(rows[1]?.[0]).toBe("'=成都脑科技有限公司");
  });
});
