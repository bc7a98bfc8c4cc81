import { labelRegimes, regimeStatistics } from '@nautilus/regimes';
import { describe, expect, it } from 'vitest';
import { simulatedDailyBars } from '../bench/simulated-bars.ts';

describe('regimes on the simulated market', () => {
  it('labels high-volatility bars that are followed by more volatile days than low-volatility ones (SIM:SPY, 2014-2025)', async () => {
    const frame = await simulatedDailyBars('SIM:SPY', 2014);
    const statistics = regimeStatistics(frame.close, labelRegimes(frame.close), 252);
    const pooled = (volatility: 'high' | 'low') => {
      const rows = statistics.filter((row) => row.regime.endsWith(`-${volatility}`) && row.bars > 1);
      const bars = rows.reduce((sum, row) => sum + row.bars, 0);
      return Math.sqrt(rows.reduce((sum, row) => sum + row.bars * row.annualVolatility ** 2, 0) / bars);
    };
    // The simulated market clusters volatility (log-volatility AR(1), 14-day half-life), so a causal
    // high label must foresee a more volatile next day; it has no trend regimes to find.
    expect(pooled('high')).toBeGreaterThan(1.2 * pooled('low'));
    expect(statistics.reduce((sum, row) => sum + row.bars, 0)).toBe(frame.close.length - 270);
  });
});
