import { describe, expect, it } from 'vitest';
import { Portfolio } from './portfolio.ts';
import { RoundTrips } from './round-trips.ts';

/** Applies fills to a portfolio and a round-trip tracker together, as the engine does. */
function replay(fills: [side: 'buy' | 'sell', quantity: number, price: number, commission: number][]) {
  const account = new Portfolio(100_000);
  const trips = new RoundTrips();
  const trades = fills.flatMap(([side, quantity, price, commission], index) => {
    const trade = trips.onFill(account.quantity, account.avgPrice, side, quantity, price, commission, index * 1000, index);
    account.apply(side, quantity, price, commission);
    return trade ? [trade] : [];
  });
  return { trades, stats: trips.stats, account };
}

describe('RoundTrips', () => {
  it('keeps scale-ins and partial exits in one trade from flat to flat', () => {
    const { trades, account } = replay([
      ['buy', 100, 10, 1],
      ['buy', 100, 12, 1],
      ['sell', 50, 15, 1],
      ['sell', 150, 14, 1],
    ]);
    expect(trades).toHaveLength(1);
    const [trade] = trades;
    // entry (1,000 + 1,200) / 200 = 11; exit (750 + 2,100) / 200 = 14.25; gross 200 · 3.25 = 650; fees 4
    expect(trade).toMatchObject({ side: 'long', quantity: 200, entryPrice: 11, exitPrice: 14.25, pnl: 646, commission: 4 });
    expect(trade!.return).toBeCloseTo(646 / 2_200, 12);
    expect([trade!.entryTime, trade!.exitTime, trade!.entryBarIndex, trade!.exitBarIndex]).toEqual([0, 3000, 0, 3]);
    expect(trade!.pnl).toBe(account.realised - account.fees);
  });

  it('closes one trade and opens the next on a flip, splitting the flipping fill commission by quantity', () => {
    const { trades, stats } = replay([
      ['buy', 100, 10, 2],
      ['sell', 300, 9, 6],
      ['buy', 200, 7, 2],
    ]);
    // Long 100 @ 10 closed at 9: −100 − 2 − 6 · 100/300 = −104. Short 200 @ 9 covered at 7: +400 − 4 − 2 = 394.
    expect(trades.map((trade) => [trade.side, trade.quantity, trade.entryPrice, trade.exitPrice, trade.pnl])).toEqual([
      ['long', 100, 10, 9, -104],
      ['short', 200, 9, 7, 394],
    ]);
    expect(trades[1]!.return).toBeCloseTo(394 / 1_800, 12);
    expect(stats).toEqual({
      count: 2,
      wins: 1,
      grossProfit: 394,
      grossLoss: 104,
      sumPnl: 290,
      sumReturn: -104 / 1_000 + 394 / 1_800,
    });
  });
});
