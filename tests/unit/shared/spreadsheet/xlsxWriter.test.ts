import { MessageChannel } from 'node:worker_threads';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../shared/domain/scenario';
import { portDeflater, serveDeflate, type PortLike } from '../../../../shared/spreadsheet/deflatePort';
import { neutraliseFormula } from '../../../../shared/spreadsheet/formulaSafe';
import { readXlsx, type DateCell } from '../../../../shared/spreadsheet/xlsxReader';
import { epochMsOfSerial } from '../../../../shared/spreadsheet/scenarioImport';
import { SCENARIO_COLUMNS, STATS_COLUMNS } from '../../../../shared/spreadsheet/scenarioColumns';
import { PARTNER_COLUMNS, PILOT_COLUMNS } from '../../../../shared/spreadsheet/partnerColumns';
import { SHEET_NAMES, writeScenarioXlsx, writeScenarioXlsxAsync } from '../../../../shared/spreadsheet/scenarioWorkbook';
import { excelSerialOfEpochMs, excelSerialOfIsoDate, type Sheet } from '../../../../shared/spreadsheet/sheet';
import { joinParts } from '../../../../shared/spreadsheet/zipWriter';
import {
  columnLetters,
  decodeOoxmlEscapes,
  escapeXmlText,
  writeXlsx,
  writeXlsxAsync,
  type RawDeflate,
  type StringStorage,
} from '../../../../shared/spreadsheet/xlsxWriter';
import { DDE_PAYLOAD, exportScenarios, HOSTILE_TITLES, realRegions } from './exportFixture';

const regions = realRegions();
const rows = exportScenarios(regions);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

function textOf(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  return String(value);
}

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids, as the writer strips them
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const zlibDeflate: RawDeflate = (chunk, isFinal) =>
  deflateRawSync(chunk, { level: 1, finishFlush: isFinal ? zlibConstants.Z_FINISH : zlibConstants.Z_FULL_FLUSH });

