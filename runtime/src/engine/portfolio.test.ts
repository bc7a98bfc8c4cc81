import { describe, expect, it } from 'vitest';
import { Portfolio } from './portfolio.ts';

describe('Portfolio', () => {
  it('averages up, closes partly, flips and closes, with the books balancing at each step', () => {
    const account = new Portfolio(10_000);
    account.apply('buy', 100, 10, 1);
    // cash 10,000 − 1,000 − 1 = 8,999; long 100 @ 10
    expect([account.cash, account.quantity, account.avgPrice]).toEqual([8_999, 100, 10]);
    account.apply('buy', 100, 12, 1);
    // average (100·10 + 100·12) / 200 = 11; cash 8,999 − 1,200 − 1 = 7,798
    expect([account.cash, account.quantity, account.avgPrice]).toEqual([7_798, 200, 11]);
    account.apply('sell', 50, 15, 1);
    // realised 50 · (15 − 11) = 200; cash 7,798 + 750 − 1 = 8,547; average stays 11
    expect([account.cash, account.quantity, account.avgPrice, account.realised]).toEqual([8_547, 150, 11, 200]);
    account.apply('sell', 250, 14, 2);
    // closes 150 at 14: realised += 150 · 3 = 450 → 650; opens short 100 @ 14; cash 8,547 + 3,500 − 2 = 12,045
    expect([account.cash, account.quantity, account.avgPrice, account.realised]).toEqual([12_045, -100, 14, 650]);
    // Short 100 @ 14 marked at 16: unrealised −200; equity 12,045 − 1,600 = 10,445 = 10,000 + 650 − 200 − 5 fees.
    account.lastPrice = 16;
    expect(account.unrealised).toBe(-200);
    expect(account.equityAt(16)).toBe(10_445);
    expect(account.realised + account.unrealised - account.fees).toBe(10_445 - 10_000);
    account.apply('buy', 100, 13, 1);
    // covers at 13: realised += 100 · (14 − 13) = 100 → 750; flat; cash 12,045 − 1,300 − 1 = 10,744 = 10,000 + 750 − 6
    expect([account.cash, account.quantity, account.avgPrice, account.realised, account.fees]).toEqual([10_744, 0, 0, 750, 6]);
  });

  it('treats rounding dust from fractional quantities as flat', () => {
    const account = new Portfolio(1_000);
    account.apply('buy', 0.1, 100, 0);
    account.apply('buy', 0.2, 100, 0);
    account.apply('sell', 0.3, 100, 0);
    expect(account.quantity).toBe(0);
    expect(account.avgPrice).toBe(0);
  });
});
