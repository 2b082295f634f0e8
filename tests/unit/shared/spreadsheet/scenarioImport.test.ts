import { describe, expect, it } from 'vitest';
import { asRegionCode } from '../../../../shared/regions/regions';
import type { ImportGrid } from '../../../../shared/spreadsheet/importFile';
import { mapHeaders, planImport, type ImportContext } from '../../../../shared/spreadsheet/scenarioImport';
import { realRegions } from './exportFixture';

const regions = realRegions();
const ctx: ImportContext = {
  regions,
  unitCode: asRegionCode('510100'),
  existingByNumber: new Map(),
  existingIds: new Set(),
  now: Date.UTC(2026, 5, 1),
  newId: () => '00000000-0000-4000-8000-0000000000aa',
};

const HEADER = ['场景名称', '应用领域', '技术方向', '开放单位', '所属地区', '开放层级', '纬度', '经度', '伙伴名额', '开放期限（起）', '开放期限（止）', '联系电话', '邮箱', '状态', '场景编号'];
const GOOD = ['华西医院康复病区', '医疗健康', '非侵入式脑机接口', '四川大学华西医院', '武侯区', '', '', '', '2', '2026-03-01', '2026-12-31', '028-85422114', 'a@example.com', '', ''];

function plan(rows: readonly (readonly (string | number | null)[])[], header: readonly string[] = HEADER) {
  const grid: ImportGrid = { sheetName: '场景目录', format: 'csv', encoding: 'utf-8', rows: [header, ...rows].map((cells, i) => ({ number: i + 1, cells: cells.map((c) => (c === '' ? null : c)) })) };
  const result = planImport(grid, ctx);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function withCell(header: string, value: string | number): (string | number)[] {
  const row: (string | number)[] = [...GOOD];
  row[HEADER.indexOf(header)] = value;
  return row;
}

describe('planImport: every bad cell is reported on its row and column', () => {
  it('a good row is new, with the region centre as its unplaced location', () => {
    const result = plan([GOOD]);
    expect(result.counts).toEqual({ new: 1, existing: 0, skip: 0, invalid: 0 });
    expect(result.rows[0]?.warnings.map((w) => w.column)).toEqual(['纬度']);
    expect(plan([GOOD.slice(0, 6)], HEADER.slice(0, 6)).rows[0]?.warnings.map((w) => w.column)).toEqual(['位置']);
  });

  it.each([
    ['场景名称', '', /请填写场景名称/],
    ['应用领域', '脑科学', /应用领域“脑科学”不在可选列表中/],
    ['技术方向', '读心术、非侵入式脑机接口', /技术方向“读心术”不在可选列表中/],
    ['开放单位', 'x'.repeat(101), /开放单位不能超过 100 个字/],
    ['所属地区', '龙泉驿', /.*/], // resolves (short name): not an error — checked below
    ['所属地区', '火星区', /找不到地区“火星区”/],
    ['所属地区', '市中区', /有重名/],
    ['所属地区', '999999', /地区代码“999999”不在四川省行政区划内/],
    ['所属地区', '绵阳市', /不在本单位辖区内/],
    ['开放层级', '省级', /开放层级为“省级”时，所属地区应为四川省/],
    ['纬度', '北纬三十度', /位置坐标无效/],
    ['纬度', '40.1', /位置坐标无效|不在四川省境内/],
    ['伙伴名额', '-1', /伙伴名额应为不小于 0 的整数/],
    ['开放期限（起）', '2026-02-30', /开放期限（起）应为有效日期/],
    ['开放期限（止）', '2025-01-01', /结束日期（2025-01-01）不能早于开始日期（2026-03-01）/],
    ['联系电话', '12345', /联系电话格式不正确/],
    ['邮箱', 'not-an-email', /邮箱格式不正确/],
    ['状态', '已发布', /状态“已发布”不在可选列表中/],
    ['状态', '暂停', /状态为“暂停”时须填写暂停前状态/],
    ['场景编号', '510107-26-1', /场景编号“510107-26-1”格式不正确/],
  ])('%s = %s', (header, value, message) => {
    const row = plan([withCell(header, value)]).rows[0];
    if (header === '所属地区' && value === '龙泉驿') {
      expect(row?.action).toBe('new');
      expect(row?.record?.regionCode).toBe('510112');
      return;
    }
    expect(row?.action).toBe('invalid');
    // 开放层级 that disagrees with the region is reported on the region; 暂停前状态 by its label (no such column here).
    const columns = header === '开放层级' ? ['所属地区'] : value === '暂停' ? ['暂停前状态'] : [header];
    expect(row?.errors.find((e) => columns.includes(e.column ?? '') && message.test(e.zh)), JSON.stringify(row?.errors)).toBeDefined();
  });

  it('repeated catalog numbers in one file are reported on the later row', () => {
    const result = plan([withCell('场景编号', '510107-2026-0100'), withCell('场景编号', '510107-2026-0100')]);
    expect(result.rows.map((r) => r.action)).toEqual(['new', 'invalid']);
    expect(result.rows[1]?.errors[0]).toMatchObject({ column: '场景编号', zh: '场景编号与第 2 行重复' });
  });

  it('cells by English label or key, in any case and width', () => {
    const result = plan([['Ｃｏｎｔａｃｔ测试（全角保留）', 'ＭＥＤＩＣＡＬ', 'non_invasive_bci', 'X 医院', '成都 武侯']], ['title', 'Application field', 'TECHNOLOGY DIRECTIONS', 'ownerUnit', '所属地区']);
    expect(result.rows[0]?.record).toMatchObject({ title: 'Ｃｏｎｔａｃｔ测试（全角保留）', field: 'medical', techDirections: ['non_invasive_bci'], regionCode: '510107' });
  });

  it('numbers typed into text cells read as Excel shows them (phones, codes)', () => {
    const row = withCell('联系电话', 13812345678);
    row[HEADER.indexOf('所属地区')] = 510107;
    expect(plan([row]).rows[0]?.record).toMatchObject({ contactPhone: '13812345678', regionCode: '510107' });
  });
});

describe('mapHeaders', () => {
  it.each([
    [['场景名称', '场景名称'], 'duplicate-column'],
    [['场景名称', 'Title'], 'duplicate-column'],
    [['场景名称', '应用领域'], 'missing-columns'],
    [['__proto__'], 'forbidden-header'],
    [['Constructor', '场景名称'], 'forbidden-header'],
    [['prototype'], 'forbidden-header'],
  ])('%j → %s', (headers, error) => {
    expect(mapHeaders(headers)).toMatchObject({ ok: false, error });
  });

  it('reports unknown columns and ignores empty headers', () => {
    const mapped = mapHeaders([...HEADER, '备注', null, 'hasOwnProperty']);
    expect(mapped).toMatchObject({ ok: true, value: { unknown: ['备注', 'hasOwnProperty'] } });
  });
});
