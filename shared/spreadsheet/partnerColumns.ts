/**
 * The 试点项目 and 伙伴单位 sheets of the export workbook (issue 5, with the partner plan of
 * issue 4): one column table each, headers in DOMAIN.md's words. Export only: lists inside a pilot
 * (partners, milestones, indicators, IP outcomes) are written as readable text in one cell.
 */
import type { LocalizedText } from '../domain/localizedText';
import type { Scenario } from '../domain/scenario';
import { INDICATORS, IP_OUTCOME_TYPES, PARTNER_TYPES, PILOT_STAGES, TECH_DIRECTIONS, type VocabularyEntry } from '../domain/vocabulary';
import { PARTNER_FIELD_LABELS, type Partner } from '../partners/partner';
import { DEVICE_REGISTRATION_STATES, ETHICS_APPROVAL_STATES, PILOT_FIELD_LABELS, type Pilot } from '../partners/pilot';
import { LIST_SEPARATOR, type RegionNameLookup, type SpreadsheetColumn } from './scenarioColumns';

/** A pilot as its sheet row: the pilot plus what its cells name (its scenario and its partners). */
export interface PilotSheetRow {
  readonly pilot: Pilot;
  readonly scenario: Pick<Scenario, 'catalogNumber' | 'title'> | null;
  /** Partner names by id; a partner missing here is shown by its id. */
  readonly partnerNames: ReadonlyMap<string, string>;
}

/** A partner as its sheet row: the partner and how many of the exported pilots it takes part in. */
export interface PartnerSheetRow {
  readonly partner: Partner;
  readonly pilotCount: number;
}

function labels(list: readonly VocabularyEntry<string>[]): ReadonlyMap<string, string> {
  return new Map(list.map((entry) => [entry.key, entry.zh]));
}
const STAGE_ZH = labels(PILOT_STAGES);
const DIRECTION_ZH = labels(TECH_DIRECTIONS);
const PARTNER_TYPE_ZH = labels(PARTNER_TYPES);
const INDICATOR_ZH = labels(INDICATORS);
const IP_TYPE_ZH = labels(IP_OUTCOME_TYPES);
const REGISTRATION_ZH = labels(DEVICE_REGISTRATION_STATES);
const ETHICS_ZH = labels(ETHICS_APPROVAL_STATES);

/** Items inside one cell are separated by a full-width semicolon (Chinese list punctuation). */
const ITEM_SEPARATOR = '；';

type PilotColumn = SpreadsheetColumn<PilotSheetRow>;

function pilotColumn(key: string, label: LocalizedText, kind: PilotColumn['kind'], width: number, toCell: PilotColumn['toCell']): PilotColumn {
  return { key, zh: label.zh, en: label.en, kind, width, toCell };
}

const partnerName = (row: PilotSheetRow, id: string): string => row.partnerNames.get(id) ?? id;

