/**
 * The register's export workbook (issue 5): sheets 场景目录, 试点项目, 伙伴单位 and 统计, built
 * from the current filtered view, and the CSV of 场景目录.
 */
import type { Scenario } from '../domain/scenario';
import { writeCsv, type CsvOptions } from './csv';
import {
  SCENARIO_COLUMNS,
  STATS_COLUMNS,
  scenarioStats,
  toSheetColumns,
  type HeaderLanguage,
  type RegionNameLookup,
} from './scenarioColumns';
import type { LocalizedText } from '../domain/localizedText';
import type { AnySheet, Sheet } from './sheet';
import { writeXlsx, type XlsxOptions } from './xlsxWriter';

/** Sheet names of the export workbook, in tab order. */
export const SHEET_NAMES = {
  scenarios: { zh: '场景目录', en: 'Scenarios' },
  pilots: { zh: '试点项目', en: 'Pilot projects' },
  partners: { zh: '伙伴单位', en: 'Partners' },
  stats: { zh: '统计', en: 'Statistics' },
} as const satisfies Record<string, LocalizedText>;

/**
 * Headers of the 试点项目 and 伙伴单位 sheets (DOMAIN.md labels). Header-only until the partner
 * plan lands: issue 4 replaces these with column tables like SCENARIO_COLUMNS and fills the rows.
 */
export const PILOT_HEADERS: readonly LocalizedText[] = [
  { zh: '项目编号', en: 'Project number' },
  { zh: '项目名称', en: 'Title' },
  { zh: '关联场景', en: 'Scenario' },
  { zh: '伙伴单位', en: 'Partners' },
  { zh: '技术方向', en: 'Technology direction' },
  { zh: '阶段', en: 'Stage' },
  { zh: '起止时间', en: 'Dates' },
  { zh: '投入金额（万元）', en: 'Investment (10k CNY)' },
  { zh: '里程碑', en: 'Milestones' },
  { zh: '成效指标', en: 'Indicators' },
  { zh: '注册与伦理', en: 'Registration and ethics' },
  { zh: '知识产权成果', en: 'IP outcomes' },
];

/** See {@link PILOT_HEADERS}; filled by issue 4. */
export const PARTNER_HEADERS: readonly LocalizedText[] = [
  { zh: '单位名称', en: 'Name' },
  { zh: '单位类型', en: 'Type' },
  { zh: '统一社会信用代码', en: 'Unified social credit code' },
  { zh: '所属地区', en: 'Region' },
  { zh: '联系人', en: 'Contact' },
  { zh: '联系电话', en: 'Phone' },
  { zh: '邮箱', en: 'Email' },
];

function headerOnlySheet(name: string, headers: readonly LocalizedText[], language: HeaderLanguage): Sheet<unknown> {
  return {
    name,
    columns: headers.map((header) => ({ header: header[language], width: Math.max(10, header.zh.length * 2 + 4), kind: 'text' as const, value: () => null })),
    rows: [],
  };
}

/** Options of the scenario exports: header language plus the writer's options. */
export interface ScenarioExportOptions extends XlsxOptions {
  readonly language?: HeaderLanguage;
}

/** The 场景目录 sheet of some scenarios. */
export function scenarioSheet(rows: readonly Scenario[], regions: RegionNameLookup, language: HeaderLanguage = 'zh'): Sheet<Scenario> {
  return { name: SHEET_NAMES.scenarios[language], columns: toSheetColumns(SCENARIO_COLUMNS, regions, language), rows };
}

/** The four sheets of the export workbook. */
export function scenarioWorkbookSheets(rows: readonly Scenario[], regions: RegionNameLookup, language: HeaderLanguage = 'zh'): AnySheet[] {
  return [
    scenarioSheet(rows, regions, language),
    headerOnlySheet(SHEET_NAMES.pilots[language], PILOT_HEADERS, language),
    headerOnlySheet(SHEET_NAMES.partners[language], PARTNER_HEADERS, language),
    { name: SHEET_NAMES.stats[language], columns: toSheetColumns(STATS_COLUMNS, regions, language), rows: scenarioStats(rows, regions) },
  ];
}

/** The export workbook (.xlsx bytes) of some scenarios. */
export function writeScenarioXlsx(rows: readonly Scenario[], regions: RegionNameLookup, options: ScenarioExportOptions = {}): Uint8Array {
  return writeXlsx(scenarioWorkbookSheets(rows, regions, options.language ?? 'zh'), options);
}

/** The 场景目录 CSV (UTF-8 with BOM) of some scenarios. */
export function writeScenarioCsv(
  rows: readonly Scenario[],
  regions: RegionNameLookup,
  options: CsvOptions & { readonly language?: HeaderLanguage } = {},
): Uint8Array {
  return writeCsv(scenarioSheet(rows, regions, options.language ?? 'zh'), options);
}
