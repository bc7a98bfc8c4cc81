import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { describeGap, providerLabel, summarizeProvenance } from './provenance.ts';

const bars = (provenance?: OhlcvFrame['provenance']): OhlcvFrame => ({
  kind: 'ohlcv',
  symbol: 'AAPL',
  timeframe: '1d',
  time: [],
  open: [],
  high: [],
  low: [],
  close: [],
  volume: [],
  ...(provenance ? { provenance } : {}),
});

describe('bars provenance for the panel header', () => {
  it('names each source once, and says stale, gaps and adjusted', () => {
    const summary = summarizeProvenance([
      bars({
        sources: [
          { source: 'nautilus.yahoo/bars', from: 0, to: 1, cached: true },
          { source: 'nautilus.alpha-vantage/bars', from: 1, to: 2, cached: false },
          { source: 'nautilus.yahoo/bars', from: 2, to: 3, cached: true },
        ],
        adjusted: true,
        stale: { message: 'Showing stored bars: Yahoo is down', missingFrom: 3, missingTo: 4 },
        gaps: [{ from: 0, to: 86_400_000 }],
        gapCount: 1,
        calendar: 'us-equity',
      }),
    ]);
    expect(summary).toEqual({
      sources: ['nautilus.yahoo/bars', 'nautilus.alpha-vantage/bars'],
      allCached: false,
      adjusted: true,
      stale: 'Showing stored bars: Yahoo is down',
      gapCount: 1,
      gaps: [{ from: 0, to: 86_400_000 }],
      calendar: 'us-equity',
    });
    expect(summarizeProvenance([bars()])).toBeUndefined();
    expect(summarizeProvenance([{ kind: 'scalar', value: 1 }])).toBeUndefined();
  });

  it('labels providers and gaps the way a reader expects', () => {
    expect(providerLabel('nautilus.yahoo/bars')).toBe('yahoo');
    expect(providerLabel('acme.feed/bars')).toBe('acme.feed');
    const day = 86_400_000;
    const jan2 = Date.parse('2024-01-02T00:00:00Z');
    expect(describeGap({ from: jan2, to: jan2 + day })).toBe('2024-01-02');
    expect(describeGap({ from: jan2, to: jan2 + 3 * day })).toBe('2024-01-02 – 2024-01-04');
    expect(describeGap({ from: jan2 + 3_600_000, to: jan2 + 7_200_000 })).toBe('2024-01-02 01:00 – 2024-01-02 02:00 UTC');
  });
});
