/**
 * Catalog numbers (场景编号): `<region code>-<year>-<4-digit sequence>`, e.g. `510107-2026-0001`.
 *
 * The number is given once, when the record is created, from the record's region and the
 * creation year, and is never recomputed: it stays the same if the region is later corrected,
 * the year turns, or the record moves between installations. It is a human label; the record's
 * identity is its `id` (ScenarioId), so a number that no longer matches the region is expected
 * and not an error. Sequences are per (region, year) within what one installation knows; two
 * installations numbering the same region offline can collide, which the exchange merge must
 * detect (the id decides, the number is kept and flagged).
 */
import type { RegionCode } from '../regions/regions';
import { fail, type DomainResult } from './localizedText';

/** The parts of a catalog number. */
export interface CatalogNumberParts {
  readonly regionCode: RegionCode;
  readonly year: number;
  readonly sequence: number;
}

/** Highest sequence per region and year (4 digits). */
export const MAX_CATALOG_SEQUENCE = 9999;
/** Years a catalog number may carry. */
export const CATALOG_YEAR_RANGE = { min: 2000, max: 2099 } as const;

// Anchored, ASCII-only (`\d` is [0-9] in JS), fixed length: nothing else gets through.
const CATALOG_NUMBER_PATTERN = /^([1-9]\d{5})-(\d{4})-(\d{4})$/;
const REGION_CODE_PATTERN = /^[1-9]\d{5}$/;

/** Why a catalog number is refused. */
export type CatalogNumberError = 'invalid-catalog-number' | 'invalid-region-code' | 'invalid-year' | 'sequence-exhausted';

/** Formats the parts as a catalog number; the caller guarantees valid parts. */
export function formatCatalogNumber(parts: CatalogNumberParts): string {
  return `${parts.regionCode}-${String(parts.year)}-${String(parts.sequence).padStart(4, '0')}`;
}

/** Parses a catalog number strictly; anything else (spaces, full-width digits, extra text) is refused. */
export function parseCatalogNumber(value: unknown): DomainResult<CatalogNumberParts, 'invalid-catalog-number'> {
  const invalid = fail('invalid-catalog-number', {
    zh: '场景编号格式应为“地区代码-年份-四位序号”，如 510107-2026-0001',
    en: 'A catalog number reads region code-year-4-digit sequence, e.g. 510107-2026-0001',
  });
  if (typeof value !== 'string' || value.length !== 16) return invalid;
  const match = CATALOG_NUMBER_PATTERN.exec(value);
  if (!match) return invalid;
  const year = Number(match[2]);
  const sequence = Number(match[3]);
  if (year < CATALOG_YEAR_RANGE.min || year > CATALOG_YEAR_RANGE.max || sequence < 1) return invalid;
  return { ok: true, value: { regionCode: match[1] as RegionCode, year, sequence } };
}

/** Is this a well-formed catalog number? */
export function isCatalogNumber(value: unknown): value is string {
  return parseCatalogNumber(value).ok;
}

/**
 * The next free catalog number for a region and year. `existing` is either every catalog number
 * the installation knows (any region or year; malformed ones are ignored) or the last sequence
 * used for this region and year. The next number is one past the highest, so deleted records'
 * numbers are never reused.
 */
export function nextCatalogNumber(
  regionCode: RegionCode | string,
  year: number,
  existing: Iterable<string> | number,
): DomainResult<string, Exclude<CatalogNumberError, 'invalid-catalog-number'>> {
  if (!REGION_CODE_PATTERN.test(regionCode)) {
    return fail('invalid-region-code', { zh: `地区代码“${regionCode}”无效`, en: `Invalid region code "${regionCode}"` });
  }
  if (!Number.isInteger(year) || year < CATALOG_YEAR_RANGE.min || year > CATALOG_YEAR_RANGE.max) {
    return fail('invalid-year', { zh: `年份 ${String(year)} 无效`, en: `Invalid year ${String(year)}` });
  }
  let last = 0;
  if (typeof existing === 'number') {
    last = Number.isInteger(existing) && existing > 0 ? existing : 0;
  } else {
    const prefix = `${regionCode}-${String(year)}-`;
    for (const number of existing) {
      if (typeof number !== 'string' || !number.startsWith(prefix)) continue;
      const parsed = parseCatalogNumber(number);
      if (parsed.ok && parsed.value.sequence > last) last = parsed.value.sequence;
    }
  }
  if (last >= MAX_CATALOG_SEQUENCE) {
    return fail('sequence-exhausted', {
      zh: `地区 ${regionCode} 在 ${String(year)} 年的场景编号已用完（最多 ${MAX_CATALOG_SEQUENCE} 个）`,
      en: `Region ${regionCode} has used all ${MAX_CATALOG_SEQUENCE} catalog numbers for ${String(year)}`,
    });
  }
  return { ok: true, value: formatCatalogNumber({ regionCode: regionCode as RegionCode, year, sequence: last + 1 }) };
}

/** What a batch of new records needs from the numbering before any of them is written. */
export interface CatalogNumbering {
  /** Regions with records to number (场景编号 left blank), each once, in the order first met. */
  readonly regions: readonly string[];
  /** The highest kept 场景编号 of each region and year, in the order first met (malformed ones ignored). */
  readonly highestKept: readonly string[];
}

/**
 * The numbering a batch of new records needs (`catalogNumber` '' = to number). A batch that keeps
 * some numbers and numbers the others reserves the highest kept number of each region and year
 * first, so a number it hands out never meets one it keeps further on.
 */
export function catalogNumbering(records: Iterable<{ readonly regionCode: string; readonly catalogNumber: string }>): CatalogNumbering {
  const regions = new Set<string>();
  const highest = new Map<string, CatalogNumberParts>();
  for (const { regionCode, catalogNumber } of records) {
    if (catalogNumber === '') {
      regions.add(regionCode);
      continue;
    }
    const parsed = parseCatalogNumber(catalogNumber);
    if (!parsed.ok) continue;
    const key = `${parsed.value.regionCode}-${String(parsed.value.year)}`;
    const known = highest.get(key);
    if (known === undefined || parsed.value.sequence > known.sequence) highest.set(key, parsed.value);
  }
  return { regions: [...regions], highestKept: [...highest.values()].map(formatCatalogNumber) };
}
