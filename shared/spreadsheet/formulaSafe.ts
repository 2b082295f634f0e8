/**
 * Formula-safe text cells (issue 5): a spreadsheet opened in Excel, WPS or LibreOffice must never
 * run a value a person typed into the register as a formula (CSV / formula injection, e.g.
 * `=cmd|' /C calc'!A0` as a DDE payload).
 *
 * The rule follows OWASP's "CSV Injection" guidance: a text that starts with `=`, `+`, `-`, `@`,
 * TAB, CR or LF gets a single quote `'` in front, which every spreadsheet shows as text. We apply
 * it to XLSX text cells too (an XLSX string cell is never evaluated, but people copy cells and
 * re-save as CSV), so one rule covers every format.
 *
 * Two deliberate exceptions, because the register is full of them and they must stay readable:
 * - a plain decimal number written as text (`-12`, `+3.5`), and
 * - a phone-shaped text: `+` then digits, spaces and hyphens only (`+86 138 1234 5678`,
 *   `+86-28-85422114`). Landlines such as `028-85422114` start with a digit and are never touched.
 * Neither shape can hold a letter, `(`, `!`, `|` or a cell reference, so the worst a spreadsheet can
 * do with one is arithmetic on the display — it cannot call a function, DDE or a link. OWASP's
 * literal rule would quote them too; we trade that for phones people can read and dial.
 *
 * Import reverses the rule with {@link restoreFormulaSafe}. To keep the round trip exact, a text
 * that already starts with quotes followed by a trigger (`'=x`) gets one more quote on the way out.
 */

/** The characters that make a spreadsheet treat a cell as a formula (OWASP CSV Injection). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/** Leading quotes, then a trigger: what needs one more quote. */
const NEEDS_QUOTE = /^'*[=+\-@\t\r\n]/;
/** Plain decimal number as text: harmless, left alone. */
const NUMBER_TEXT = /^[+-]?\d+(?:\.\d+)?$/;
/** International phone as text: `+`, a digit, then digits, spaces and hyphens only. */
const PHONE_TEXT = /^\+\d[\d -]{4,30}$/;
/** A quote added by {@link neutraliseFormula}: one quote, then what made it necessary. */
const ADDED_QUOTE = /^'(?='*[=+\-@\t\r\n])/;

/** Quick first-character test so the hot path (most cells) costs one comparison. */
function mayNeedQuote(text: string): boolean {
  const first = text.charCodeAt(0);
  // = + - @ TAB CR LF '
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 || first === 10 || first === 39;
}

/** Whether a text cell would be read as a formula (and is not an exempt number or phone shape). */
export function isFormulaLike(text: string): boolean {
  if (text.length === 0 || !mayNeedQuote(text)) return false;
  if (!NEEDS_QUOTE.test(text)) return false;
  return !(NUMBER_TEXT.test(text) || PHONE_TEXT.test(text));
}

/** The text as a formula-safe cell: `'` in front when it could start a formula, otherwise unchanged. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** Import's inverse of {@link neutraliseFormula}: drops the one quote export added, nothing else. */
export function restoreFormulaSafe(text: string): string {
  if (!ADDED_QUOTE.test(text)) return text;
  const restored = text.slice(1);
  // Only undo what export would have done: a quoted number or phone was never quoted by us.
  return isFormulaLike(restored) ? restored : text;
}
