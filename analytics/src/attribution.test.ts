import { describe, expect, it } from 'vitest';
import { AnalyticsError, attribution } from './index.ts';

describe('Brinson–Fachler attribution', () => {
  it('splits one period’s active return into allocation, selection and interaction (worked by hand)', () => {
    // Two asset classes. Portfolio: equity 60 % returning 10 %, bonds 40 % returning 3 % → Rp = 7.2 %.
    // Benchmark: equity 50 % at 8 %, bonds 50 % at 4 % → Rb = 6 %. Active = 1.2 %.
    // Allocation: equity 0.1 × (0.08 − 0.06) = 0.002; bonds −0.1 × (0.04 − 0.06) = 0.002 → 0.004
    // Selection: equity 0.5 × 0.02 = 0.01; bonds 0.5 × −0.01 = −0.005 → 0.005
    // Interaction: equity 0.1 × 0.02 = 0.002; bonds −0.1 × −0.01 = 0.001 → 0.003; 0.004 + 0.005 + 0.003 = 0.012.
    const result = attribution(
      [
        {
          time: 1,
          portfolio: { EQ: { weight: 0.6, return: 0.1 }, BD: { weight: 0.4, return: 0.03 } },
          benchmark: { EQ: { weight: 0.5, return: 0.08 }, BD: { weight: 0.5, return: 0.04 } },
        },
      ],
      { EQ: 'equity', BD: 'bond' },
    );
    const table = result.byAssetClass;
    expect(table.portfolioReturn).toBeCloseTo(0.072, 12);
    expect(table.benchmarkReturn).toBeCloseTo(0.06, 12);
    expect(table.allocation).toBeCloseTo(0.004, 12);
    expect(table.selection).toBeCloseTo(0.005, 12);
    expect(table.interaction).toBeCloseTo(0.003, 12);
    expect(table.residual).toBeCloseTo(0, 14);
    const equity = table.segments.find((segment) => segment.segment === 'equity')!;
    expect(equity).toMatchObject({
      allocation: expect.closeTo(0.002, 12),
      selection: expect.closeTo(0.01, 12),
      interaction: expect.closeTo(0.002, 12),
    });
  });

  it('aggregates instruments into asset classes and links periods so the effects add up to the compounded active return', () => {
    // Period 1 and 2, three instruments, two classes; instrument-level returns are the same on both sides,
    // so by instrument only allocation is non-zero, while by class the weighting within a class is selection.
    const period = (time: number, a: number, b: number, c: number) => ({
      time,
      portfolio: { A: { weight: 0.5, return: a }, B: { weight: 0.1, return: b }, C: { weight: 0.4, return: c } },
      benchmark: { A: { weight: 0.3, return: a }, B: { weight: 0.3, return: b }, C: { weight: 0.4, return: c } },
    });
    const result = attribution([period(1, 0.05, -0.02, 0.01), period(2, -0.03, 0.04, 0.02)], {
      A: 'stock',
      B: 'stock',
      C: 'bond',
    });
    // Compounded by hand: portfolio 1.0 + (0.025 − 0.002 + 0.004) = 1.027, then (−0.015 + 0.004 + 0.008) = −0.003 → 1.027 × 0.997 = 1.023919;
    // benchmark (0.015 − 0.006 + 0.004) = 0.013, then (−0.009 + 0.012 + 0.008) = 0.011 → 1.013 × 1.011 = 1.024143.
    expect(result.byInstrument.portfolioReturn).toBeCloseTo(0.023919, 12);
    expect(result.byInstrument.benchmarkReturn).toBeCloseTo(0.024143, 12);
    for (const table of [result.byInstrument, result.byAssetClass]) {
      expect(table.activeReturn).toBeCloseTo(0.023919 - 0.024143, 12);
      expect(table.allocation + table.selection + table.interaction).toBeCloseTo(table.activeReturn, 14);
      expect(Math.abs(table.residual)).toBeLessThan(1e-15);
    }
    expect(result.byInstrument.selection).toBeCloseTo(0, 15);
    expect(result.byAssetClass.segments.map((segment) => segment.segment)).toEqual(['bond', 'stock']);
    // Bonds: same weight and return on both sides → no effect at all.
    expect(result.byAssetClass.segments[0]!.total).toBeCloseTo(0, 15);
  });

  it('treats an instrument held on one side only as weight 0 on the other', () => {
    const result = attribution(
      [{ time: 1, portfolio: { A: { weight: 1, return: 0.02 } }, benchmark: { B: { weight: 1, return: 0.01 } } }],
      { A: 'stock', B: 'stock' },
    );
    // By instrument: A allocation 1 × (0.02 − 0.01) = 0.01; B allocation −1 × (0.01 − 0.01) = 0 → active 0.01.
    expect(result.byInstrument.allocation).toBeCloseTo(0.01, 12);
    expect(result.byInstrument.residual).toBeCloseTo(0, 14);
    // By class (one class, both fully in it): all selection, 1 × (0.02 − 0.01).
    expect(result.byAssetClass.selection).toBeCloseTo(0.01, 12);
  });

  it('rejects a return of −100 % or worse naming the holding', () => {
    expect(() => attribution([{ time: 1, portfolio: { A: { weight: 1, return: -1 } }, benchmark: {} }], {})).toThrow(
      AnalyticsError,
    );
    expect(() => attribution([{ time: 1, portfolio: { A: { weight: 1, return: -1 } }, benchmark: {} }], {})).toThrow(
      'periods[0].portfolio.A',
    );
  });
});