/** The 试点项目 sheet. */
export const PILOT_COLUMNS: readonly PilotColumn[] = [
  pilotColumn('projectNumber', PILOT_FIELD_LABELS.projectNumber, 'text', 22, (r) => r.pilot.projectNumber),
  pilotColumn('title', PILOT_FIELD_LABELS.title, 'text', 34, (r) => r.pilot.title),
  pilotColumn('scenarioCatalogNumber', { zh: '关联场景编号', en: 'Scenario number' }, 'text', 18, (r) => r.scenario?.catalogNumber ?? null),
  pilotColumn('scenarioTitle', PILOT_FIELD_LABELS.scenarioId, 'text', 34, (r) => r.scenario?.title ?? null),
  pilotColumn('leadPartner', { zh: '牵头单位', en: 'Lead partner' }, 'text', 26, (r) => {
    const lead = r.pilot.partners.find((p) => p.isLead);
    return lead ? partnerName(r, lead.partnerId) : null;
  }),
  pilotColumn('partners', PILOT_FIELD_LABELS.partners, 'text', 40, (r) => r.pilot.partners.map((p) => partnerName(r, p.partnerId)).join(LIST_SEPARATOR)),
  pilotColumn('techDirection', PILOT_FIELD_LABELS.techDirection, 'enum', 20, (r) => DIRECTION_ZH.get(r.pilot.techDirection) ?? r.pilot.techDirection),
  pilotColumn('stage', PILOT_FIELD_LABELS.stage, 'enum', 10, (r) => STAGE_ZH.get(r.pilot.stage) ?? r.pilot.stage),
  pilotColumn('plannedStart', PILOT_FIELD_LABELS.plannedStart, 'date', 14, (r) => r.pilot.plannedStart),
  pilotColumn('plannedEnd', PILOT_FIELD_LABELS.plannedEnd, 'date', 14, (r) => r.pilot.plannedEnd),
  pilotColumn('actualStart', PILOT_FIELD_LABELS.actualStart, 'date', 14, (r) => r.pilot.actualStart),
  pilotColumn('actualEnd', PILOT_FIELD_LABELS.actualEnd, 'date', 14, (r) => r.pilot.actualEnd),
  pilotColumn('investment', PILOT_FIELD_LABELS.investment, 'number', 14, (r) => r.pilot.investment),
  pilotColumn('milestonesDone', { zh: '里程碑完成', en: 'Milestones done' }, 'text', 10, (r) =>
    r.pilot.milestones.length === 0 ? null : `${r.pilot.milestones.filter((m) => m.done !== null).length}/${r.pilot.milestones.length}`,
  ),
  pilotColumn('milestones', PILOT_FIELD_LABELS.milestones, 'text', 50, (r) =>
    r.pilot.milestones.map((m) => `${m.title}（计划 ${m.due}${m.done ? `，完成 ${m.done}` : ''}）`).join(ITEM_SEPARATOR),
  ),
  pilotColumn('indicators', PILOT_FIELD_LABELS.indicators, 'text', 40, (r) =>
    r.pilot.indicators.map((i) => `${i.period} ${INDICATOR_ZH.get(i.indicator) ?? i.indicator} ${i.value}`).join(ITEM_SEPARATOR),
  ),
  pilotColumn('deviceRegistration', { zh: '医疗器械注册', en: 'Device registration' }, 'enum', 16, (r) =>
    r.pilot.regulatory ? (REGISTRATION_ZH.get(r.pilot.regulatory.deviceRegistration) ?? r.pilot.regulatory.deviceRegistration) : null,
  ),
  pilotColumn('ethicsApproval', { zh: '伦理审批', en: 'Ethics approval' }, 'enum', 12, (r) =>
    r.pilot.regulatory ? (ETHICS_ZH.get(r.pilot.regulatory.ethicsApproval) ?? r.pilot.regulatory.ethicsApproval) : null,
  ),
  pilotColumn('ipOutcomes', PILOT_FIELD_LABELS.ipOutcomes, 'text', 40, (r) =>
    r.pilot.ipOutcomes.map((ip) => `${IP_TYPE_ZH.get(ip.type) ?? ip.type}：${ip.title}${ip.number ? `（${ip.number}）` : ''}`).join(ITEM_SEPARATOR),
  ),
  pilotColumn('ownerUnitCode', { zh: '登记单位代码', en: 'Owner unit code' }, 'text', 13, (r) => r.pilot.ownerUnitCode),
  pilotColumn('createdAt', { zh: '创建时间', en: 'Created' }, 'datetime', 19, (r) => r.pilot.createdAt),
  pilotColumn('updatedAt', { zh: '更新时间', en: 'Updated' }, 'datetime', 19, (r) => r.pilot.updatedAt),
  pilotColumn('id', { zh: '记录标识', en: 'Record id' }, 'text', 38, (r) => r.pilot.id),
];

type PartnerColumn = SpreadsheetColumn<PartnerSheetRow>;

