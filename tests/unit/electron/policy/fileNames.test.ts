import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName, tempPathFor, withExtension } from '../../../../electron/policy/fileNames';

describe('safeFileName', () => {
  it.each([
    ['场景目录-510107-20261125.xlsx', '场景目录-510107-20261125.xlsx'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['a/b\\c:d*e?f"g<h>i|j.csv', 'a_b_c_d_e_f_g_h_i_j.csv'],
    ['tab\tnew\nline.csv', 'tab_new_line.csv'],
    ['trailing dots... ', 'trailing dots'],
    ['  spaced.csv  ', 'spaced.csv'],
  ])('%j → %j', (name, safe) => expect(safeFileName(name, 'export.xlsx')).toBe(safe));

  it.each(['', '   ', '...', 'CON', 'con.xlsx', 'LPT1.csv', 'nul', '/'])('falls back for %j', (name) => {
    expect(safeFileName(name, 'export.xlsx')).toBe('export.xlsx');
  });

  it('cuts long names but keeps the extension', () => {
    const safe = safeFileName(`${'长'.repeat(300)}.xlsx`, 'x');
    expect(safe.length).toBe(180);
    expect(safe.endsWith('.xlsx')).toBe(true);
  });
});

describe('withExtension', () => {
  it.each([
    ['/home/u/目录', 'xlsx', '/home/u/目录.xlsx'],
    ['/home/u/a.xlsx', 'xlsx', '/home/u/a.xlsx'],
    ['/home/u/a.XLSX', 'xlsx', '/home/u/a.XLSX'],
    ['/home/u/a.csv', 'xlsx', '/home/u/a.csv.xlsx'],
  ])('%s + %s → %s', (file, ext, out) => expect(withExtension(file, ext)).toBe(out));
});

describe('tempPathFor', () => {
  it('stays in the target folder, hidden, unique per call', () => {
    const temp = tempPathFor('/data/exports/场景目录.xlsx', 'ab-12');
    expect(path.dirname(temp)).toBe('/data/exports');
    expect(path.basename(temp)).toBe('.场景目录.xlsx.ab12.tmp');
    expect(tempPathFor('/d/a.xlsx', 'x1')).not.toBe(tempPathFor('/d/a.xlsx', 'x2'));
  });

  it('never lets the unique part climb out of the folder', () => {
    expect(path.dirname(tempPathFor('/d/a.xlsx', '../../etc'))).toBe('/d');
  });
});
