import { caughtError } from '@nautilus/sdk/testing';
import { describe, expect, it } from 'vitest';
import { parseCsv, toTable, toTimeSeries } from './csv-table.ts';
import { readLimited } from './resource.ts';

const ALL_TIME = { from: Date.parse('1900-01-01'), to: Date.parse('2100-01-01') };

describe('CSV files', () => {
  it('parses quoted fields with commas, escaped quotes, line breaks in quotes, CRLF, a BOM and trailing empty lines', () => {
    expect(parseCsv('\ufeffname,"note, long"\r\n"a ""b""","x\ny"\r\nc,\r\n\r\n,\r\n\n', 'f.csv')).toEqual({
      header: ['name', 'note, long'],
      rows: [
        ['a "b"', 'x\ny'],
        ['c', ''],
      ],
      rowNumbers: [3, 4],
    });
  });

  it('numbers rows by their line in the file, blank lines and rows of empty cells skipped', () => {
    expect(parseCsv(' a , b \n1,2\n\n,\n3,4', 'f.csv')).toEqual({
      header: ['a', 'b'],
      rows: [
        ['1', '2'],
        ['3', '4'],
      ],
      rowNumbers: [2, 5],
    });
    const csv = parseCsv('t,v\n2024,1\n\nlater,2\n', 'f.csv');
    expect(() => toTimeSeries(csv, { timeColumn: 't', range: ALL_TIME }, 'f.csv')).toThrow(/f\.csv: row 4, column "t": "later"/);
  });

  it('names the line of a ragged row or an unclosed quote, and refuses a file without a header', () => {
    expect(() => parseCsv('a,b\n1,2,3\n', 'f.csv')).toThrow(/f\.csv is not valid CSV at line 2/);
    expect(() => parseCsv('a,b\n"1,2\n', 'f.csv')).toThrow(/f\.csv is not valid CSV/);
    expect(() => parseCsv('\n\n', 'f.csv')).toThrow(/f\.csv has no header row/);
  });

  it('stops parsing after maxRows + 1 rows', () => {
    expect(parseCsv('v\n1\n2\n3\n4\n5\n', 'f.csv', 2).rows).toEqual([['1'], ['2'], ['3']]);
    expect(parseCsv('v\n1\n2\n', 'f.csv', 2).rows).toEqual([['1'], ['2']]);
  });

  it('types a column number only when every non-empty cell is a decimal number', () => {
    const table = toTable({
      header: ['n', 'hex', 'blank', 'mixed'],
      rows: [
        ['1.5', '0x10', '', '1'],
        ['-2e3', '12', ' ', 'n/a'],
        ['', '7', '', ''],
      ],
    });
    expect(table.columns.map((column) => column.type)).toEqual(['number', 'string', 'number', 'string']);
    expect(table.rows).toEqual([
      [1.5, '0x10', null, '1'],
      [-2000, '12', null, 'n/a'],
      [null, '7', null, null],
    ]);
  });

  it('keeps the most recent maxPoints points of each series', () => {
    const rows = [
      ['2020', '1', ''],
      ['2021', '2', '20'],
      ['2022', '3', '30'],
      ['2019', '0', '0'],
    ];
    const frame = toTimeSeries(
      { header: ['year', 'a', 'b'], rows, rowNumbers: [2, 3, 4, 5] },
      { timeColumn: 'year', range: ALL_TIME, maxPoints: 2 },
      'f.csv',
    );
    const year = (y: number) => Date.UTC(y, 0, 1);
    expect(frame.series).toEqual([
      { name: 'a', time: [year(2021), year(2022)], values: [2, 3] },
      { name: 'b', time: [year(2021), year(2022)], values: [20, 30] },
    ]);
  });

  it('refuses a body over the size limit by Content-Length or while reading, never cutting it short', async () => {
    expect(await readLimited(new Response('a,b\n1,2\n'), 'u', 8)).toBe('a,b\n1,2\n');
    const streamed = await caughtError(readLimited(new Response('a,b\n1,2\n3,4\n'), 'https://x.gov/f.csv', 8));
    expect(streamed).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/larger than 8 bytes/) });
    const declared = new Response('a', { headers: { 'content-length': '9' } });
    expect((await caughtError(readLimited(declared, 'u', 8))).fields).toEqual([
      { path: 'params.url', message: 'file over 8 bytes' },
    ]);
  });
});
