import type { Frame, TableFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { readHeatmap } from './heatmap-model.ts';

const contribution: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'symbol', type: 'string' },
    { name: 'component VaR', type: 'number' },
    { name: 'share', type: 'number' },
  ],
  rows: [
    ['SIM:AAPL', 12_000, 0.6],
    ['SIM:TLT', -2_000, -0.1],
    ['SIM:BTCUSD', 10_000, 0.5],
  ],
};

describe('readHeatmap', () => {
  it('scales each measure of a risk contribution table on its own', () => {
    const reading = readHeatmap([contribution], 'sequential');
    expect(reading.status).toBe('ok');
    if (reading.status !== 'ok') return;
    expect(reading.model.matrix).toBe(false);
    expect(reading.model.rows).toEqual(['SIM:AAPL', 'SIM:TLT', 'SIM:BTCUSD']);
    expect(reading.model.columns).toEqual(['component VaR', 'share']);
    expect(reading.model.domains).toEqual([
      { min: 0, max: 12_000 },
      { min: 0, max: 0.6 },
    ]);
  });

  it('gives a correlation matrix, whose columns are its rows, one shared domain', () => {
    const matrix: Frame = {
      kind: 'table',
      columns: [
        { name: 'symbol', type: 'string' },
        { name: 'A', type: 'number' },
        { name: 'B', type: 'number' },
      ],
      rows: [
        ['A', 1, null],
        ['B', -0.3, 1],
      ],
    };
    const reading = readHeatmap([matrix], 'diverging');
    if (reading.status !== 'ok') throw new Error(reading.status);
    expect(reading.model.matrix).toBe(true);
    expect(reading.model.domains).toEqual([
      { min: -1, max: 1 },
      { min: -1, max: 1 },
    ]);
    expect(reading.model.values[0]![1]).toBeNaN();
  });

  it('explains the expected shape when the first column is not a label or another is not a number', () => {
    const bad: Frame = {
      kind: 'table',
      columns: [
        { name: 'symbol', type: 'string' },
        { name: 'listed', type: 'time' },
      ],
      rows: [['A', 0]],
    };
    expect(readHeatmap([bad], 'diverging')).toEqual({
      status: 'problem',
      message:
        'Risk heatmap expects a table whose first column is a label and the others numbers; got columns symbol (string), listed (time).',
    });
    expect(readHeatmap([{ kind: 'scalar', value: 1 }], 'diverging')).toEqual({
      status: 'problem',
      message: 'Risk heatmap expects a table whose first column is a label and the others numbers; got a scalar frame.',
    });
  });

  it('has no data for no frame or no rows', () => {
    expect(readHeatmap([], 'diverging')).toEqual({ status: 'no-data' });
    expect(readHeatmap([{ ...contribution, rows: [] }], 'diverging')).toEqual({ status: 'no-data' });
  });
});
