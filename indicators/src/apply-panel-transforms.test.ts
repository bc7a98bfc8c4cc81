import { checkFrames, type OhlcvFrame, type TimeSeriesFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { applyPanelTransforms, computeIndicator } from './index.ts';
import { makeTestBars } from './test-bars.ts';

const frame = (count: number): OhlcvFrame => ({ kind: 'ohlcv', symbol: 'SIM:T', timeframe: '1d', ...makeTestBars(count) });

describe('applyPanelTransforms', () => {
  it('adds one timeseries frame per transform, outputs as series, overlay or pane as catalogued', () => {
    const bars = frame(120);
    const frames = applyPanelTransforms([bars], [{ indicator: 'bbands' }, { indicator: 'macd', params: { fast: 5 } }]);
    expect(frames[0]).toBe(bars);
    expect(checkFrames(frames, ['ohlcv', 'timeseries'])).toBeUndefined();
    const [bands, macd] = frames.slice(1) as TimeSeriesFrame[];
    expect(bands!.series.map((series) => [series.name, series.placement, series.pane])).toEqual([
      ['BBANDS 20 2 middle', 'overlay', 'transform-0'],
      ['BBANDS 20 2 upper', 'overlay', 'transform-0'],
      ['BBANDS 20 2 lower', 'overlay', 'transform-0'],
    ]);
    expect(macd!.series.map((series) => [series.name, series.placement])).toEqual([
      ['MACD 5 26 9 macd', 'pane'],
      ['MACD 5 26 9 signal', 'pane'],
      ['MACD 5 26 9 histogram', 'pane'],
    ]);
    // Warm-up bars are left out: the 20-bar bands start at the 20th bar, with the frame's numbers.
    expect(bands!.series[0]!.time[0]).toBe(bars.time[19]);
    const reference = computeIndicator('bbands', undefined, bars).outputs.upper!;
    expect(bands!.series[1]!.values).toEqual(Array.from(reference.subarray(19)));
  });

  it('leaves frames alone without transforms or without bars', () => {
    const bars = frame(10);
    expect(applyPanelTransforms([bars], undefined)).toEqual([bars]);
    const scalar = { kind: 'scalar' as const, value: 1 };
    expect(applyPanelTransforms([scalar], [{ indicator: 'rsi' }])).toEqual([scalar]);
  });

  it('keeps every past point when bars are appended (no look-ahead)', () => {
    const later = frame(300);
    const earlier = {
      ...later,
      time: later.time.slice(0, 200),
      open: later.open.slice(0, 200),
      high: later.high.slice(0, 200),
      low: later.low.slice(0, 200),
      close: later.close.slice(0, 200),
      volume: later.volume.slice(0, 200),
    };
    const transforms = [{ indicator: 'rsi' }, { indicator: 'stoch' }, { indicator: 'ichimoku' }];
    const before = applyPanelTransforms([earlier], transforms).slice(1) as TimeSeriesFrame[];
    const after = applyPanelTransforms([later], transforms).slice(1) as TimeSeriesFrame[];
    before.forEach((frame, index) => {
      frame.series.forEach((series, output) => {
        const grown = after[index]!.series[output]!;
        expect(grown.values.slice(0, series.values.length)).toEqual(series.values);
        expect(grown.time.slice(0, series.time.length)).toEqual(series.time);
      });
    });
  });
});
