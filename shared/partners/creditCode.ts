/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters
 *
 *   1      登记管理部门代码 (registration department)
 *   2      机构类别代码 (organisation category, per department)
 *   3–8    登记管理机关行政区划码 (GB/T 2260 division code of the registering authority)
 *   9–17   主体标识码 = 组织机构代码 (GB 11714: 8 characters + its own check character at 17)
 *   18     校验码 over positions 1–17
 *
 * Every rule is checked in that order and the first failure names the rule and the position, so
 * a person typing a code off a business licence can find the wrong character.
 */
import { fail, type DomainResult, type LocalizedText } from '../domain/localizedText';

/** A normalised code that passed every rule of {@link parseCreditCode}. */
export type CreditCode = string & { readonly __brand: 'CreditCode' };

/** The 31 characters of the code, in value order (0–30); I, O, Z, S, V are never used. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 for the check character: 3^(i−1) mod 31. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// GB 11714-1997 organisation code: weights of its 8 body characters; check = 11 − (Σ mod 11), 10 → X, 11 → 0.
const ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** A registration department (登记管理部门) and the organisation categories it may issue. */
export interface RegistrationDepartment extends LocalizedText {
  readonly code: string;
  readonly categories: readonly (LocalizedText & { readonly code: string })[];
}

/**
 * Positions 1 and 2. GB 32100-2015 itself lists 1 机构编制, 5 民政, 9 工商 and Y 其他; the other
 * departments were assigned later by the national code administration and appear on real codes
 * (law firms 31…, trade unions 81…, village collectives N2…), so refusing them would refuse real
 * organisations. Data, not logic: extend here when a new department is assigned.
 */
