import type { OhlcvFrame, TableFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { toTableModel } from './table-model.ts';
import { nextSort, sortRows } from './table-sort.ts';

const table: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'symbol', type: 'string' },
    { name: 'price', type: 'number', unit: 'USD' },
    { name: 'listed', type: 'time' },
    { name: 'active', type: 'boolean' },
  ],
  rows: [
    ['item 10', 9.5, '2021-03-01T00:00:00Z', true],
    ['item 2', 100, '2020-01-01T00:00:00Z', false],
    ['Item 1', null, '2022-06-15T12:00:00Z', true],
    ['item 3', 20, null, null],
  ],
};
const column = (name: string) => table.columns.findIndex((item) => item.name === name);
const symbols = (order: number[]) => order.map((row) => table.rows[row]?.[0]);

describe('sortRows', () => {
  const model = toTableModel(table);

  it('keeps the frame order until a column is sorted', () => {
    expect(symbols(sortRows(model, null))).toEqual(['item 10', 'item 2', 'Item 1', 'item 3']);
  });

  it('sorts numbers numerically, not as text, with empty cells last either way', () => {
    expect(symbols(sortRows(model, { column: column('price'), direction: 'asc' }))).toEqual([
      'item 10',
      'item 3',
      'item 2',
      'Item 1',
    ]);
    expect(symbols(sortRows(model, { column: column('price'), direction: 'desc' }))).toEqual([
      'item 2',
      'item 3',
      'item 10',
      'Item 1',
    ]);
  });

  it('sorts text naturally and case-insensitively', () => {
    expect(symbols(sortRows(model, { column: column('symbol'), direction: 'asc' }))).toEqual([
      'Item 1',
      'item 2',
      'item 3',
      'item 10',
    ]);
  });

  it('sorts ISO time strings by time and booleans false first', () => {
    expect(symbols(sortRows(model, { column: column('listed'), direction: 'desc' }))).toEqual([
      'Item 1',
      'item 10',
      'item 2',
      'item 3',
    ]);
    expect(symbols(sortRows(model, { column: column('active'), direction: 'asc' }))).toEqual([
      'item 2',
      'item 10',
      'Item 1',
      'item 3',
    ]);
  });
});

describe('OHLCV bars as a table', () => {
  const bars: OhlcvFrame = {
    kind: 'ohlcv',
    symbol: 'SIM:AAPL',
    timeframe: '1d',
    time: [0, 86_400_000, 172_800_000],
    open: [1, 2, 3],
    high: [1, 2, 3],
    low: [1, 2, 3],
    close: [10.5, 9.25, 11],
    volume: [100, 300, 200],
  };
  const model = toTableModel(bars);

  it('lists time, open, high, low, close and volume, newest first', () => {
    expect(model.columns.map((item) => item.name)).toEqual(['time', 'open', 'high', 'low', 'close', 'volume']);
    expect(sortRows(model, null)).toEqual([2, 1, 0]);
  });

  it('notices whole-number columns and date-only times', () => {
    expect(model.columns.find((item) => item.name === 'volume')?.wholeNumbers).toBe(true);
    expect(model.columns.find((item) => item.name === 'close')?.wholeNumbers).toBe(false);
    expect(model.columns[0]?.datesOnly).toBe(true);
  });

  it('sorts by time ascending on demand', () => {
    expect(sortRows(model, { column: 0, direction: 'asc' })).toEqual([0, 1, 2]);
    expect(sortRows(model, { column: 5, direction: 'desc' })).toEqual([1, 2, 0]);
  });
});

describe('nextSort', () => {
  it('sorts a new column ascending and flips the same column', () => {
    expect(nextSort(null, 2)).toEqual({ column: 2, direction: 'asc' });
    expect(nextSort({ column: 2, direction: 'asc' }, 2)).toEqual({ column: 2, direction: 'desc' });
    expect(nextSort({ column: 2, direction: 'desc' }, 2)).toEqual({ column: 2, direction: 'asc' });
    expect(nextSort({ column: 2, direction: 'desc' }, 0)).toEqual({ column: 0, direction: 'asc' });
  });
});
