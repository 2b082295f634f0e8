import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { decodeXmlText, isDateFormatCode, readXlsx } from '../../../../shared/spreadsheet/xlsxReader';
import { decodeText } from '../../../../shared/spreadsheet/textDecoding';
import { cellAsDate, cellAsEpochMs, isoDateOfSerial } from '../../../../shared/spreadsheet/scenarioImport';
import { crc32 } from '../../../../shared/spreadsheet/zipReader';
import { encodeGbk, minimalXlsx } from '../../../fixtures/spreadsheets/hostileFixtures';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

describe('readXlsx on a workbook written by ExcelJS (as Excel would)', () => {
  it('reads shared strings, rich text, numbers, booleans, dates, cached formula results and errors', async () => {
    const workbook = new ExcelJS.Workbook();
    const other = workbook.addWorksheet('说明');
    other.addRow(['not this sheet']);
    const sheet = workbook.addWorksheet('场景目录');
    sheet.addRow(['文本', '数字', '布尔', '日期', '公式', '富文本']);
    sheet.addRow(['华西医院', 13812345678, true, new Date(Date.UTC(2026, 2, 1)), { formula: 'B2*2', result: 42 }, { richText: [{ text: '脑机' }, { text: '接口', font: { bold: true } }] }]);
    sheet.addRow(['<&>"\'', -12.5, false, new Date(Date.UTC(2026, 11, 31, 12, 30)), { formula: 'NA()', result: { error: '#N/A' } }, null]);
    sheet.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getCell('D3').numFmt = 'yyyy-mm-dd hh:mm';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = readXlsx(bytes, { preferSheets: ['场景目录'] });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.sheetName).toBe('场景目录');
    const [header, first, second] = result.value.rows;
    expect(header?.cells).toEqual(['文本', '数字', '布尔', '日期', '公式', '富文本']);
    expect(first?.cells.slice(0, 3)).toEqual(['华西医院', 13812345678, true]);
    expect(cellAsDate(first?.cells[3] ?? null)).toBe('2026-03-01');
    expect(first?.cells[4]).toBe(42);
    expect(first?.cells[5]).toBe('脑机接口');
    expect(second?.cells.slice(0, 3)).toEqual(['<&>"\'', -12.5, false]);
    // ExcelJS stores a Date's UTC fields as the wall clock: 12:30 read back as Shanghai 12:30.
    expect(cellAsEpochMs(second?.cells[3] ?? null)).toBe(Date.UTC(2026, 11, 31, 12 - 8, 30));
    expect(second?.cells[4]).toBe('#N/A');
    expect(second?.number).toBe(3);
  });

  it('takes the first sheet when none is preferred, keeps row numbers and skips empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.getCell('A1').value = 'a';
    sheet.getCell('C4').value = 'c';
    const result = readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (!result.ok) throw new Error(result.message);
    expect(result.value.rows).toEqual([
      { number: 1, cells: ['a'] },
      { number: 4, cells: [null, null, 'c'] },
    ]);
  });

  it('reads cells without references in column order', () => {
    const sheetXml = `<worksheet xmlns="${NS}"><sheetData><row><c s="1"><v>0</v></c><c t="b"><v>1</v></c></row></sheetData></worksheet>`;
    const bytes = minimalXlsx({ sheetXml });
    // patch in a 1904 workbook and a date style: rebuild with the parts the reader looks at
    const result = readXlsx(bytes);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.rows[0]?.cells).toEqual([0, true]);
  });
});

describe('XML text', () => {
  it.each([
    ['&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;', `<a> & "b" 'c'`],
    ['&#20013;&#x6587;', '中文'],
    ['&lol; &xxe; stay literal', '&lol; &xxe; stay literal'],
    ['&#0; &#x110000; invalid stay', '&#0; &#x110000; invalid stay'],
  ])('%s', (input, expected) => expect(decodeXmlText(input)).toBe(expected));

  it.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[h]:mm:ss', true],
    ['0.00', false],
    ['General', false],
    ['"days" 0', false],
    ['[Red]#,##0', false],
  ])('date format %s → %s', (code, expected) => expect(isDateFormatCode(code)).toBe(expected));
});

describe('dates', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [46082, '2026-03-01'],
    [0, null],
    [2_958_465, '9999-12-31'],
    // Excel's last day still holds its afternoon
    [2_958_465.75, '9999-12-31'],
    [2_958_466, null],
    [3_000_000, null],
  ])('serial %d → %s', (serial, iso) => expect(isoDateOfSerial(serial)).toBe(iso));

  it.each([
    ['2026-3-1', '2026-03-01'],
    ['2026/03/01', '2026-03-01'],
    ['2026.3.1', '2026-03-01'],
    ['2026年3月1日', '2026-03-01'],
    ['２０２６年３月１日', '2026-03-01'],
    ['2026-03-01 08:00', '2026-03-01'],
    ['明年三月', '明年三月'],
  ])('text %s → %s', (text, iso) => expect(cellAsDate(text)).toBe(iso));

  it('date-times are Asia/Shanghai wall clock', () => {
    expect(cellAsEpochMs('2026-03-01 08:00:00')).toBe(Date.UTC(2026, 2, 1, 0, 0, 0));
    expect(cellAsEpochMs('not a time')).toBeNull();
  });
});

