/** Format checks shared by scenarios, partners and applications: Chinese phone numbers, email, ISO dates. */

/** A calendar date as `YYYY-MM-DD` (ISO 8601), compared as a string. */
export type IsoDate = string;

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
// Area code 0 + 2–3 digits (010, 028, 0813 …), optional brackets; local number starts 2–9;
// optional extension after -, 转, #, x or ext.
const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3})-?[2-9]\d{6,7}(?:(?:-|转|#|x|ext\.?)\d{1,6})?$/i;
const SERVICE = /^[48]00\d{7}$/;

/**
 * Is this a plausible Chinese phone number? Mobile (13812345678, +86 allowed), landline with area
 * code (028-85551234, 0813 2201234, (028)85551234 转 8001) or a 400/800 service number. Spaces
 * anywhere and dashes between groups are tolerated; full-width digits are read as ASCII.
 */
export function isChinesePhone(value: string): boolean {
  if (value.length > 40) return false;
  const compact = value.normalize('NFKC').replace(/\s+/g, '');
  const digitsOnly = compact.replace(/-/g, '');
  if (MOBILE.test(digitsOnly)) return true;
  if (SERVICE.test(digitsOnly)) return true;
  return LANDLINE.test(compact);
}

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Is this a plausible email address (ASCII, a dotted domain with a letter TLD)? */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.indexOf('@');
  if (at < 1 || at > 64) return false;
  return EMAIL.test(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is this a real calendar date written `YYYY-MM-DD` between 1900 and 2999? */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
