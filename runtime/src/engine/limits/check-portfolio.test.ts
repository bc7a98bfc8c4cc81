import { describe, expect, it } from 'vitest';
import { checkPortfolio, compileLimitSet, limitDayOf, type PortfolioState } from '../../index.ts';

const state: PortfolioState = {
  positions: [{ symbol: 'SIM:A', quantity: 300, price: 100 }],
  equity: 10_000,
  startOfDayEquity: 11_000,
  peakEquity: 12_500,
};

describe('checkPortfolio', () => {
  it('reports the market-move limits above a threshold: daily loss, drawdown, leverage, VaR', () => {
    const limits = compileLimitSet({
      limits: [
        { kind: 'maxDailyLoss', warn: 500, hard: 2_000 },
        { kind: 'maxDrawdown', hard: 0.2 },
        { kind: 'maxLeverage', warn: 2, hard: 3 },
        { kind: 'maxVar', hard: 1_000, confidence: 0.95, volatility: { 'SIM:A': 0.01 } },
        { kind: 'maxPosition', hard: 1 },
      ],
      onHardBreach: 'halt',
    });
    // Loss 1,000 (warn); drawdown 1 − 10,000 / 12,500 = 20 % (at hard: within); leverage 30,000 / 10,000 = 3 (at hard, above warn);
    // VaR 1.6449 × 30,000 × 0.01 = 493.5 (within). maxPosition is an order limit, not evaluated here.
    expect(checkPortfolio(state, limits, { now: 0 }).map(({ limit, level, value }) => [limit, level, value])).toEqual([
      ['maxDailyLoss', 'warn', 1_000],
      ['maxLeverage', 'warn', 3],
    ]);
    const worse = checkPortfolio({ ...state, equity: 9_000 }, limits, { now: 0 });
    expect(worse.map((finding) => finding.message)).toEqual([
      'maxDailyLoss: loss today 2,000 exceeds warn limit 500',
      'maxDrawdown: drawdown from peak equity 28 % exceeds hard limit 20 %',
      'maxLeverage: leverage 3.33x exceeds hard limit 3x',
    ]);
  });

  it('dates the day in the daily loss limit time zone', () => {
    const limits = compileLimitSet({
      limits: [{ kind: 'maxDailyLoss', hard: 1, timeZone: 'America/New_York' }],
      onHardBreach: 'deny',
    });
    // 03:00 UTC on 12 March is still 11 March in New York (23:00 EDT).
    expect(limitDayOf(limits, Date.parse('2024-03-12T03:00:00Z'))).toBe(Date.UTC(2024, 2, 11) / 86_400_000);
    expect(limitDayOf(limits, Date.parse('2024-03-12T04:00:00Z'))).toBe(Date.UTC(2024, 2, 12) / 86_400_000);
  });
});
