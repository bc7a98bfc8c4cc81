import type { Frame, TableColumn } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { numberCell, readTable, textCell } from './table-frame.ts';

const required: TableColumn[] = [
  { name: 'symbol', type: 'string' },
  { name: 'pnl', type: 'number' },
];
const optional: TableColumn[] = [{ name: 'note', type: 'string' }];
const read = (frames: Frame[] | undefined) => readTable(frames, { widgetName: 'P&L waterfall', required, optional });

describe('readTable', () => {
  it('finds the columns by name, whatever their order, and ignores extra ones', () => {
    const reading = read([
      {
        kind: 'table',
        columns: [
          { name: 'pnl', type: 'number' },
          { name: 'qty', type: 'number' },
          { name: 'symbol', type: 'string' },
        ],
        rows: [[-5, 1, 'A']],
      },
    ]);
    expect(reading.status).toBe('ok');
    if (reading.status !== 'ok') return;
    expect(reading.column('symbol')).toBe(2);
    expect(reading.column('note')).toBeUndefined();
    expect(numberCell(reading.rows[0], reading.column('pnl'))).toBe(-5);
    expect(textCell(reading.rows[0], reading.column('note'))).toBe('');
  });

  it('names the missing columns and the columns the query returned', () => {
    const reading = read([{ kind: 'table', columns: [{ name: 'Symbol', type: 'string' }], rows: [['A']] }]);
    expect(reading).toEqual({
      status: 'problem',
      message: 'P&L waterfall expects a table with columns symbol, pnl; got columns Symbol (string) (missing symbol, pnl).',
    });
  });

  it('names a column of the wrong type, optional ones included', () => {
    const reading = read([
      {
        kind: 'table',
        columns: [
          { name: 'symbol', type: 'string' },
          { name: 'pnl', type: 'string' },
          { name: 'note', type: 'number' },
        ],
        rows: [],
      },
    ]);
    expect(reading.status === 'problem' && reading.message).toMatch(
      /\(pnl is string, not number; note is number, not string\)\.$/,
    );
  });

  it('names a frame of another kind', () => {
    const reading = read([{ kind: 'ohlcv' } as Frame]);
    expect(reading.status === 'problem' && reading.message).toBe(
      'P&L waterfall expects a table with columns symbol, pnl; got an ohlcv frame.',
    );
  });

  it('treats no frame, an empty table and a table without rows as no data', () => {
    expect(read(undefined)).toEqual({ status: 'no-data' });
    expect(read([])).toEqual({ status: 'no-data' });
    expect(read([{ kind: 'table', columns: [], rows: [] }])).toEqual({ status: 'no-data' });
    expect(read([{ kind: 'table', columns: required, rows: [] }])).toEqual({ status: 'no-data' });
  });
});

describe('cells', () => {
  it('reads empty and ill-typed cells as NaN or empty text', () => {
    expect(numberCell([null], 0)).toBeNaN();
    expect(numberCell(['12'], 0)).toBeNaN();
    expect(textCell([42], 0)).toBe('42');
    expect(textCell([null], 0)).toBe('');
  });
});
