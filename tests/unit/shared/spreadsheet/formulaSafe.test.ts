import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseFormula, restoreFormulaSafe } from '../../../../shared/spreadsheet/formulaSafe';

describe('neutraliseFormula', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ['+cmd|x', "'+cmd|x"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\n=1+1', "'\n=1+1"],
    ['=', "'="],
    ['-', "'-"],
    ['+86 138 abc', "'+86 138 abc"],
    ['-1-1', "'-1-1"],
    // already-quoted hostile text gets one more quote, so import can restore it exactly
    ["'=1+1", "''=1+1"],
  ])('neutralises %j', (hostile, safe) => {
    expect(isFormulaLike(hostile)).toBe(true);
    expect(neutraliseFormula(hostile)).toBe(safe);
  });

  it.each([
    ['028-85422114', 'landline starting with a digit'],
    ['(028)85551234', 'landline in brackets'],
    ['13812345678', 'mobile'],
    ['+86 138 1234 5678', 'international mobile'],
    ['+86-28-85422114', 'international landline'],
    ['-12', 'negative number as text'],
    ['+3.5', 'signed decimal as text'],
    ['', 'empty'],
    ['场景名称', 'Chinese text'],
    ["'quoted", 'quote without trigger'],
    ['a=b', 'trigger not at the start'],
    [' =1', 'leading space (Excel reads text)'],
  ])('leaves %j alone (%s)', (text) => {
    expect(isFormulaLike(text)).toBe(false);
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('round-trips any text through restoreFormulaSafe', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", 'a', '1', ' ', '场') }), (text) => {
        const safe = neutraliseFormula(text);
        // starts with a trigger only when exempt (a number or phone shape, left unchanged)
        if (/^[=+\-@\t\r\n]/.test(safe)) expect(/^[+-]?[\d .-]+$/.test(safe) && safe === text).toBe(true);
        expect(restoreFormulaSafe(safe)).toBe(text);
      }),
    );
  });
});