export const REGISTRATION_DEPARTMENTS: readonly RegistrationDepartment[] = [
  {
    code: '1',
    zh: '机构编制',
    en: 'Establishment administration',
    categories: [
      { code: '1', zh: '机关', en: 'Government organ' },
      { code: '2', zh: '事业单位', en: 'Public institution' },
      {
        code: '3',
        zh: '中央编办直接管理机构编制的群众团体',
        en: 'Mass organisation under the central establishment office',
      },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '2',
    zh: '外交',
    en: 'Foreign affairs',
    categories: [
      { code: '1', zh: '外国常驻新闻机构', en: 'Resident foreign news agency' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '3',
    zh: '司法行政',
    en: 'Judicial administration',
    categories: [
      { code: '1', zh: '律师执业机构', en: 'Law firm' },
      { code: '2', zh: '公证处', en: 'Notary office' },
      { code: '3', zh: '基层法律服务所', en: 'Grassroots legal service office' },
      { code: '4', zh: '司法鉴定机构', en: 'Forensic appraisal institution' },
      { code: '5', zh: '仲裁委员会', en: 'Arbitration commission' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '4',
    zh: '文化',
    en: 'Culture',
    categories: [
      { code: '1', zh: '外国在华文化中心', en: 'Foreign cultural centre in China' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '5',
    zh: '民政',
    en: 'Civil affairs',
    categories: [
      { code: '1', zh: '社会团体', en: 'Social organisation' },
      { code: '2', zh: '民办非企业单位', en: 'Private non-enterprise unit' },
      { code: '3', zh: '基金会', en: 'Foundation' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '6',
    zh: '旅游',
    en: 'Tourism',
    categories: [
      { code: '1', zh: '外国旅游部门常驻代表机构', en: 'Resident office of a foreign tourism authority' },
      {
        code: '2',
        zh: '港澳台地区旅游部门常驻内地（大陆）代表机构',
        en: 'Resident office of a Hong Kong, Macao or Taiwan tourism authority',
      },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '7',
    zh: '宗教',
    en: 'Religious affairs',
    categories: [
      { code: '1', zh: '宗教活动场所', en: 'Place of religious activity' },
      { code: '2', zh: '宗教院校', en: 'Religious school' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '8',
    zh: '工会',
    en: 'Trade unions',
    categories: [
      { code: '1', zh: '基层工会', en: 'Grassroots trade union' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: '9',
    zh: '工商',
    en: 'Market regulation (industry and commerce)',
    categories: [
      { code: '1', zh: '企业', en: 'Enterprise' },
      { code: '2', zh: '个体工商户', en: 'Individual business' },
      { code: '3', zh: '农民专业合作社', en: "Farmers' cooperative" },
    ],
  },
  {
    code: 'A',
    zh: '中央军委改革和编制办公室',
    en: 'Central Military Commission reform and establishment office',
    categories: [
      { code: '1', zh: '军队事业单位', en: 'Military public institution' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  {
    code: 'N',
    zh: '农业',
    en: 'Agriculture',
    categories: [
      { code: '1', zh: '组级集体经济组织', en: 'Group-level collective economic organisation' },
      { code: '2', zh: '村级集体经济组织', en: 'Village-level collective economic organisation' },
      { code: '3', zh: '乡镇级集体经济组织', en: 'Township-level collective economic organisation' },
      { code: '9', zh: '其他', en: 'Other' },
    ],
  },
  { code: 'Y', zh: '其他', en: 'Other', categories: [{ code: '1', zh: '其他', en: 'Other' }] },
];

/**
 * Positions 3–8: the first two digits must be a province-level division (GB/T 2260), or the whole
 * code 100000 for organisations registered at national level. Only the province is checked:
 * a code keeps the division of its registration even after that division is abolished or renamed.
 */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);
const NATIONAL_REGION = '100000';

/** Why a credit code is refused; each names one rule. */
export type CreditCodeError =
  | 'empty'
  | 'length'
  | 'character'
  | 'registration-department'
  | 'category'
  | 'region'
  | 'organisation-check'
  | 'check-character';

/** The parts of a valid code. */
export interface CreditCodeParts {
  readonly department: RegistrationDepartment;
  readonly category: LocalizedText & { readonly code: string };
  /** Division code of the registering authority (positions 3–8); not necessarily a Sichuan code. */
  readonly registrationRegion: string;
  /** 组织机构代码 as usually written: 8 characters, hyphen, check character. */
  readonly organisationCode: string;
}

/**
 * What people type or paste: trimmed, full-width letters and digits folded to ASCII (NFKC, as
 * Chinese IMEs produce them), inner spaces and hyphens removed, upper-cased. Nothing else changes,
 * so a wrong character stays wrong and is reported at its position.
 */
export function normaliseCreditCode(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

function valueOf(char: string): number {
  return CREDIT_CODE_ALPHABET.indexOf(char);
}

/** The check character (position 18) for 17 characters of the alphabet; null for anything else. */
export function creditCodeCheckCharacter(body: string): string | null {
  if (body.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = valueOf(body.charAt(i));
    if (value < 0) return null;
    sum += value * (CREDIT_CODE_WEIGHTS[i] as number);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The GB 11714 check character of an 8-character organisation code body (digits 0–9, letters
 * A–Z valued 10–35): '0'–'9' or 'X'. Null for anything else.
 */
export function organisationCodeCheckCharacter(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i += 1)
    sum += Number.parseInt(body.charAt(i), 36) * (ORGANISATION_WEIGHTS[i] as number);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** A valid code from its first 16 characters: the organisation and code check characters filled in (tests, demo data). */
export function completeCreditCode(first16: string): string | null {
  const organisationCheck = organisationCodeCheckCharacter(first16.slice(8, 16));
  if (first16.length !== 16 || organisationCheck === null) return null;
  const check = creditCodeCheckCharacter(first16 + organisationCheck);
  return check === null ? null : first16 + organisationCheck + check;
}

const LABEL = { zh: '统一社会信用代码', en: 'Unified social credit code' };

/** Checks a unified social credit code against every rule of GB 32100-2015, in position order. */
export function parseCreditCode(input: unknown): DomainResult<CreditCode, CreditCodeError> {
  const code = typeof input === 'string' ? normaliseCreditCode(input) : '';
  if (code === '') return fail('empty', { zh: `请填写${LABEL.zh}`, en: `${LABEL.en} is required` });
  // Count code points, not UTF-16 units, so "18 位" agrees with what the person sees.
  const length = [...code].length;
  if (length !== 18) {
    return fail('length', {
      zh: `${LABEL.zh}应为 18 位，现为 ${length} 位`,
      en: `${LABEL.en} has 18 characters; this one has ${length}`,
    });
  }
  for (let i = 0; i < 18; i += 1) {
    const char = code.charAt(i);
    if (valueOf(char) < 0) {
      return fail(
        'character',
        {
          zh: `第 ${i + 1} 位“${char}”不是允许的字符：只能是数字 0–9 和大写字母（不含 I、O、Z、S、V）`,
          en: `Character ${i + 1} ("${char}") is not allowed: only digits 0–9 and capital letters except I, O, Z, S and V`,
        },
        [String(i + 1)],
      );
    }
  }
  const department = REGISTRATION_DEPARTMENTS.find((d) => d.code === code.charAt(0));
  if (!department) {
    return fail(
      'registration-department',
      {
        zh: `第 1 位（登记管理部门代码）“${code.charAt(0)}”无效，应为 ${REGISTRATION_DEPARTMENTS.map((d) => d.code).join('、')} 之一`,
        en: `Character 1 (registration department) "${code.charAt(0)}" is not valid; it is one of ${REGISTRATION_DEPARTMENTS.map((d) => d.code).join(', ')}`,
      },
      ['1'],
    );
  }
  const category = department.categories.find((c) => c.code === code.charAt(1));
  if (!category) {
    const allowed = department.categories.map((c) => c.code);
    return fail(
      'category',
      {
        zh: `第 2 位（机构类别代码）“${code.charAt(1)}”与登记管理部门“${department.code}（${department.zh}）”不符，应为 ${allowed.join('、')} 之一`,
        en: `Character 2 (organisation category) "${code.charAt(1)}" does not exist for registration department ${department.code} (${department.en}); it is one of ${allowed.join(', ')}`,
      },
      ['2'],
    );
  }
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region) || (region !== NATIONAL_REGION && !PROVINCE_PREFIXES.has(region.slice(0, 2)))) {
    return fail(
      'region',
      {
        zh: `第 3–8 位（登记管理机关行政区划码）“${region}”不是有效的六位行政区划代码`,
        en: `Characters 3–8 (division code of the registering authority) "${region}" are not a valid six-digit division code`,
      },
      ['3-8'],
    );
  }
  const organisationCheck = organisationCodeCheckCharacter(code.slice(8, 16));
  if (organisationCheck !== code.charAt(16)) {
    return fail(
      'organisation-check',
      {
        zh: `第 17 位（组织机构代码校验码）应为“${organisationCheck ?? '?'}”，现为“${code.charAt(16)}”；请核对第 9–17 位`,
        en: `Character 17 (organisation code check) should be "${organisationCheck ?? '?'}", not "${code.charAt(16)}"; check characters 9–17`,
      },
      ['17'],
    );
  }
  const check = creditCodeCheckCharacter(code.slice(0, 17));
  if (check !== code.charAt(17)) {
    return fail(
      'check-character',
      {
        zh: `第 18 位（校验码）应为“${check ?? '?'}”，现为“${code.charAt(17)}”；请逐位核对`,
        en: `Character 18 (check character) should be "${check ?? '?'}", not "${code.charAt(17)}"; check every character`,
      },
      ['18'],
    );
  }
  return { ok: true, value: code as CreditCode };
}

/** Does this value pass {@link parseCreditCode}? */
export function isCreditCode(input: unknown): boolean {
  return parseCreditCode(input).ok;
}

/** The parts of a valid code, for display (部门 / 类别 / 登记机关所在地 / 组织机构代码). */
export function creditCodeParts(code: CreditCode): CreditCodeParts {
  const department = REGISTRATION_DEPARTMENTS.find((d) => d.code === code.charAt(0));
  const category = department?.categories.find((c) => c.code === code.charAt(1));
  if (!department || !category) throw new Error(`[creditCode] not a parsed credit code: ${code}`);
  return {
    department,
    category,
    registrationRegion: code.slice(2, 8),
    organisationCode: `${code.slice(8, 16)}-${code.charAt(16)}`,
  };
}
