import { labelRegimes, REGIMES, syntheticSeries } from '@nautilus/regimes';
import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import type { BarsQuery } from './bars-service.ts';
import { REGIME_MAX_POINTS, REGIME_WARM_UP_BARS, regimesSource } from './regimes-source.ts';

const DAY = 86_400_000;
const { close } = syntheticSeries({ seed: 51, bars: 2_000 });
const all: OhlcvFrame = {
  kind: 'ohlcv',
  symbol: 'SIM:TEST',
  timeframe: '1d',
  time: Array.from(close, (_, index) => index * DAY),
  open: [...close],
  high: [...close],
  low: [...close],
  close: [...close],
  volume: Array.from(close, () => 1),
};

// A bars reader answering from the series above as BarsService does: [from, to), the newest maxPoints.
const asked: BarsQuery[] = [];
const reader = {
  async query(query: BarsQuery): Promise<OhlcvFrame> {
    asked.push(query);
    const inside = all.time
      .map((time, index) => [time, index] as const)
      .filter(([time]) => time >= query.from && time < query.to);
    const kept = inside.slice(-query.maxPoints).map(([, index]) => index);
    const pick = (values: number[]) => kept.map((index) => values[index]!);
    return {
      ...all,
      time: pick(all.time),
      open: pick(all.open),
      high: pick(all.high),
      low: pick(all.low),
      close: pick(all.close),
      volume: pick(all.volume),
    };
  },
};

describe('nautilus.core/regimes', () => {
  it('answers the range bars and one causal label row per bar, warmed up on the bars before the range', async () => {
    const source = regimesSource(reader);
    const range = { from: 1_500 * DAY, to: 1_800 * DAY };
    const [ohlcv, table] = await source.query(
      { params: { symbol: 'SIM:TEST', timeframe: '1d' }, range, maxPoints: 1_000_000 },
      new AbortController().signal,
    );
    // However many bars the panel may show, the model labels at most REGIME_MAX_POINTS of the range.
    expect(asked.at(-1)!.maxPoints).toBe(REGIME_MAX_POINTS + REGIME_WARM_UP_BARS);
    if (ohlcv?.kind !== 'ohlcv' || table?.kind !== 'table') throw new Error('expected ohlcv and table frames');
    expect(ohlcv.time[0]).toBe(1_500 * DAY);
    expect(ohlcv.time).toHaveLength(300);
    expect(table.rows).toHaveLength(300);
    // The warm-up span reaches back past the first bar, so every bar before the range is read: the
    // labels are those of the series from bar 0, each computed from the bars up to it.
    expect(asked.at(-1)!.from).toBeLessThan(0);
    const labels = labelRegimes(close.subarray(0, 1_800));
    table.rows.forEach((row, offset) => {
      const t = offset + 1_500;
      const regime = REGIMES[labels.label[t]!]!;
      expect(row.slice(0, 5)).toEqual([
        (1_500 + offset) * DAY,
        regime.id,
        regime.trend,
        regime.volatility,
        labels.probabilities[t * 6 + labels.label[t]!],
      ]);
      const probabilities = row.slice(5) as number[];
      expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    });
  });

  it('keeps only the newest maxPoints bars of the range', async () => {
    const source = regimesSource(reader);
    const frames = await source.query(
      { params: { symbol: 'SIM:TEST', timeframe: '1d' }, range: { from: 1_000 * DAY, to: 2_000 * DAY }, maxPoints: 50 },
      new AbortController().signal,
    );
    expect(frames[0]!.kind === 'ohlcv' && frames[0]!.time).toEqual(
      Array.from({ length: 50 }, (_, index) => (1_950 + index) * DAY),
    );
  });
});
