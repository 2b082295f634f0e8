import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../../shared/settings/settings';
import {
  APPLICATION_FIELDS,
  INDICATORS,
  OPENING_LEVELS,
  PARTNER_TYPES,
  PILOT_STAGES,
  ROLE_LABELS,
  SCENARIO_FIELD_LABELS,
  SCENARIO_STATUSES,
  TECH_DIRECTIONS,
  keysOf,
  labelOf,
} from '../../../../shared/domain/vocabulary';

// Written out from DOMAIN.md, not from the code.
const DOMAIN_FIELDS = [
  ['medical', '医疗健康'],
  ['industrial', '工业制造'],
  ['eldercare', '养老服务'],
  ['emergency', '应急安全'],
  ['cultural_heritage', '非遗传承'],
  ['scenic_site', '自然景观（景区）'],
  ['education', '教育培训'],
  ['public_service', '公共服务'],
  ['consumer', '消费娱乐'],
];
const DOMAIN_DIRECTIONS =
  '侵入式脑机接口, 非侵入式脑机接口, 闭环神经调控, 脑电/神经/眼动/肌电传感, 疲劳状态监测, 认知增强, AR智能眼镜, 人机协同外骨骼, 触觉反馈手套, 服务机器人, 特种作业机器人, 脑控机器人, 数字人交互一体机, 智能仿生假肢, 全息投影交互舱, 数字孪生, 其他'.split(', ');

describe('vocabulary', () => {
  it('lists the nine application fields of DOMAIN.md in order, the first six core', () => {
    expect(APPLICATION_FIELDS.map((f) => [f.key, f.zh])).toEqual(DOMAIN_FIELDS);
    expect(APPLICATION_FIELDS.map((f) => f.isCore)).toEqual([true, true, true, true, true, true, false, false, false]);
  });

  it('lists the seventeen technology directions of DOMAIN.md in order with unique keys', () => {
    expect(TECH_DIRECTIONS.map((d) => d.zh)).toEqual(DOMAIN_DIRECTIONS);
    expect(new Set(keysOf(TECH_DIRECTIONS)).size).toBe(17);
    for (const d of TECH_DIRECTIONS) expect(d.key).toMatch(/^[a-z][a-z_]*$/);
  });

  it('maps each opening level to the region level it requires', () => {
    expect(OPENING_LEVELS.map((l) => [l.key, l.zh, l.regionLevel])).toEqual([
      ['province', '省级', 'province'],
      ['city', '市级', 'city'],
      ['county', '县级', 'county'],
    ]);
  });

  it('labels every role of the settings, with the Chinese of DOMAIN.md', () => {
    expect(keysOf(ROLE_LABELS)).toEqual([...ROLES]);
    expect(labelOf(ROLE_LABELS, 'county')?.zh).toBe('县级（区）主管部门');
    expect(labelOf(ROLE_LABELS, 'city')?.zh).toBe('市（州）主管部门');
    expect(labelOf(ROLE_LABELS, 'province')?.zh).toBe('省级主管部门');
  });

  it('has the statuses, stages, partner types and indicators of DOMAIN.md', () => {
    expect(SCENARIO_STATUSES.map((s) => s.zh)).toEqual(['草稿', '已开放', '已对接', '试点中', '暂停', '已完成', '已关闭']);
    expect(PILOT_STAGES.map((s) => s.zh)).toEqual(['申报', '评审中', '已入选', '未入选', '已签约', '实施中', '验收中', '已完成', '推广应用', '已终止']);
    expect(PARTNER_TYPES.map((t) => t.zh)).toEqual(['企业', '科研院所', '高校', '医疗机构', '其他']);
    expect(INDICATORS.map((i) => i.zh)).toEqual(['服务人次', '手术例数', '设备部署数', '康复应用人次']);
  });

  it('gives every label both languages', () => {
    const all = [APPLICATION_FIELDS, TECH_DIRECTIONS, OPENING_LEVELS, ROLE_LABELS, SCENARIO_STATUSES, PILOT_STAGES, PARTNER_TYPES, INDICATORS].flat();
    for (const entry of [...all, ...Object.values(SCENARIO_FIELD_LABELS)]) {
      expect(entry.zh.trim()).not.toBe('');
      expect(entry.en.trim()).not.toBe('');
    }
    expect(SCENARIO_FIELD_LABELS.catalogNumber.zh).toBe('场景编号');
    expect(SCENARIO_FIELD_LABELS.ownerUnit.zh).toBe('开放单位');
  });

  it('finds no label for an unknown key', () => {
    expect(labelOf(APPLICATION_FIELDS, 'nope')).toBeUndefined();
  });
});
