import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  REGISTRATION_DEPARTMENTS,
  completeCreditCode,
  creditCodeCheckCharacter,
  creditCodeParts,
  isCreditCode,
  normaliseCreditCode,
  organisationCodeCheckCharacter,
  parseCreditCode,
  type CreditCode,
} from '../../../../shared/partners/creditCode';

// Public codes of real organisations (business licences, the python-stdnum test list); each was
// also checked with an independent script implementing GB 32100 and GB 11714.
const REAL_CODES = [
  ['914403001922038216', '华为技术有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91110000600037341L', 'python-stdnum example'],
  ['121200004013590816', '事业单位 (12), 天津'],
  ['91310115MA1K3BTP2B', 'MA-series organisation code with letters'],
  ['9144030071526726XG', 'organisation check character X'],
  ['92340602MA2PBMEM24', '个体工商户 (92)'],
  ['91620105L015101280', 'organisation code starting with a letter'],
] as const;

// Sichuan examples built with completeCreditCode and verified by the same independent script.
const BUILT_CODES = [
  '915101000612345649',
  '125100004507123479',
  '5251010778901234XH',
  'N25101029900123412',
  '91510107MA6C123419',
] as const;

describe('parseCreditCode: valid codes', () => {
  it.each(REAL_CODES)('accepts %s (%s)', (code) => {
    expect(parseCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it.each(BUILT_CODES)('accepts the constructed Sichuan code %s', (code) => {
    expect(isCreditCode(code)).toBe(true);
  });

  it.each([
    ['  914403001922038216  ', 'surrounding spaces'],
    ['91440300708461136t', 'lower case'],
    ['９１４４０３００１９２２０３８２１６', 'full-width digits'],
    ['９１４４０３００７０８４６１１３６Ｔ', 'full-width letter'],
    ['91 440300 192203821 6', 'grouped with spaces'],
    ['91440300-19220382-1-6', 'hyphens'],
  ])('normalises %j (%s)', (input) => {
    const result = parseCreditCode(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatch(/^[0-9A-Z]{18}$/);
  });

  it('splits a valid code into its parts', () => {
    const parts = creditCodeParts('914403001922038216' as CreditCode);
    expect(parts.department.zh).toBe('工商');
    expect(parts.category.zh).toBe('企业');
    expect(parts.registrationRegion).toBe('440300');
    expect(parts.organisationCode).toBe('19220382-1');
  });
});

describe('parseCreditCode: each rule names itself', () => {
  it.each([
    ['', 'empty', /请填写/],
    ['   ', 'empty', /请填写/],
    ['91440300192203821', 'length', /18 位，现为 17 位/],
    ['9144030019220382160', 'length', /现为 19 位/],
    ['91440300I92203821G', 'character', /第 9 位“I”/],
    ['Z14403001922038216', 'character', /第 1 位“Z”/],
    ['914403001922038O16', 'character', /第 16 位“O”/],
    ['91440300192203821S', 'character', /第 18 位“S”/],
    ['9144030019220382V6', 'character', /第 17 位“V”/],
    ['9144030019220#8216', 'character', /第 14 位“#”/],
    ['B14403001922038216', 'registration-department', /第 1 位（登记管理部门代码）“B”/],
    ['06440300192203821X', 'registration-department', /第 1 位/],
    [
      '96440300192203821X',
      'category',
      /第 2 位（机构类别代码）“6”与登记管理部门“9（工商）”不符，应为 1、2、3/,
    ],
    ['Y2440300192203821X', 'category', /应为 1 之一/],
    ['91990300192203821X', 'region', /第 3–8 位.*“990300”/],
    ['9144A300192203821X', 'region', /“44A300”/],
    ['91000000192203821X', 'region', /“000000”/],
    ['914403001922038226', 'organisation-check', /第 17 位（组织机构代码校验码）应为“1”，现为“2”/],
    ['91110000100000595A', 'organisation-check', /应为“3”，现为“5”/],
    ['914403001922038217', 'check-character', /第 18 位（校验码）应为“6”，现为“7”/],
    ['91440300708461136U', 'check-character', /应为“T”/],
  ])('%j → %s', (input, error, message) => {
    const result = parseCreditCode(input);
    expect(result).toMatchObject({ ok: false, error });
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.text.en.length).toBeGreaterThan(10);
    }
  });

  it('refuses values that are not strings', () => {
    for (const value of [null, undefined, 9144030019, {}, ['914403001922038216']]) {
      expect(parseCreditCode(value)).toMatchObject({ ok: false, error: 'empty' });
    }
  });

  it('accepts the national region 100000 and refuses the brief’s suspect example', () => {
    expect(isCreditCode(completeCreditCode('1210000040000000'))).toBe(true);
    expect(isCreditCode('91110000100000595A')).toBe(false);
  });
});

describe('check characters', () => {
  it('computes GB 11714 organisation checks, X for 10 and 0 for 11', () => {
    expect(organisationCodeCheckCharacter('19220382')).toBe('1');
    expect(organisationCodeCheckCharacter('71526726')).toBe('X');
    expect(organisationCodeCheckCharacter('MA1K3BTP')).toBe('2');
    expect(organisationCodeCheckCharacter('1922038')).toBeNull();
    expect(organisationCodeCheckCharacter('1922038a')).toBeNull();
  });

  it('computes the position-18 check character and refuses bad bodies', () => {
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
    expect(creditCodeCheckCharacter('9144030019220382')).toBeNull();
    expect(creditCodeCheckCharacter('9144030019220382I')).toBeNull();
  });
});

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET.split(''));
const departmentAndCategory = fc.constantFrom(
  ...REGISTRATION_DEPARTMENTS.flatMap((d) => d.categories.map((c) => d.code + c.code)),
);
const region = fc
  .tuple(fc.constantFrom('11', '44', '51', '65', '82'), fc.stringMatching(/^\d{4}$/))
  .map(([p, rest]) => p + rest);
const validCode = fc
  .tuple(departmentAndCategory, region, fc.array(alphabetChar, { minLength: 8, maxLength: 8 }))
  .map(([head, r, body]) => completeCreditCode(head + r + body.join('')) as string);

describe('properties', () => {
  it('a computed code validates', () => {
    fc.assert(fc.property(validCode, (code) => parseCreditCode(code).ok));
  });

  // Weights are 3^i mod 31 (never 0) and 31 is prime, so changing any one of the 18 characters to
  // another alphabet character always changes the check sum: there are no exceptions. Characters
  // outside the alphabet fail the character rule. (Case and full-width changes are not changes:
  // normalisation folds them.)
  it('any single-character change is rejected', () => {
    const other = fc.constantFrom(...(CREDIT_CODE_ALPHABET + 'IOZSV#a中').split(''));
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), other, (code, position, replacement) => {
        fc.pre(
          code.charAt(position) !== replacement && normaliseCreditCode(replacement) !== code.charAt(position),
        );
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        return !parseCreditCode(changed).ok;
      }),
      { numRuns: 2000 },
    );
  });
});
