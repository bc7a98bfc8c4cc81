import { describe, expect, it } from 'vitest';
import { attributionPeriods } from './attribution-periods.ts';

describe('attribution periods', () => {
  it('weights holdings by their previous close and takes close-to-close returns on common dates', () => {
    // 2 A and 1 B; A 10 → 11, B 30 → 27 from day 1 to day 2; the benchmark holds C (day 3 of A is dropped: C lacks it).
    const periods = attributionPeriods(
      [
        { symbol: 'A', quantity: 2 },
        { symbol: 'B', quantity: 1 },
      ],
      { C: 1 },
      {
        A: { time: [1, 2, 3], close: [10, 11, 12] },
        B: { time: [1, 2, 3], close: [30, 27, 28] },
        C: { time: [1, 2], close: [100, 101] },
      },
    );
    // Values at day 1: A 20, B 30 → weights 0.4 and 0.6; returns A +10 %, B −10 %, C +1 %.
    expect(periods).toHaveLength(1);
    expect(periods[0]!.time).toBe(2);
    expect(periods[0]!.portfolio.A).toEqual({ weight: 0.4, return: expect.closeTo(0.1, 12) });
    expect(periods[0]!.portfolio.B).toEqual({ weight: 0.6, return: expect.closeTo(-0.1, 12) });
    expect(periods[0]!.benchmark.C).toEqual({ weight: 1, return: expect.closeTo(0.01, 12) });
  });
});
