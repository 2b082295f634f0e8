/**
 * The partner organisation (伙伴单位): one record per organisation however many pilots it joins,
 * identified in the real world by its unified social credit code. Absent values are `null` or
 * '' as in scenario.ts, so records stay JSON-round-trippable.
 */
import { z } from 'zod';
import { optionalText } from '../domain/textSchemas';
import { isChinesePhone, isEmailAddress } from '../domain/formats';
import { fail, type DomainFailure, type LocalizedText } from '../domain/localizedText';
import { isUuid } from '../domain/uuid';
import { PARTNER_TYPES, keysOf, type PartnerType } from '../domain/vocabulary';
import type { RegionCode, RegionIndex } from '../regions/regions';
import { normaliseCreditCode, parseCreditCode, type CreditCode } from './creditCode';

/** A partner's identity: a UUID made by the caller, never reused. */
export type PartnerId = string & { readonly __brand: 'PartnerId' };

/** Brands a UUID string as a {@link PartnerId}; throws on anything else (a programming error). */
export function asPartnerId(value: string): PartnerId {
  if (!isUuid(value)) throw new Error(`[partner] not a UUID: ${JSON.stringify(value).slice(0, 60)}`);
  return value as PartnerId;
}

/** A partner organisation (伙伴单位) with the record metadata. */
export interface Partner {
  readonly id: PartnerId;
  readonly name: string;
  readonly type: PartnerType;
  /** Normalised and checked (creditCode.ts); unique across partners. */
  readonly creditCode: CreditCode;
  /** The Sichuan region it works from; null for an organisation based outside Sichuan. */
  readonly regionCode: RegionCode | null;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly contactEmail: string;
  /** The installation unit that owns the record; only it may edit. */
  readonly ownerUnitCode: RegionCode;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly updatedAt: number;
  /** Starts at 1, +1 on every write. */
  readonly version: number;
  /** Epoch ms of the soft delete, null while live. */
  readonly deletedAt: number | null;
}

/** Labels of the partner form's fields. */
export const PARTNER_FIELD_LABELS = {
  name: { zh: '单位名称', en: 'Organisation name' },
  type: { zh: '单位类型', en: 'Organisation type' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  regionCode: { zh: '所属地区', en: 'Region' },
  contactName: { zh: '联系人', en: 'Contact' },
  contactPhone: { zh: '联系电话', en: 'Phone' },
  contactEmail: { zh: '邮箱', en: 'Email' },
} as const satisfies Record<string, LocalizedText>;

/** Text limits (characters) of the partner form. */
export const PARTNER_TEXT_LIMITS = {
  name: 100,
  contactName: 50,
  contactPhone: 40,
  contactEmail: 254,
} as const;

/** One schema per form field, so each field reports its own errors. */
export const partnerInputFieldSchemas = {
  name: z.string().trim().min(1).max(PARTNER_TEXT_LIMITS.name),
  type: z.enum(keysOf(PARTNER_TYPES)),
  // Normalised here; the GB 32100 rules run in validatePartner for their specific message.
  creditCode: z.string().transform((v) => normaliseCreditCode(v)),
  regionCode: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z
      .string()
      .regex(/^\d{6}$/)
      .transform((code) => code as RegionCode)
      .nullable(),
  ),
  contactName: optionalText(PARTNER_TEXT_LIMITS.contactName),
  contactPhone: optionalText(PARTNER_TEXT_LIMITS.contactPhone).refine((v) => v === '' || isChinesePhone(v)),
  contactEmail: optionalText(PARTNER_TEXT_LIMITS.contactEmail).refine((v) => v === '' || isEmailAddress(v)),
} as const;

/** The partner form input. */
export const partnerInputSchema = z.object(partnerInputFieldSchemas);
/** A field of the partner form. */
export type PartnerInputField = keyof typeof partnerInputFieldSchemas;
/** Parsed partner input; `creditCode` has passed every GB 32100 rule. */
export type PartnerInput = Omit<z.output<typeof partnerInputSchema>, 'creditCode'> & {
  readonly creditCode: CreditCode;
};

/** Codes of partner validation messages. */
export type PartnerIssueCode =
  | 'required'
  | 'too_long'
  | 'invalid_choice'
  | 'invalid_credit_code'
  | 'duplicate_credit_code'
  | 'unknown_region'
  | 'invalid_phone'
  | 'invalid_email';

/** One validation message: its code and the text in both languages. */
export interface PartnerIssue extends LocalizedText {
  readonly code: PartnerIssueCode;
}

/** Messages per form field. */
export type PartnerFieldIssues = Partial<Record<PartnerInputField, PartnerIssue[]>>;

/** The partner that already holds a credit code. */
export interface ExistingPartnerRef {
  readonly id: PartnerId;
  readonly name: string;
}

/** The outcome of {@link validatePartner}. */
export type PartnerValidation =
  | { readonly ok: true; readonly value: PartnerInput }
  | (DomainFailure<'invalid-partner'> & {
      readonly errors: PartnerFieldIssues;
      /** Set when the credit code belongs to another partner: open that one instead. */
      readonly duplicateOf: ExistingPartnerRef | null;
    });

const FIELDS = Object.keys(partnerInputFieldSchemas) as PartnerInputField[];

