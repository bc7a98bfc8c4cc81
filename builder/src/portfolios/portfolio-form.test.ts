import { describe, expect, it } from 'vitest';
import type { Portfolio } from '../risk/risk-api.ts';
import { portfolioDraft, portfolioDraftIssues, portfolioFields, positionRowIndexes } from './portfolio-form.ts';

const stored: Portfolio = {
  id: 'p1',
  permission: 'admin',
  name: 'Core book',
  description: null,
  capital: 500_000,
  dataSource: 'nautilus.sim-market/bars',
  positions: [
    { symbol: 'SIM:AAPL', quantity: 100 },
    { symbol: 'SIM:EURUSD', quantity: -100_000, assetClass: 'fx' },
  ],
  limits: { limits: [{ kind: 'maxGrossExposure', warn: 100_000, hard: 1_000_000 }], onHardBreach: 'deny' },
  version: 3,
  createdAt: '2026-11-24T00:00:00.000Z',
  updatedAt: '2026-11-24T00:00:00.000Z',
};

describe('portfolio form', () => {
  it('gives back the stored fields after a round trip through the form', () => {
    const { id, version, createdAt, updatedAt, permission, ...fields } = stored;
    expect(portfolioFields(portfolioDraft(stored))).toEqual(fields);
  });

  it('drops position rows left empty, trims texts and sends no limit set without limits', () => {
    const draft = { ...portfolioDraft(), name: '  New book ', description: '  ' };
    draft.positions.push({ key: 'x', symbol: 'SIM:SPY', quantity: -5 });
    expect(portfolioFields(draft)).toMatchObject({
      name: 'New book',
      description: null,
      positions: [{ symbol: 'SIM:SPY', quantity: -5 }],
      limits: null,
    });
    expect(portfolioDraftIssues(draft)).toEqual([]);
  });

  it('numbers position issues as the server would, counting only the rows sent', () => {
    const draft = portfolioDraft();
    draft.name = 'Book';
    draft.positions = [
      { key: 'a', symbol: null, quantity: null },
      { key: 'b', symbol: 'SIM:AAPL', quantity: 1 },
      { key: 'c', symbol: null, quantity: 5 },
      { key: 'd', symbol: 'SIM:AAPL', quantity: null },
    ];
    expect(portfolioDraftIssues(draft)).toEqual([
      { path: 'positions[1].symbol', message: 'pick an instrument' },
      { path: 'positions[2].quantity', message: 'enter a quantity (negative for a short)' },
      { path: 'positions[2].symbol', message: 'SIM:AAPL is already held in row 2; merge the rows' },
    ]);
    expect(positionRowIndexes(draft)).toEqual([1, 2, 3]);
  });

  it('requires a name and a positive capital, and checks the limits under `limits`', () => {
    const draft = portfolioDraft(stored);
    draft.name = ' ';
    draft.capital = 0;
    draft.limits.limits[0]!.warn = 2_000_000;
    expect(portfolioDraftIssues(draft).map((issue) => issue.path)).toEqual(['name', 'capital', 'limits.limits[0].hard']);
  });
});
