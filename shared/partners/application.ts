/**
 * The company application (合作意向) file: drafted in company mode for one catalog scenario,
 * exported as a small JSON file and imported by the scenario's owner as a pilot in stage 申报.
 * The file comes from outside the installation, so parsing treats it as hostile: size capped
 * before JSON.parse, only a flat object of known keys, every value type-checked, and the named
 * scenario looked up (and its catalog number matched) before anything is created.
 */
import { z } from 'zod';
import { requiredText } from '../domain/textSchemas';
import { isCatalogNumber } from '../domain/catalogNumber';
import { isChinesePhone, isEmailAddress } from '../domain/formats';
import { fail, type DomainResult, type LocalizedText } from '../domain/localizedText';
import type { ScenarioId } from '../domain/scenario';
import { isUuid } from '../domain/uuid';
import type { ApplicationField, ScenarioStatus, TechDirection } from '../domain/vocabulary';
import { parseCreditCode, type CreditCode } from './creditCode';
import type { PartnerId } from './partner';
import { PILOT_LIMITS, type PilotInput } from './pilot';

/** The `format` marker of an application file. */
export const APPLICATION_FORMAT = 'scenario-atlas-application';
/** The only format version this build reads and writes. */
export const APPLICATION_FORMAT_VERSION = 1;
/** Largest application file read (UTF-8 bytes); a real one is 1–8 kB. */
export const MAX_APPLICATION_FILE_BYTES = 64 * 1024;
/** Longest proposal summary (characters). */
export const MAX_PROPOSAL_LENGTH = 2000;
/** Suggested file name extension. */
export const APPLICATION_FILE_EXTENSION = '.application.json';

/** Text limits of the application's fields. */
export const APPLICATION_TEXT_LIMITS = {
  organisation: 100,
  contactName: 50,
  phone: 40,
  email: 254,
  proposal: MAX_PROPOSAL_LENGTH,
} as const;