describe.each<[StringStorage, RawDeflate | undefined]>([
  ['auto', undefined],
  ['shared', undefined],
  ['inline', undefined],
  ['shared', zlibDeflate],
])('writeScenarioXlsx (%s strings, injected deflate: %s), read back with ExcelJS', (strings, deflate) => {
  // ExcelJS decodes `_xHHHH_` in shared strings (as Excel does) but not in inline strings; `auto`
  // keeps such texts shared.
  const readText = strings !== 'inline' ? textOf : (cell: ExcelJS.Cell) => decodeOoxmlEscapes(textOf(cell));
  const bytesPromise = Promise.resolve(writeScenarioXlsx(rows, regions, { strings, chunkRows: 37, ...(deflate ? { deflate } : {}) }));

  it('has the four sheets in order, the catalog header in Chinese and one row per scenario', async () => {
    const workbook = await load(await bytesPromise);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([SHEET_NAMES.scenarios.zh, SHEET_NAMES.pilots.zh, SHEET_NAMES.partners.zh, SHEET_NAMES.stats.zh]);
    const sheet = workbook.getWorksheet('场景目录')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(SCENARIO_COLUMNS.map((column) => column.zh));
    expect(sheet.actualRowCount).toBe(rows.length + 1);
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect((workbook.getWorksheet('试点项目')!.getRow(1).values as unknown[]).slice(1)).toEqual(PILOT_COLUMNS.map((h) => h.zh));
    expect((workbook.getWorksheet('伙伴单位')!.getRow(1).values as unknown[]).slice(1)).toEqual(PARTNER_COLUMNS.map((h) => h.zh));
    expect(workbook.getWorksheet('试点项目')!.actualRowCount).toBe(1);
  });

  it('freezes, styles and filters the header and sets the column widths', async () => {
    const workbook = await load(await bytesPromise);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBe(`A1:${columnLetters(sheet.columnCount - 1)}${sheet.rowCount}`);
      const headerCell = sheet.getCell('A1');
      expect(headerCell.font?.bold).toBe(true);
      expect(headerCell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    }
    const sheet = workbook.getWorksheet('场景目录')!;
    SCENARIO_COLUMNS.forEach((column, i) => expect(sheet.getColumn(i + 1).width).toBe(column.width));
  });

  it('writes every cell as its column says: text formula-safe and XML-clean, numbers, real dates', async () => {
    const workbook = await load(await bytesPromise);
    const sheet = workbook.getWorksheet('场景目录')!;
    rows.forEach((scenario: Scenario, r) => {
      const row = sheet.getRow(r + 2);
      SCENARIO_COLUMNS.forEach((column, c) => {
        const cell = row.getCell(c + 1);
        const value = column.toCell(scenario, regions);
        if (value === null || value === '') {
          expect(cell.value, `${column.key} row ${r}`).toBeNull();
        } else if (column.kind === 'number') {
          expect(cell.type).toBe(ExcelJS.ValueType.Number);
          expect(cell.value).toBe(value);
        } else if (column.kind === 'date') {
          expect(cell.type, `${column.key} row ${r}`).toBe(ExcelJS.ValueType.Date);
          expect(cell.numFmt).toBe('yyyy-mm-dd');
          expect((cell.value as Date).toISOString().slice(0, 10)).toBe(value);
        } else if (column.kind === 'datetime') {
          expect(cell.type).toBe(ExcelJS.ValueType.Date);
          expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
          // ExcelJS reads the serial as UTC: the Shanghai wall clock, to the millisecond ExcelJS keeps
          expect(Math.abs((cell.value as Date).getTime() - ((value as number) + 8 * 3_600_000))).toBeLessThan(2);
        } else {
          expect(readText(cell), `${column.key} row ${r}`).toBe(neutraliseFormula(String(value)).replace(ILLEGAL, ''));
        }
      });
    });
  });

  it('neutralises hostile cells and keeps Chinese, phones and literal escapes readable', async () => {
    const workbook = await load(await bytesPromise);
    const sheet = workbook.getWorksheet('场景目录')!;
    const titleColumn = SCENARIO_COLUMNS.findIndex((column) => column.key === 'title') + 1;
    const phoneColumn = SCENARIO_COLUMNS.findIndex((column) => column.key === 'contactPhone') + 1;
    HOSTILE_TITLES.forEach(([, exported], i) => expect(textOf(sheet.getRow(i + 2).getCell(titleColumn))).toBe(exported));
    expect(textOf(sheet.getRow(2).getCell(titleColumn))).toBe(`'${DDE_PAYLOAD}`);
    expect(sheet.getRow(2).getCell(titleColumn).type).toBe(ExcelJS.ValueType.String);
    expect(textOf(sheet.getRow(22).getCell(phoneColumn))).toBe('+86 138 1234 5678');
    expect(textOf(sheet.getRow(23).getCell(phoneColumn))).toBe('028-85422114');
    expect(textOf(sheet.getRow(30).getCell(titleColumn))).toBe(rows[28]!.title);
    expect(rows[28]!.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('counts region × field × status in 统计, rolled up to the province', async () => {
    const workbook = await load(await bytesPromise);
    const sheet = workbook.getWorksheet('统计')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(STATS_COLUMNS.map((column) => column.zh));
    const totalColumn = STATS_COLUMNS.length;
    let provinceTotal = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === '510000') provinceTotal += row.getCell(totalColumn).value as number;
    });
    expect(provinceTotal).toBe(rows.length);
  });
});

