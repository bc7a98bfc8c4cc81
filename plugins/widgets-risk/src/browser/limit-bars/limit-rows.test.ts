import type { TableColumn } from '@nautilus/sdk';
import { LIMIT_TABLE_COLUMNS } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { readTable } from '../shared/table-frame.ts';
import { barGeometry, orderLimits, readLimitRows } from './limit-rows.ts';

const read = (rows: (string | number | null)[][]) => {
  const reading = readTable([{ kind: 'table', columns: LIMIT_TABLE_COLUMNS as TableColumn[], rows }], {
    widgetName: 'Limit utilisation',
    required: LIMIT_TABLE_COLUMNS,
  });
  if (reading.status !== 'ok') throw new Error(reading.status);
  return readLimitRows(reading);
};

describe('readLimitRows', () => {
  it('works out utilisation and status only when the table leaves them empty', () => {
    const [breach, warn, ok, given] = read([
      ['a', 'portfolio', 110, 80, 100, null, null],
      ['b', 'portfolio', 85, 80, 100, null, ''],
      ['c', 'portfolio', 50, null, 200, null, null],
      ['d', 'portfolio', 50, 80, 100, 0.5, 'breach'],
    ]);
    expect([breach?.utilisation, breach?.status]).toEqual([1.1, 'breach']);
    expect([warn?.utilisation, warn?.status]).toEqual([0.85, 'warn']);
    expect([ok?.utilisation, ok?.status]).toEqual([0.25, 'ok']);
    expect(given?.status).toBe('breach');
  });
});

describe('orderLimits', () => {
  const rows = read([
    ['limit 10', 'portfolio', 1, null, 4, 0.25, 'ok'],
    ['limit 2', 'SIM:B', 3, null, 4, 0.75, 'ok'],
    ['limit 2', 'SIM:A', 3, null, 4, 0.75, 'ok'],
    ['limit 1', 'portfolio', 1, null, null, null, 'ok'],
  ]);
  const names = (sorted: typeof rows) => sorted.map((row) => `${row.limit}/${row.scope}`);

  it('puts the most used first, ties by name, unknown utilisation last', () => {
    expect(names(orderLimits(rows, 'utilisation'))).toEqual([
      'limit 2/SIM:A',
      'limit 2/SIM:B',
      'limit 10/portfolio',
      'limit 1/portfolio',
    ]);
  });

  it('sorts names naturally, then by scope', () => {
    expect(names(orderLimits(rows, 'name'))).toEqual([
      'limit 1/portfolio',
      'limit 2/SIM:A',
      'limit 2/SIM:B',
      'limit 10/portfolio',
    ]);
  });
});

describe('barGeometry', () => {
  it('clamps the fill to the track and places the tick at warn / hard', () => {
    const [over, negative] = read([
      ['a', 'portfolio', 150, 75, 100, 1.5, 'breach'],
      ['b', 'portfolio', -20, 120, 100, -0.2, 'ok'],
    ]);
    expect(barGeometry(over!)).toEqual({ fill: 1, tick: 0.75 });
    expect(barGeometry(negative!)).toEqual({ fill: 0, tick: 1 });
  });
});
