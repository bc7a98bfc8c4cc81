import type { DashboardVariable, Frame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { defaultVariableValues, instrumentOptions, reconcileVariableValues } from './variable-values.ts';

const variables: DashboardVariable[] = [
  { name: 'symbol', type: 'instrument', default: 'SIM:AAPL' },
  { name: 'tf', type: 'custom', options: ['1h', '1d'], default: '1d' },
];

describe('variable values', () => {
  it('start at the defaults', () => {
    expect(defaultVariableValues(variables)).toEqual({ symbol: 'SIM:AAPL', tf: '1d' });
  });

  it('keep picked values that are still allowed, and reset the rest to the default', () => {
    const picked = { symbol: 'SIM:BTCUSD', tf: '1h', gone: 'x' };
    const changed: DashboardVariable[] = [
      { name: 'symbol', type: 'instrument', default: 'SIM:AAPL' },
      { name: 'tf', type: 'custom', options: ['4h', '1d'], default: '1d' },
      { name: 'note', type: 'text', default: 'hello' },
    ];
    expect(reconcileVariableValues(changed, picked)).toEqual({ symbol: 'SIM:BTCUSD', tf: '1d', note: 'hello' });
  });

  it('return the same object when nothing changes, so panels do not re-render', () => {
    const values = { symbol: 'SIM:MSFT', tf: '1h' };
    expect(reconcileVariableValues(variables, values)).toBe(values);
  });
});

describe('instrumentOptions', () => {
  const sources = [
    {
      querySchema: {
        properties: {
          symbol: { enum: ['SIM:AAPL', 'SIM:EURUSD', 'SIM:NEW'], 'x-widget': 'instrument' },
          timeframe: { enum: ['1h'], 'x-widget': 'timeframe' },
        },
      },
    },
  ];
  const table: Frame = {
    kind: 'table',
    columns: [
      { name: 'symbol', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'assetClass', type: 'string' },
    ],
    rows: [
      ['SIM:AAPL', 'Apple-like tech', 'stock'],
      ['SIM:EURUSD', 'Euro / US dollar', 'fx'],
    ],
  };

  it('lists every enumerated symbol, named and grouped where the instruments table knows it', () => {
    expect(instrumentOptions(sources, table)).toEqual([
      { symbol: 'SIM:AAPL', name: 'Apple-like tech', group: 'Stocks' },
      { symbol: 'SIM:EURUSD', name: 'Euro / US dollar', group: 'FX' },
      { symbol: 'SIM:NEW' },
    ]);
  });

  it('works from the schemas alone', () => {
    expect(instrumentOptions(sources).map((option) => option.symbol)).toEqual(['SIM:AAPL', 'SIM:EURUSD', 'SIM:NEW']);
  });
});