describe('writeXlsx', () => {
  const sheet = (name: string, rowCount = 1): Sheet<number> => ({
    name,
    columns: [{ header: 'n', width: 8, kind: 'number', value: (n) => n }],
    rows: Array.from({ length: rowCount }, (_, i) => i),
  });

  it('writes the package parts Excel expects, [Content_Types].xml first', () => {
    const files = unzipSync(writeXlsx([sheet('A')]));
    expect(Object.keys(files)[0]).toBe('[Content_Types].xml');
    expect(Object.keys(files).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
  });

  it('auto storage: repeating texts shared, unique ones inline after the first 1000 rows', () => {
    const twoColumns: Sheet<number> = {
      name: 'S',
      columns: [
        { header: 'unique', width: 8, kind: 'text', value: (n) => `编号-${n}` },
        { header: 'repeating', width: 8, kind: 'text', value: (n) => (n % 2 === 0 ? '医疗健康' : '养老服务') },
      ],
      rows: Array.from({ length: 1200 }, (_, i) => i),
    };
    const xml = new TextDecoder().decode(unzipSync(writeXlsx([twoColumns]))['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('<c r="A1001" t="s">');
    expect(xml).toContain('<c r="A1002" t="inlineStr"><is><t>编号-1000</t></is></c>');
    expect(xml).toContain('<c r="B1201" t="s"><v>');
    expect(xml).not.toMatch(/<c r="B\d+" t="inlineStr">/);
    const strings = new TextDecoder().decode(unzipSync(writeXlsx([twoColumns]))['xl/sharedStrings.xml']);
    // two headers, the 1000 probed ids, two repeating texts
    expect(strings).toContain('uniqueCount="1004"');
  });

  it('writes every number as String() does, the six-decimal fast path included (property)', () => {
    const sixDecimals = fc.integer({ min: -1e15 + 1, max: 1e15 - 1 }).map((k) => k / 1e6);
    const any = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(fc.oneof(sixDecimals, any, fc.constantFrom(-0, 0.5, -0.5, 1e-6, -1e-6, 1e-7, 28.499413, 104.065735, 999_999_999.999999, 1e9, -1e9 + 0.5)), { minLength: 1, maxLength: 60 }), (numbers) => {
        const sheet: Sheet<number> = { name: 'N', columns: [{ header: 'n', width: 8, kind: 'number', value: (n) => n }], rows: numbers };
        const xml = new TextDecoder().decode(unzipSync(writeXlsx([sheet], { strings: 'inline' }))['xl/worksheets/sheet1.xml']);
        const written = [...xml.matchAll(/<c r="A(\d+)"><v>([^<]*)<\/v><\/c>/g)].map((match) => [Number(match[1]), match[2]]);
        expect(written).toEqual(numbers.map((n, i) => [i + 2, String(n)]));
      }),
    );
  });

  it('writes date-times that every reader rounds back to the same millisecond (property)', async () => {
    // 1900-03-01 to 9999-12-31 in Shanghai: the range a serial covers; whole milliseconds, as the register keeps them.
    const instant = fc.integer({ min: Date.UTC(1900, 2, 1) - 8 * 3_600_000, max: Date.UTC(9999, 11, 31, 15, 59, 59, 999) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(instant, fc.constantFrom(Date.UTC(2026, 0, 1, 16), Date.UTC(2026, 0, 1, 15, 59, 59, 999), Date.UTC(2026, 5, 1, 4, 0, 0, 1))), { minLength: 1, maxLength: 30 }), async (instants) => {
        const sheet: Sheet<number> = { name: 'T', columns: [{ header: 't', width: 8, kind: 'datetime', value: (ms) => ms }], rows: instants };
        const bytes = writeXlsx([sheet]);
        const ours = readXlsx(bytes);
        if (!ours.ok) throw new Error(ours.message);
        // `+ 0`: the reader rounds the epoch itself to -0, the same instant.
        expect(ours.value.rows.slice(1).map((row) => (epochMsOfSerial((row.cells[0] as DateCell).serial) ?? Number.NaN) + 0)).toEqual(instants);
        const theirs = (await load(bytes)).getWorksheet('T')!;
        instants.forEach((ms, i) => expect((theirs.getRow(i + 2).getCell(1).value as Date).getTime()).toBe(ms + 8 * 3_600_000));
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same bytes for the same input', () => {
    expect(writeXlsx([sheet('A', 50)])).toEqual(writeXlsx([sheet('A', 50)]));
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(32), 'longer than 31'],
    ['a/b', 'slash'],
    ['a[1]', 'brackets'],
    ["'quoted'", 'quotes at the ends'],
  ])('refuses the sheet name %j (%s)', (name) => {
    expect(() => writeXlsx([sheet(name)])).toThrow(RangeError);
  });

  it('refuses duplicate sheet names, ignoring case, and an empty workbook', () => {
    expect(() => writeXlsx([sheet('Data'), sheet('data')])).toThrow(/duplicate/);
    expect(() => writeXlsx([])).toThrow(RangeError);
  });

  it('reports progress up to all rows', () => {
    const seen: number[] = [];
    writeXlsx([sheet('A', 1000), sheet('B', 10)], { chunkRows: 300, onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('cuts text to the 32,767 characters Excel allows in a cell', async () => {
    const long: Sheet<string> = { name: 'L', columns: [{ header: 't', width: 8, kind: 'text', value: (s) => s }], rows: ['长'.repeat(40_000)] };
    const workbook = await load(writeXlsx([long], { strings: 'inline' }));
    expect(textOf(workbook.worksheets[0]!.getCell('A2'))).toHaveLength(32_767);
  });
});

/** A compression "worker" on the other end of a real MessageChannel (in this thread), as the export worker talks to deflateWorker.ts. */
function channelDeflater() {
  const channel = new MessageChannel();
  serveDeflate(channel.port2 as unknown as PortLike);
  const asking = portDeflater(channel.port1 as unknown as PortLike);
  return {
    deflater: asking.deflater,
    close: () => {
      asking.close();
      channel.port2.close();
    },
  };
}

/** What a number or text column of the property test holds for a generated value. */
const cellOf = (kind: 'text' | 'number', value: string | number | null) => (kind === 'number' ? (typeof value === 'number' ? value : null) : typeof value === 'string' ? value : null);

describe('writeXlsxAsync (compression over a message port, as in the app)', () => {
  it('gives the same bytes as writeXlsx, which ExcelJS and our reader read cell by cell', async () => {
    const port = channelDeflater();
    try {
      const options = { chunkBytes: 4096, plan: undefined } as const;
      const bytes = joinParts(await writeScenarioXlsxAsync(rows, regions, { ...options, deflater: port.deflater }));
      expect(Buffer.from(bytes).equals(Buffer.from(writeScenarioXlsx(rows, regions, options)))).toBe(true);
      const workbook = await load(bytes);
      const sheet = workbook.getWorksheet('场景目录')!;
      const ours = readXlsx(bytes, { preferSheets: ['场景目录'] });
      if (!ours.ok) throw new Error(ours.message);
      expect(ours.value.rows).toHaveLength(rows.length + 1);
      ours.value.rows.forEach((row) => {
        row.cells.forEach((cell, c) => {
          const theirs = sheet.getRow(row.number).getCell(c + 1);
          if (typeof cell === 'string') expect(textOf(theirs)).toBe(cell);
          else if (typeof cell === 'number') expect(theirs.value).toBe(cell);
        });
      });
    } finally {
      port.close();
    }
  });

  it('reads back any texts and numbers exactly, cut into many small chunks (property)', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '脑', '机', '<', '&', '>', '"', "'", '_x0041_', ' ', '=', '-', '\n', '😀', '\u0001'), maxLength: 12 });
    const cell = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }), fc.constantFrom<StringStorage>('auto', 'shared', 'inline'), async (data, strings) => {
        const kinds = ['text', 'number', 'text'] as const;
        const sheet: Sheet<(string | number | null)[]> = {
          name: 'P',
          columns: kinds.map((kind, c) => ({ header: `h${c}`, width: 8, kind, value: (row) => cellOf(kind, row[c] ?? null) })),
          rows: data,
        };
        const port = channelDeflater();
        try {
          const bytes = joinParts(await writeXlsxAsync([sheet], { strings, chunkBytes: 4096, deflater: port.deflater }));
          const read = readXlsx(bytes);
          if (!read.ok) throw new Error(read.message);
          const byNumber = new Map(read.value.rows.map((row) => [row.number, row.cells]));
          data.forEach((values, r) => {
            const cells = byNumber.get(r + 2) ?? [];
            values.forEach((value, c) => {
              const kept = cellOf(kinds[c] ?? 'text', value);
              const expected = typeof kept === 'string' ? neutraliseFormula(kept).replace(ILLEGAL, '') : kept;
              const got = cells[c] ?? null;
              if (typeof expected === 'number') expect(got).toBe(Object.is(expected, -0) ? 0 : expected);
              else expect(got).toBe(expected === '' ? null : expected);
            });
          });
        } finally {
          port.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('cell helpers', () => {
  it.each([
    ['1900-01-01', 1],
    ['1900-02-28', 59],
    ['1900-03-01', 61],
    ['2026-11-25', 46351],
    ['2030-12-31', 47848],
    ['2026-02-30', null],
    ['26-01-01', null],
  ])('Excel serial of %s is %s', (date, serial) => {
    expect(excelSerialOfIsoDate(date)).toBe(serial);
  });

  it('puts instants on the Shanghai wall clock', () => {
    // 2026-01-01 00:00 in Shanghai is 2025-12-31 16:00 UTC
    expect(excelSerialOfEpochMs(Date.UTC(2025, 11, 31, 16))).toBe(excelSerialOfIsoDate('2026-01-01'));
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('column %i is %s', (index, letters) => expect(columnLetters(index)).toBe(letters));

  it.each([
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    ['\u0000x\u0008y\u000Bz', 'xyz'],
    ['tab\tlf\ncr\r', 'tab\tlf\ncr&#13;'],
    ['_x0041_', '_x005F_x0041_'],
    ['\uD83E\uDDE0', '\uD83E\uDDE0'],
    ['\uDC00lone', 'lone'],
  ])('escapes %j for XML', (text, xml) => expect(escapeXmlText(text)).toBe(xml));
});
