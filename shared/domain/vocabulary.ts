/**
 * The words of DOMAIN.md, each with a stable English key (stored in records, URLs and exchange
 * files) and its labels in both UI languages. The renderer builds its i18n resources from these
 * tables, so a user meets the same word on screens, in spreadsheets and in exchange files.
 * Keys are stored data: never rename one; add new entries at the end of a list.
 */
import type { LocalizedText } from './localizedText';
import type { Scenario } from './scenario';

/** A vocabulary entry: stable key plus the Chinese and English labels. */
export interface VocabularyEntry<K extends string> extends LocalizedText {
  readonly key: K;
}

/** Application fields (应用领域) in DOMAIN order; the first six are the ones the register must cover. */
export const APPLICATION_FIELDS = [
  { key: 'medical', zh: '医疗健康', en: 'Medical and health', isCore: true },
  { key: 'industrial', zh: '工业制造', en: 'Industrial manufacturing', isCore: true },
  { key: 'eldercare', zh: '养老服务', en: 'Eldercare', isCore: true },
  { key: 'emergency', zh: '应急安全', en: 'Emergency and safety', isCore: true },
  { key: 'cultural_heritage', zh: '非遗传承', en: 'Intangible cultural heritage', isCore: true },
  { key: 'scenic_site', zh: '自然景观（景区）', en: 'Natural landscapes (scenic areas)', isCore: true },
  { key: 'education', zh: '教育培训', en: 'Education and training', isCore: false },
  { key: 'public_service', zh: '公共服务', en: 'Public services', isCore: false },
  { key: 'consumer', zh: '消费娱乐', en: 'Consumer and entertainment', isCore: false },
] as const satisfies readonly (VocabularyEntry<string> & { readonly isCore: boolean })[];
/** Key of an application field (应用领域). */
export type ApplicationField = (typeof APPLICATION_FIELDS)[number]['key'];