function issueFor(field: PartnerInputField, zodIssue: z.core.$ZodIssue, input: unknown): PartnerIssue {
  const l = PARTNER_FIELD_LABELS[field];
  const isEmpty = input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
  if (field === 'contactPhone' && !isEmpty) {
    return {
      code: 'invalid_phone',
      zh: '联系电话格式不正确：应为手机号、带区号的固定电话或 400/800 号码',
      en: 'Phone: enter a mobile number, a landline with area code or a 400/800 number',
    };
  }
  if (field === 'contactEmail' && !isEmpty && zodIssue.code !== 'too_big') {
    return {
      code: 'invalid_email',
      zh: '邮箱格式不正确，如 name@example.com',
      en: 'Email: enter an address like name@example.com',
    };
  }
  if (field === 'creditCode' && !isEmpty) {
    return { code: 'invalid_credit_code', zh: `${l.zh}应为 18 位字符`, en: `${l.en} is 18 characters` };
  }
  if (field === 'regionCode') {
    return {
      code: 'unknown_region',
      zh: '所属地区不在四川省行政区划内，请重新选择',
      en: 'The region is not a Sichuan administrative division; choose it again',
    };
  }
  if (zodIssue.code === 'too_big') {
    const max = Number(zodIssue.maximum);
    return {
      code: 'too_long',
      zh: `${l.zh}不能超过 ${max} 个字`,
      en: `${l.en} cannot be longer than ${max} characters`,
    };
  }
  if (isEmpty) return { code: 'required', zh: `请填写${l.zh}`, en: `${l.en} is required` };
  if (field === 'type')
    return {
      code: 'invalid_choice',
      zh: `请从列表中选择${l.zh}`,
      en: `Choose ${l.en.toLowerCase()} from the list`,
    };
  return { code: 'required', zh: `请填写${l.zh}`, en: `${l.en} is required` };
}

/**
 * Validates a partner form: per-field rules, the credit code against GB 32100-2015 (the message
 * says which rule failed), the region against the shipped regions, and one organisation once —
 * a code already held by another partner is refused, naming that partner. `existing` maps
 * normalised credit codes to their partner ({@link creditCodeIndex}); `selfId` is the partner
 * being edited, whose own code is not a duplicate.
 */
export function validatePartner(
  input: unknown,
  regions: Pick<RegionIndex, 'has'>,
  existing: ReadonlyMap<string, ExistingPartnerRef>,
  selfId?: PartnerId,
): PartnerValidation {
  const errors: PartnerFieldIssues = {};
  const add = (field: PartnerInputField, item: PartnerIssue): void => {
    const list = errors[field] ?? (errors[field] = []);
    if (!list.some((i) => i.code === item.code)) list.push(item);
  };
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const parsed: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = Object.hasOwn(raw, field) ? raw[field] : undefined;
    const result = partnerInputFieldSchemas[field].safeParse(value);
    if (result.success) parsed[field] = result.data;
    else for (const zodIssue of result.error.issues) add(field, issueFor(field, zodIssue, value));
  }

  let duplicateOf: ExistingPartnerRef | null = null;
  if (typeof parsed['creditCode'] === 'string') {
    const code = parseCreditCode(parsed['creditCode']);
    if (!code.ok) {
      add(
        'creditCode',
        code.error === 'empty'
          ? { code: 'required', ...code.text }
          : { code: 'invalid_credit_code', ...code.text },
      );
    } else {
      const holder = existing.get(code.value);
      if (holder && holder.id !== selfId) {
        duplicateOf = holder;
        add('creditCode', {
          code: 'duplicate_credit_code',
          zh: `该统一社会信用代码已登记为伙伴单位“${holder.name}”，同一单位只登记一次，请打开已有记录`,
          en: `This credit code is already registered as partner "${holder.name}"; an organisation is registered once, open the existing record`,
        });
      }
    }
  }
  const regionCode = parsed['regionCode'];
  if (typeof regionCode === 'string' && !regions.has(regionCode)) {
    add('regionCode', {
      code: 'unknown_region',
      zh: '所属地区不在四川省行政区划内，请重新选择',
      en: 'The region is not a Sichuan administrative division; choose it again',
    });
  }

  const errorCount = Object.values(errors).reduce((sum, list) => sum + list.length, 0);
  if (errorCount > 0) {
    const failure = fail('invalid-partner', {
      zh: `有 ${errorCount} 处需要修改`,
      en: `${errorCount} ${errorCount === 1 ? 'field needs' : 'fields need'} correcting`,
    });
    return { ...failure, errors, duplicateOf };
  }
  return { ok: true, value: parsed as PartnerInput };
}

/** Normalised credit code → partner, over live partners; the input to {@link validatePartner}. */
export function creditCodeIndex(
  partners: Iterable<Pick<Partner, 'id' | 'name' | 'creditCode' | 'deletedAt'>>,
): Map<string, ExistingPartnerRef> {
  const index = new Map<string, ExistingPartnerRef>();
  for (const partner of partners) {
    if (partner.deletedAt !== null) continue;
    const key = normaliseCreditCode(partner.creditCode);
    // Keep the first: it is the one a duplicate must point at.
    if (!index.has(key)) index.set(key, { id: partner.id, name: partner.name });
  }
  return index;
}

/** What the caller supplies when creating a record: shared has no clock or crypto. */
export interface PartnerCreation {
  readonly id: PartnerId;
  readonly ownerUnitCode: RegionCode;
  /** Epoch ms. */
  readonly now: number;
}

/** A new partner (version 1) from validated input. */
export function createPartner(input: PartnerInput, creation: PartnerCreation): Partner {
  return {
    id: creation.id,
    ...input,
    ownerUnitCode: creation.ownerUnitCode,
    createdAt: creation.now,
    updatedAt: creation.now,
    version: 1,
    deletedAt: null,
  };
}

/** The partner after an edit: identity and owner unchanged, version + 1. */
export function updatePartner(current: Partner, input: PartnerInput, now: number): Partner {
  return { ...current, ...input, updatedAt: now, version: current.version + 1 };
}
