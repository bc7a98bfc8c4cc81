import { describe, expect, it } from 'vitest';
import { holdingsValue } from './holdings-value.ts';

describe('holdings value', () => {
  it('values unchanged holdings on the dates every symbol has, as P&L on the capital', () => {
    // 10 A long, 5 B short on 1,000 of capital; B has no day 2 and A no day 4.
    // Day 1: 1,000. Day 3: 10 × (12 − 10) − 5 × (21 − 20) = 20 − 5 = 15 → 1,015.
    const value = holdingsValue(
      [
        { symbol: 'A', quantity: 10 },
        { symbol: 'B', quantity: -5 },
      ],
      { A: { time: [1, 2, 3], close: [10, 11, 12] }, B: { time: [1, 3, 4], close: [20, 21, 22] } },
      1_000,
    );
    expect(value).toEqual({ time: [1, 3], value: [1_000, 1_015], droppedDates: 2 });
  });
});