/** Technology directions (技术方向) named in the plan, in DOMAIN order. */
export const TECH_DIRECTIONS = [
  { key: 'invasive_bci', zh: '侵入式脑机接口', en: 'Invasive brain-computer interface' },
  { key: 'non_invasive_bci', zh: '非侵入式脑机接口', en: 'Non-invasive brain-computer interface' },
  { key: 'closed_loop_neuromodulation', zh: '闭环神经调控', en: 'Closed-loop neuromodulation' },
  { key: 'neural_sensing', zh: '脑电/神经/眼动/肌电传感', en: 'EEG, neural, eye-tracking and EMG sensing' },
  { key: 'fatigue_monitoring', zh: '疲劳状态监测', en: 'Fatigue monitoring' },
  { key: 'cognitive_enhancement', zh: '认知增强', en: 'Cognitive enhancement' },
  { key: 'ar_glasses', zh: 'AR智能眼镜', en: 'AR smart glasses' },
  { key: 'exoskeleton', zh: '人机协同外骨骼', en: 'Human-machine collaborative exoskeleton' },
  { key: 'haptic_gloves', zh: '触觉反馈手套', en: 'Haptic feedback gloves' },
  { key: 'service_robot', zh: '服务机器人', en: 'Service robot' },
  { key: 'special_operations_robot', zh: '特种作业机器人', en: 'Special-operations robot' },
  { key: 'brain_controlled_robot', zh: '脑控机器人', en: 'Brain-controlled robot' },
  { key: 'digital_human_kiosk', zh: '数字人交互一体机', en: 'Digital-human interactive kiosk' },
  { key: 'bionic_prosthesis', zh: '智能仿生假肢', en: 'Intelligent bionic prosthesis' },
  { key: 'holographic_cabin', zh: '全息投影交互舱', en: 'Holographic interaction cabin' },
  { key: 'digital_twin', zh: '数字孪生', en: 'Digital twin' },
  { key: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly VocabularyEntry<string>[];
/** Key of a technology direction (技术方向). */
export type TechDirection = (typeof TECH_DIRECTIONS)[number]['key'];

/** Opening levels (开放层级) and the administrative level a record's region must have for each. */
export const OPENING_LEVELS = [
  { key: 'province', zh: '省级', en: 'Province level', regionLevel: 'province' },
  { key: 'city', zh: '市级', en: 'City level', regionLevel: 'city' },
  { key: 'county', zh: '县级', en: 'County level', regionLevel: 'county' },
] as const satisfies readonly (VocabularyEntry<string> & { readonly regionLevel: 'province' | 'city' | 'county' })[];
/** Key of an opening level (开放层级): which level of government opened the scenario. */
export type OpeningLevel = (typeof OPENING_LEVELS)[number]['key'];

/** Administrative level names (省 / 市（州） / 县（市、区）), for messages and pickers. */
export const REGION_LEVELS = [
  { key: 'province', zh: '省', en: 'province' },
  { key: 'city', zh: '市（州）', en: 'city / prefecture' },
  { key: 'county', zh: '县（市、区）', en: 'county / district' },
] as const satisfies readonly VocabularyEntry<string>[];

/** Labels of the roles in shared/settings/settings.ts (ROLES). */
export const ROLE_LABELS = [
  { key: 'county', zh: '县级（区）主管部门', en: 'County office' },
  { key: 'city', zh: '市（州）主管部门', en: 'City / prefecture office' },
  { key: 'province', zh: '省级主管部门', en: 'Province office' },
  { key: 'company', zh: '企业 / 科研机构', en: 'Company / research institute' },
] as const satisfies readonly VocabularyEntry<string>[];

/** Scenario statuses (状态) of the dynamic opening mechanism, in lifecycle order. */
export const SCENARIO_STATUSES = [
  { key: 'draft', zh: '草稿', en: 'Draft' },
  { key: 'open', zh: '已开放', en: 'Open' },
  { key: 'matched', zh: '已对接', en: 'Matched' },
  { key: 'piloting', zh: '试点中', en: 'Piloting' },
  { key: 'suspended', zh: '暂停', en: 'Suspended' },
  { key: 'completed', zh: '已完成', en: 'Completed' },
  { key: 'closed', zh: '已关闭', en: 'Closed' },
] as const satisfies readonly VocabularyEntry<string>[];
/** Key of a scenario status (状态). */
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number]['key'];

/** Pilot project stages (阶段) under the partner plan, in pipeline order. */
export const PILOT_STAGES = [
  { key: 'applied', zh: '申报', en: 'Applied' },
  { key: 'under_review', zh: '评审中', en: 'Under review' },
  { key: 'selected', zh: '已入选', en: 'Selected' },
  { key: 'not_selected', zh: '未入选', en: 'Not selected' },
  { key: 'signed', zh: '已签约', en: 'Agreement signed' },
  { key: 'in_progress', zh: '实施中', en: 'In progress' },
  { key: 'under_acceptance', zh: '验收中', en: 'Under acceptance' },
  { key: 'completed', zh: '已完成', en: 'Completed' },
  { key: 'scaled_up', zh: '推广应用', en: 'Scaled up' },
  { key: 'terminated', zh: '已终止', en: 'Terminated' },
] as const satisfies readonly VocabularyEntry<string>[];
/** Key of a pilot stage (阶段). */
export type PilotStage = (typeof PILOT_STAGES)[number]['key'];

/** Partner organisation types (伙伴单位类型). */
export const PARTNER_TYPES = [
  { key: 'enterprise', zh: '企业', en: 'Enterprise' },
  { key: 'research_institute', zh: '科研院所', en: 'Research institute' },
  { key: 'university', zh: '高校', en: 'University' },
  { key: 'medical_institution', zh: '医疗机构', en: 'Medical institution' },
  { key: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly VocabularyEntry<string>[];
/** Key of a partner organisation type. */
export type PartnerType = (typeof PARTNER_TYPES)[number]['key'];

/** Pilot effect indicators (成效指标), counted per period; `unit` is the counting unit. */
export const INDICATORS = [
  { key: 'people_served', zh: '服务人次', en: 'People served', unit: { zh: '人次', en: 'person-times' } },
  { key: 'surgeries', zh: '手术例数', en: 'Surgical procedures', unit: { zh: '例', en: 'procedures' } },
  { key: 'devices_deployed', zh: '设备部署数', en: 'Devices deployed', unit: { zh: '台（套）', en: 'units' } },
  { key: 'rehab_uses', zh: '康复应用人次', en: 'Rehabilitation uses', unit: { zh: '人次', en: 'person-times' } },
] as const satisfies readonly (VocabularyEntry<string> & { readonly unit: LocalizedText })[];
/** Key of a pilot indicator (成效指标). */
export type Indicator = (typeof INDICATORS)[number]['key'];

/** Kinds of IP outcome (知识产权成果) a pilot records. */
export const IP_OUTCOME_TYPES = [
  { key: 'patent', zh: '专利', en: 'Patent' },
  { key: 'software_copyright', zh: '软件著作权', en: 'Software copyright' },
  { key: 'trademark', zh: '商标', en: 'Trademark' },
  { key: 'standard', zh: '标准', en: 'Standard' },
  { key: 'place_tied_solution', zh: '具有地理标识的原创性解决方案', en: 'Place-tied original solution' },
] as const satisfies readonly VocabularyEntry<string>[];
/** Key of an IP outcome type. */
export type IpOutcomeType = (typeof IP_OUTCOME_TYPES)[number]['key'];

/** Labels of every scenario field (DOMAIN.md "Application scenario"), for forms, tables and spreadsheet headers. */
export const SCENARIO_FIELD_LABELS = {
  id: { zh: '记录标识', en: 'Record id' },
  catalogNumber: { zh: '场景编号', en: 'Catalog number' },
  title: { zh: '场景名称', en: 'Title' },
  field: { zh: '应用领域', en: 'Application field' },
  techDirections: { zh: '技术方向', en: 'Technology directions' },
  openingLevel: { zh: '开放层级', en: 'Opening level' },
  regionCode: { zh: '所属地区', en: 'Region' },
  ownerUnit: { zh: '开放单位', en: 'Owner unit' },
  location: { zh: '位置', en: 'Location' },
  address: { zh: '地址', en: 'Address' },
  isPlaced: { zh: '已在地图上标定', en: 'Placed on the map' },
  description: { zh: '场景描述', en: 'Description' },
  requirements: { zh: '需求描述', en: 'Requirements' },
  resourcesOffered: { zh: '开放资源', en: 'Resources offered' },
  partnerSlots: { zh: '伙伴名额', en: 'Partner slots' },
  openFrom: { zh: '开放期限（起）', en: 'Open from' },
  openUntil: { zh: '开放期限（止）', en: 'Open until' },
  contactName: { zh: '联系人', en: 'Contact' },
  contactPhone: { zh: '联系电话', en: 'Phone' },
  contactEmail: { zh: '邮箱', en: 'Email' },
  status: { zh: '状态', en: 'Status' },
  suspendedFrom: { zh: '暂停前状态', en: 'Status before suspension' },
  batch: { zh: '发布批次', en: 'Publication batch' },
  ownerUnitCode: { zh: '记录所属单位', en: 'Owning unit' },
  createdAt: { zh: '创建时间', en: 'Created' },
  updatedAt: { zh: '更新时间', en: 'Updated' },
  version: { zh: '版本', en: 'Version' },
  deletedAt: { zh: '删除时间', en: 'Deleted' },
  isDemo: { zh: '演示数据', en: 'Demo data' },
} as const satisfies Record<keyof Scenario, LocalizedText>;

/** The label of a vocabulary key, or undefined for a key not in the list. */
export function labelOf<K extends string>(
  list: readonly VocabularyEntry<K>[],
  key: string,
): LocalizedText | undefined {
  return list.find((entry) => entry.key === key);
}

/** The keys of a vocabulary list, in its order. */
export function keysOf<K extends string>(list: readonly VocabularyEntry<K>[]): K[] {
  return list.map((entry) => entry.key);
}