function partnerColumn(key: string, label: LocalizedText, kind: PartnerColumn['kind'], width: number, toCell: PartnerColumn['toCell']): PartnerColumn {
  return { key, zh: label.zh, en: label.en, kind, width, toCell };
}

/** The 伙伴单位 sheet. */
export const PARTNER_COLUMNS: readonly PartnerColumn[] = [
  partnerColumn('name', PARTNER_FIELD_LABELS.name, 'text', 30, (r) => r.partner.name),
  partnerColumn('type', PARTNER_FIELD_LABELS.type, 'enum', 12, (r) => PARTNER_TYPE_ZH.get(r.partner.type) ?? r.partner.type),
  partnerColumn('creditCode', PARTNER_FIELD_LABELS.creditCode, 'text', 22, (r) => r.partner.creditCode),
  partnerColumn('regionName', PARTNER_FIELD_LABELS.regionCode, 'text', 16, (r, regions: RegionNameLookup) =>
    r.partner.regionCode === null ? '四川省外' : (regions.get(r.partner.regionCode)?.name ?? r.partner.regionCode),
  ),
  partnerColumn('regionCode', { zh: '所属地区代码', en: 'Region code' }, 'text', 13, (r) => r.partner.regionCode),
  partnerColumn('contactName', PARTNER_FIELD_LABELS.contactName, 'text', 10, (r) => r.partner.contactName),
  partnerColumn('contactPhone', PARTNER_FIELD_LABELS.contactPhone, 'text', 16, (r) => r.partner.contactPhone),
  partnerColumn('contactEmail', PARTNER_FIELD_LABELS.contactEmail, 'text', 24, (r) => r.partner.contactEmail),
  partnerColumn('pilotCount', { zh: '参与试点数', en: 'Pilots' }, 'number', 10, (r) => r.pilotCount),
  partnerColumn('ownerUnitCode', { zh: '登记单位代码', en: 'Owner unit code' }, 'text', 13, (r) => r.partner.ownerUnitCode),
  partnerColumn('updatedAt', { zh: '更新时间', en: 'Updated' }, 'datetime', 19, (r) => r.partner.updatedAt),
  partnerColumn('id', { zh: '记录标识', en: 'Record id' }, 'text', 38, (r) => r.partner.id),
];

/** The pilots and partners that belong to an export of some scenarios. */
export interface PartnerPlanRows {
  readonly pilots: readonly PilotSheetRow[];
  readonly partners: readonly PartnerSheetRow[];
}

/**
 * The 试点项目 rows of the exported scenarios (live pilots whose scenario is among them, by
 * project number) and the 伙伴单位 rows of the partners taking part in those pilots (by name).
 */
export function partnerPlanRows(scenarios: readonly Scenario[], pilots: readonly Pilot[], partners: readonly Partner[]): PartnerPlanRows {
  const scenarioById = new Map(scenarios.map((s) => [s.id as string, s]));
  const partnerById = new Map(partners.map((p) => [p.id as string, p]));
  const exported = pilots.filter((p) => p.deletedAt === null && scenarioById.has(p.scenarioId)).sort((a, b) => (a.projectNumber < b.projectNumber ? -1 : a.projectNumber > b.projectNumber ? 1 : 0));
  const counts = new Map<string, number>();
  for (const pilot of exported) for (const { partnerId } of pilot.partners) counts.set(partnerId, (counts.get(partnerId) ?? 0) + 1);
  const partnerNames = new Map([...counts.keys()].map((id) => [id, partnerById.get(id)?.name ?? id]));
  return {
    pilots: exported.map((pilot) => ({ pilot, scenario: scenarioById.get(pilot.scenarioId) ?? null, partnerNames })),
    partners: [...counts]
      .map(([id, pilotCount]) => ({ partner: partnerById.get(id), pilotCount }))
      .filter((row): row is PartnerSheetRow => row.partner !== undefined && row.partner.deletedAt === null)
      .sort((a, b) => a.partner.name.localeCompare(b.partner.name, 'zh-CN')),
  };
}