/** Labels of the application's fields (company-mode form and import messages). */
export const APPLICATION_FIELD_LABELS = {
  format: { zh: '文件格式', en: 'File format' },
  formatVersion: { zh: '格式版本', en: 'Format version' },
  scenarioCatalogNumber: { zh: '场景编号', en: 'Catalog number' },
  scenarioId: { zh: '场景标识', en: 'Scenario id' },
  organisation: { zh: '申请单位', en: 'Organisation' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  contactName: { zh: '联系人', en: 'Contact' },
  phone: { zh: '联系电话', en: 'Phone' },
  email: { zh: '邮箱', en: 'Email' },
  proposal: { zh: '方案概要', en: 'Proposal summary' },
  createdAt: { zh: '创建时间', en: 'Created' },
} as const satisfies Record<string, LocalizedText>;

/** A company application (合作意向) as stored in its file. */
export interface ApplicationFile {
  readonly format: typeof APPLICATION_FORMAT;
  readonly formatVersion: typeof APPLICATION_FORMAT_VERSION;
  readonly scenarioCatalogNumber: string;
  readonly scenarioId: ScenarioId;
  readonly organisation: string;
  readonly creditCode: CreditCode;
  readonly contactName: string;
  readonly phone: string;
  readonly email: string;
  readonly proposal: string;
  /** ISO 8601 date-time with offset, e.g. 2026-03-01T09:30:00.000Z. */
  readonly createdAt: string;
}

/** The fields a person fills in (company mode); the rest come from the scenario and the clock. */
export const applicationDraftFieldSchemas = {
  organisation: requiredText(APPLICATION_TEXT_LIMITS.organisation),
  creditCode: z.string().transform((v, ctx) => {
    const code = parseCreditCode(v);
    if (code.ok) return code.value;
    ctx.addIssue({ code: 'custom', message: code.text.zh, params: { en: code.text.en } });
    return z.NEVER;
  }),
  contactName: requiredText(APPLICATION_TEXT_LIMITS.contactName),
  phone: requiredText(APPLICATION_TEXT_LIMITS.phone).refine(isChinesePhone, { message: 'invalid_phone' }),
  email: requiredText(APPLICATION_TEXT_LIMITS.email).refine(isEmailAddress, { message: 'invalid_email' }),
  proposal: requiredText(APPLICATION_TEXT_LIMITS.proposal),
} as const;

/** A field of the company-mode application form. */
export type ApplicationDraftField = keyof typeof applicationDraftFieldSchemas;

// strictObject: a key this version does not know is refused, not silently dropped.
const applicationFileSchema = z.strictObject({
  format: z.literal(APPLICATION_FORMAT),
  formatVersion: z.literal(APPLICATION_FORMAT_VERSION),
  scenarioCatalogNumber: z.string().refine(isCatalogNumber),
  scenarioId: z
    .string()
    .refine(isUuid)
    .transform((id) => id as ScenarioId),
  ...applicationDraftFieldSchemas,
  createdAt: z.iso.datetime({ offset: true }),
});

/** One message about an application field. */
export interface ApplicationIssue extends LocalizedText {
  readonly field: string;
}

function fieldIssue(field: string, zodIssue: z.core.$ZodIssue): ApplicationIssue {
  const l = (APPLICATION_FIELD_LABELS as Record<string, LocalizedText>)[field] ?? { zh: field, en: field };
  if (zodIssue.code === 'custom' && field === 'creditCode') {
    const en = (zodIssue.params as { en?: string } | undefined)?.en ?? 'Invalid credit code';
    return { field, zh: zodIssue.message, en };
  }
  if (zodIssue.message === 'invalid_phone') {
    return {
      field,
      zh: '联系电话格式不正确：应为手机号、带区号的固定电话或 400/800 号码',
      en: 'Phone: enter a mobile number, a landline with area code or a 400/800 number',
    };
  }
  if (zodIssue.message === 'invalid_email')
    return {
      field,
      zh: '邮箱格式不正确，如 name@example.com',
      en: 'Email: enter an address like name@example.com',
    };
  if (zodIssue.code === 'too_big') {
    const max = Number(zodIssue.maximum);
    return {
      field,
      zh: `${l.zh}不能超过 ${max} 个字`,
      en: `${l.en} cannot be longer than ${max} characters`,
    };
  }
  if (zodIssue.code === 'too_small') return { field, zh: `请填写${l.zh}`, en: `${l.en} is required` };
  return { field, zh: `${l.zh}的值无效`, en: `${l.en} has an invalid value` };
}

/** The scenario an application is for, as the draft and the import need it. */
export interface ApplicationScenarioRef {
  readonly id: ScenarioId;
  readonly catalogNumber: string;
  readonly title: string;
  readonly status: ScenarioStatus;
  readonly field: ApplicationField;
  readonly techDirections: readonly TechDirection[];
}

/** Why an application cannot be drafted. */
export type ApplicationDraftError = 'invalid-application' | 'scenario-not-open';

/**
 * The application file for a filled-in company form. Only 已开放 scenarios take applications.
 * `createdAt` is an ISO date-time from the caller's clock. Field messages are in `details`
 * (Chinese) and, per field, in the returned `issues`.
 */
export function createApplicationFile(
  draft: unknown,
  scenario: Pick<ApplicationScenarioRef, 'id' | 'catalogNumber' | 'status' | 'title'>,
  createdAt: string,
): DomainResult<ApplicationFile, ApplicationDraftError> & { readonly issues?: readonly ApplicationIssue[] } {
  if (scenario.status !== 'open') {
    return fail('scenario-not-open', {
      zh: `场景“${scenario.title}”当前未开放，不能提交合作意向`,
      en: `Scenario "${scenario.title}" is not open; it does not take applications now`,
    });
  }
  const raw = typeof draft === 'object' && draft !== null ? (draft as Record<string, unknown>) : {};
  const result = applicationFileSchema.safeParse({
    format: APPLICATION_FORMAT,
    formatVersion: APPLICATION_FORMAT_VERSION,
    scenarioCatalogNumber: scenario.catalogNumber,
    scenarioId: scenario.id,
    ...Object.fromEntries(
      Object.keys(applicationDraftFieldSchemas).map((k) => [k, Object.hasOwn(raw, k) ? raw[k] : undefined]),
    ),
    createdAt,
  });
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((i) => fieldIssue(String(i.path[0] ?? ''), i));
  return {
    ...fail(
      'invalid-application',
      {
        zh: `合作意向有 ${issues.length} 处需要修改`,
        en: `${issues.length} ${issues.length === 1 ? 'field needs' : 'fields need'} correcting`,
      },
      issues.map((i) => i.zh),
    ),
    issues,
  };
}

/** The file's text: pretty JSON, so the scenario owner can read it in any editor. */
export function serializeApplicationFile(file: ApplicationFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Why an application file is refused. */
export type ApplicationFileError =
  | 'too-large'
  | 'not-json'
  | 'wrong-format'
  | 'unsupported-version'
  | 'invalid-field'
  | 'unknown-scenario'
  | 'scenario-mismatch';

/** A parsed application and the scenario it names. */
export interface ParsedApplication {
  readonly application: ApplicationFile;
  readonly scenario: ApplicationScenarioRef;
  /** Things the importer should see but that do not block the import (e.g. the scenario is no longer open). */
  readonly warnings: readonly LocalizedText[];
}

// Property names that would reach Object.prototype if some later code copied the object naively.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** UTF-8 byte length, stopping as soon as `limit` is passed (the text may be huge). */
function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4; // a surrogate pair: 4 bytes for both units
      i += 1;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Reads an application file's text. Refused, with the reason, when it is over
 * {@link MAX_APPLICATION_FILE_BYTES} (before parsing), not JSON, not an application file, of
 * another format version, has a missing/wrong/unknown field (a bad credit code says which rule
 * failed), or names a scenario `findScenario` does not know or whose catalog number differs.
 * Nothing is changed either way.
 */
export function parseApplicationFile(
  text: string,
  findScenario: (id: ScenarioId) => ApplicationScenarioRef | undefined,
): DomainResult<ParsedApplication, ApplicationFileError> {
  if (utf8LengthExceeds(text, MAX_APPLICATION_FILE_BYTES)) {
    return fail('too-large', {
      zh: `文件过大（超过 ${MAX_APPLICATION_FILE_BYTES / 1024} KB），不是有效的合作意向文件`,
      en: `The file is larger than ${MAX_APPLICATION_FILE_BYTES / 1024} kB; it is not an application file`,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return fail(
      'not-json',
      {
        zh: '文件内容不是有效的 JSON，可能已损坏或不是合作意向文件',
        en: 'The file is not valid JSON; it may be damaged or not an application file',
      },
      [error instanceof Error ? error.message : String(error)],
    );
  }
  if (!isPlainObject(data) || data['format'] !== APPLICATION_FORMAT) {
    return fail('wrong-format', { zh: '这不是合作意向文件', en: 'This is not an application file' });
  }
  if (data['formatVersion'] !== APPLICATION_FORMAT_VERSION) {
    return fail('unsupported-version', {
      zh: `合作意向文件的格式版本（${String(data['formatVersion']).slice(0, 20)}）不受支持，请升级软件或请对方重新导出`,
      en: `Application format version ${String(data['formatVersion']).slice(0, 20)} is not supported; update the app or ask for a new export`,
    });
  }
  const forbidden = Object.keys(data).filter((key) => FORBIDDEN_KEYS.has(key));
  if (forbidden.length > 0) {
    return fail(
      'invalid-field',
      {
        zh: `文件含有不允许的字段名“${forbidden.join('、')}”`,
        en: `The file has forbidden field names: ${forbidden.join(', ')}`,
      },
      forbidden,
    );
  }
  const parsed = applicationFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) =>
      i.code === 'unrecognized_keys'
        ? {
            field: i.keys.join(', '),
            zh: `文件含有未知字段：${i.keys.join('、')}`,
            en: `Unknown fields in the file: ${i.keys.join(', ')}`,
          }
        : fieldIssue(String(i.path[0] ?? ''), i),
    );
    const first = issues[0] ?? { zh: '字段无效', en: 'Invalid field' };
    return fail(
      'invalid-field',
      { zh: `合作意向文件内容有误：${first.zh}`, en: `The application file is invalid: ${first.en}` },
      issues.map((i) => i.zh),
    );
  }
  const application = parsed.data;
  const scenario = findScenario(application.scenarioId);
  if (!scenario) {
    return fail('unknown-scenario', {
      zh: `本台账中没有该合作意向所申请的场景（场景编号 ${application.scenarioCatalogNumber}），可能不属于本单位或已删除`,
      en: `This register has no scenario ${application.scenarioCatalogNumber} named by the application; it may belong to another unit or have been deleted`,
    });
  }
  if (scenario.catalogNumber !== application.scenarioCatalogNumber) {
    return fail('scenario-mismatch', {
      zh: `文件中的场景编号（${application.scenarioCatalogNumber}）与本台账中该场景的编号（${scenario.catalogNumber}）不一致，文件可能被改动`,
      en: `The file's catalog number (${application.scenarioCatalogNumber}) does not match the scenario's (${scenario.catalogNumber}); the file may have been altered`,
    });
  }
  const warnings: LocalizedText[] = [];
  if (scenario.status !== 'open') {
    warnings.push({
      zh: `场景“${scenario.title}”当前已不是“已开放”状态`,
      en: `Scenario "${scenario.title}" is no longer open`,
    });
  }
  return { ok: true, value: { application, scenario, warnings } };
}

/**
 * The partner form for an application's organisation, when no partner holds its credit code yet.
 * The type is 'other' because the file does not say; the importer should correct it.
 */
export function applicationPartnerInput(application: ApplicationFile): {
  name: string;
  type: 'other';
  creditCode: CreditCode;
  regionCode: null;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
} {
  return {
    name: application.organisation,
    type: 'other',
    creditCode: application.creditCode,
    regionCode: null,
    contactName: application.contactName,
    contactPhone: application.phone,
    contactEmail: application.email,
  };
}

/**
 * The pilot (to create at stage 申报) for an imported application: the organisation as lead
 * partner, the scenario's first technology direction, the proposal as summary, nothing planned.
 * A medical scenario's pilot starts with registration 'planned' and ethics 'pending' (validatePilot
 * requires the state for medical pilots; these are the honest defaults before review).
 */
export function applicationPilotInput(
  application: ApplicationFile,
  scenario: Pick<ApplicationScenarioRef, 'id' | 'title' | 'field' | 'techDirections'>,
  leadPartnerId: PartnerId,
): PilotInput {
  const title = `${application.organisation} · ${scenario.title}`;
  return {
    title:
      [...title].length > PILOT_LIMITS.title
        ? [...title].slice(0, PILOT_LIMITS.title - 1).join('') + '…'
        : title,
    summary: application.proposal,
    scenarioId: scenario.id,
    partners: [{ partnerId: leadPartnerId, isLead: true }],
    techDirection: scenario.techDirections[0] ?? 'other',
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    investment: null,
    milestones: [],
    indicators: [],
    regulatory:
      scenario.field === 'medical' ? { deviceRegistration: 'planned', ethicsApproval: 'pending' } : null,
    ipOutcomes: [],
  };
}
