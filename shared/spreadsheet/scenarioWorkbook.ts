/**
 * The register's export workbook (issue 5): sheets 场景目录, 试点项目, 伙伴单位 and 统计, built
 * from the current filtered view (and the pilots in it and their partners), and a CSV of each.
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
import { PARTNER_COLUMNS, PILOT_COLUMNS, type PartnerPlanRows } from './partnerColumns';
import type { AnySheet, Sheet } from './sheet';
import { writeXlsx, writeXlsxAsync, type XlsxAsyncOptions, type XlsxOptions } from './xlsxWriter';
import type { FileParts } from './zipWriter';

/** Sheet names of the export workbook, in tab order. */
export const SHEET_NAMES = {
  scenarios: { zh: '场景目录', en: 'Scenarios' },
  pilots: { zh: '试点项目', en: 'Pilot projects' },
  partners: { zh: '伙伴单位', en: 'Partners' },
  stats: { zh: '统计', en: 'Statistics' },
} as const satisfies Record<string, LocalizedText>;

/** Options of the scenario exports: header language plus the writer's options. */
export interface ScenarioExportOptions extends XlsxOptions {
  readonly language?: HeaderLanguage;
}

/** The 场景目录 sheet of some scenarios. */
export function scenarioSheet(rows: readonly Scenario[], regions: RegionNameLookup, language: HeaderLanguage = 'zh'): Sheet<Scenario> {
  return { name: SHEET_NAMES.scenarios[language], columns: toSheetColumns(SCENARIO_COLUMNS, regions, language), rows };
}

/** The sheets of the export workbook besides 场景目录, by key. */
export type SideSheet = 'pilots' | 'partners' | 'stats';

const NO_PLAN: PartnerPlanRows = { pilots: [], partners: [] };

/** One of the other sheets of an export: 试点项目, 伙伴单位 (of the exported scenarios' pilots) or 统计. */
export function sideSheet(which: SideSheet, rows: readonly Scenario[], regions: RegionNameLookup, plan: PartnerPlanRows = NO_PLAN, language: HeaderLanguage = 'zh'): AnySheet {
  const name = SHEET_NAMES[which][language];
  switch (which) {
    case 'pilots':
      return { name, columns: toSheetColumns(PILOT_COLUMNS, regions, language), rows: plan.pilots };
    case 'partners':
      return { name, columns: toSheetColumns(PARTNER_COLUMNS, regions, language), rows: plan.partners };
    case 'stats':
      return { name, columns: toSheetColumns(STATS_COLUMNS, regions, language), rows: scenarioStats(rows, regions) };
  }
}

/** The four sheets of the export workbook; `plan` holds the pilots and partners of these scenarios (partnerPlanRows). */
export function scenarioWorkbookSheets(rows: readonly Scenario[], regions: RegionNameLookup, language: HeaderLanguage = 'zh', plan: PartnerPlanRows = NO_PLAN): AnySheet[] {
  return [
    scenarioSheet(rows, regions, language),
    sideSheet('pilots', rows, regions, plan, language),
    sideSheet('partners', rows, regions, plan, language),
    sideSheet('stats', rows, regions, plan, language),
  ];
}

/** The export workbook (.xlsx bytes) of some scenarios, with their pilots and partners when given. */
export function writeScenarioXlsx(rows: readonly Scenario[], regions: RegionNameLookup, options: ScenarioExportOptions & { readonly plan?: PartnerPlanRows } = {}): Uint8Array<ArrayBuffer> {
  return writeXlsx(scenarioWorkbookSheets(rows, regions, options.language ?? 'zh', options.plan ?? NO_PLAN), options);
}

/** {@link writeScenarioXlsx} with the compression done by `options.deflater` (a worker: deflatePort.ts) meanwhile. */
export function writeScenarioXlsxAsync(
  rows: readonly Scenario[],
  regions: RegionNameLookup,
  options: XlsxAsyncOptions & { readonly language?: HeaderLanguage; readonly plan?: PartnerPlanRows },
): Promise<FileParts> {
  return writeXlsxAsync(scenarioWorkbookSheets(rows, regions, options.language ?? 'zh', options.plan ?? NO_PLAN), options);
}

/** The CSV (UTF-8 with BOM) of one of the other sheets. */
export function writeSideSheetCsv(
  which: SideSheet,
  rows: readonly Scenario[],
  regions: RegionNameLookup,
  plan: PartnerPlanRows = NO_PLAN,
  options: CsvOptions & { readonly language?: HeaderLanguage } = {},
): Uint8Array {
  return writeCsv(sideSheet(which, rows, regions, plan, options.language ?? 'zh'), options);
}

/** The 场景目录 CSV (UTF-8 with BOM) of some scenarios. */
export function writeScenarioCsv(
  rows: readonly Scenario[],
  regions: RegionNameLookup,
  options: CsvOptions & { readonly language?: HeaderLanguage } = {},
): Uint8Array {
  return writeCsv(scenarioSheet(rows, regions, options.language ?? 'zh'), options);
}
