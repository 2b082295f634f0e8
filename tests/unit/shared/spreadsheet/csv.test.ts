import { describe, expect, it } from 'vitest';
import { BOM, csvField, parseCsv, toCsvText, writeCsv } from '../../../../shared/spreadsheet/csv';
import { SCENARIO_COLUMNS } from '../../../../shared/spreadsheet/scenarioColumns';
import { scenarioSheet, writeScenarioCsv } from '../../../../shared/spreadsheet/scenarioWorkbook';
import type { Sheet } from '../../../../shared/spreadsheet/sheet';
import { DDE_PAYLOAD, exportScenarios, HOSTILE_TITLES, realRegions } from './exportFixture';

const regions = realRegions();
const rows = exportScenarios(regions);

describe('writeScenarioCsv', () => {
  const bytes = writeScenarioCsv(rows, regions, { chunkRows: 33 });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

  it('starts with the UTF-8 BOM so zh-CN Excel reads it as UTF-8', () => {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith(BOM)).toBe(true);
  });

  it('parses back: Chinese header, one record per scenario, every field as exported', () => {
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const [header, ...records] = parsed.rows;
    expect(header).toEqual(SCENARIO_COLUMNS.map((column) => column.zh));
    expect(records).toHaveLength(rows.length);
    records.forEach((record) => expect(record).toHaveLength(SCENARIO_COLUMNS.length));
    const title = SCENARIO_COLUMNS.findIndex((column) => column.key === 'title');
    const phone = SCENARIO_COLUMNS.findIndex((column) => column.key === 'contactPhone');
    const openFrom = SCENARIO_COLUMNS.findIndex((column) => column.key === 'openFrom');
    const created = SCENARIO_COLUMNS.findIndex((column) => column.key === 'createdAt');
    const lat = SCENARIO_COLUMNS.findIndex((column) => column.key === 'lat');
    expect(records[0]![title]).toBe(`'${DDE_PAYLOAD}`);
    // CSV keeps what XML cannot: control characters survive, formula triggers do not
    // (a lone surrogate cannot be UTF-8: the encoder writes U+FFFD for it)
    const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
    HOSTILE_TITLES.forEach(([input], i) => expect(records[i]![title]!.replace(/^'/, '')).toBe(input.replace(LONE_SURROGATE, '\uFFFD')));
    expect(records[20]![phone]).toBe('+86 138 1234 5678');
    expect(records[21]![phone]).toBe('028-85422114');
    expect(records[28]![title]).toBe(rows[28]!.title);
    expect(records[28]![title]).toMatch(/[\u4e00-\u9fff]/);
    expect(records[40]![openFrom]).toBe(rows[40]!.openFrom ?? '');
    expect(records[40]![created]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(Number(records[40]![lat])).toBe(rows[40]!.location.lat);
  });

  it('matches toCsvText for the same sheet', () => {
    expect(bytes).toEqual(new TextEncoder().encode(toCsvText(scenarioSheet(rows, regions))));
  });
});

describe('csv fields', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['lf\nonly', '"lf\nonly"'],
    [' padded ', '" padded "'],
    ['', ''],
  ])('quotes %j as %j', (text, field) => expect(csvField(text)).toBe(field));

  it('writes numbers, formula-safe text and empty cells', () => {
    const sheet: Sheet<readonly (string | number | null)[]> = {
      name: 'x',
      columns: [0, 1, 2].map((i) => ({ header: `c${i}`, width: 8, kind: i === 0 ? 'number' : 'text', value: (row) => row[i] ?? null })),
      rows: [
        [-12.5, '=1+1', null],
        [Number.NaN, '-3', 'a"b'],
      ],
    };
    expect(toCsvText(sheet)).toBe(`${BOM}c0,c1,c2\r\n-12.5,'=1+1,\r\n,-3,"a""b"\r\n`);
    expect(new TextDecoder().decode(writeCsv(sheet))).toBe(toCsvText(sheet).slice(1));
  });
});

describe('parseCsv', () => {
  it.each([
    ['a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['a,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['a,b\rc,d', [['a', 'b'], ['c', 'd']]],
    [`${BOM}头,尾`, [['头', '尾']]],
    ['"a,1","b ""q"""\r\n', [['a,1', 'b "q"']]],
    ['"multi\r\nline",x', [['multi\r\nline', 'x']]],
    ['a,,\r\n', [['a', '', '']]],
    ['""', [['']]],
    ['', []],
  ])('parses %j', (text, expected) => {
    expect(parseCsv(text)).toEqual({ ok: true, rows: expected });
  });

  it.each([
    ['"never closed', 'unterminated-quote', 1],
    ['a\r\n"x\r\n', 'unterminated-quote', 2],
    ['a"b,c', 'quote-in-unquoted-field', 1],
    ['"a"b,c', 'quote-in-unquoted-field', 1],
    ['ok\n"a" ,c', 'quote-in-unquoted-field', 2],
  ])('refuses %j', (text, error, line) => {
    expect(parseCsv(text)).toEqual({ ok: false, error, line });
  });
});