describe('decodeText', () => {
  const chinese = '场景名称,应用领域\r\n华西医院,医疗健康\r\n';
  it('UTF-8 without BOM', () => expect(decodeText(strToU8(chinese))).toMatchObject({ ok: true, value: { text: chinese, encoding: 'utf-8', hasBom: false } }));
  it('UTF-8 with BOM keeps the BOM for the CSV parser', () => expect(decodeText(strToU8(`\uFEFF${chinese}`))).toMatchObject({ ok: true, value: { text: `\uFEFF${chinese}`, hasBom: true } }));
  it('GBK (GB18030)', () => expect(decodeText(encodeGbk(chinese))).toMatchObject({ ok: true, value: { text: chinese, encoding: 'gb18030' } }));
  it('GBK text that is all rare characters', () => expect(decodeText(encodeGbk('锟斤拷,烫烫烫,屯屯屯\r\n'))).toMatchObject({ ok: true, value: { encoding: 'gb18030' } }));
  it.each([
    ['UTF-8 then GBK lines', () => new Uint8Array([...strToU8('华西医院\r\n'), ...encodeGbk('医疗健康\r\n')])],
    ['GBK then UTF-8 lines', () => new Uint8Array([...encodeGbk('华西医院\r\n'), ...strToU8('医疗健康\r\n')])],
    ['BOM then GBK', () => new Uint8Array([0xef, 0xbb, 0xbf, ...encodeGbk('华西医院')])],
  ])('mixed: %s', (_name, bytes) => expect(decodeText(bytes())).toMatchObject({ ok: false, error: 'mixed-encoding' }));
  it('binary is not text', () => expect(decodeText(new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x80, 0x02]))).toMatchObject({ ok: false, error: 'unknown-encoding' }));
});

it('crc32 matches the known check value', () => {
  expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
});

describe('readXlsx on hand-written XML', () => {
  const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  it.each([
    ['single quotes and line breaks in attributes', `<row r='1'><c r='A1'\n t='inlineStr'><is><t>甲</t></is></c><c r = "B1" t = "b"><v>0</v></c></row>`, [['甲', false]]],
    ['rich text runs and a phonetic run', '<row r="1"><c r="A1" t="inlineStr"><is><r><t>脑机</t></r><r><rPr><b/></rPr><t xml:space="preserve">接口 </t></r><rPh sb="0" eb="1"><t>のう</t></rPh></is></c></row>', [['脑机接口 ']]],
    ['empty and self-closing cells keep columns', '<row r="1"><c r="A1"/><c r="C1"><v>3</v></c><c r="D1"></c></row>', [[null, null, 3]]],
    ['a formula with its cached value', '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>', [[2, 'ab']]],
    ['escaped OOXML characters', '<row r="1"><c r="A1" t="inlineStr"><is><t>_x000D_ &amp; _x005F_x0041_</t></is></c></row>', [['\r & _x0041_']]],
  ])('%s', (_name, rowsXml, expected) => {
    const result = readXlsx(minimalXlsx({ sheetXml: `<worksheet xmlns="${NS_MAIN}"><sheetData>${rowsXml}</sheetData></worksheet>` }));
    if (!result.ok) throw new Error(result.message);
    expect(result.value.rows.map((row) => row.cells)).toEqual(expected);
  });

  it('a flipped byte in a stored entry is reported as a damaged file', () => {
    const bytes = minimalXlsx({ sheetXml: `<worksheet xmlns="${NS_MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, level: 0 });
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf('<v>1</v>');
    const damaged = bytes.slice();
    damaged[at + 3] = 0x32; // '1' → '2': same length, wrong CRC
    expect(readXlsx(damaged)).toMatchObject({ ok: false, error: 'damaged' });
  });
});

describe('readXlsx on a sheet larger than one parse chunk', () => {
  it('reads every row across the chunk cuts, Chinese intact', () => {
    const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const count = 60_000;
    let rowsXml = '';
    for (let r = 1; r <= count; r += 1) rowsXml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>第${r}行华西医院脑机接口康复病区</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;
    const result = readXlsx(minimalXlsx({ sheetXml: `<worksheet xmlns="${NS_MAIN}"><sheetData>${rowsXml}</sheetData></worksheet>`, level: 1 }));
    if (!result.ok) throw new Error(result.message);
    expect(result.value.rows).toHaveLength(count);
    result.value.rows.forEach((row, i) => {
      if (row.number !== i + 1 || row.cells[0] !== `第${i + 1}行华西医院脑机接口康复病区` || row.cells[1] !== i + 1) throw new Error(`row ${i + 1}: ${JSON.stringify(row)}`);
    });
  });
});
