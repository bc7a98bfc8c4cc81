import { labelRegimes, syntheticSeries } from '@nautilus/regimes';
import type { OhlcvFrame, TableFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { MAX_COMPUTED_BARS, ribbonModel } from './ribbon-model.ts';

const frameOf = (close: Float64Array): OhlcvFrame => ({
  kind: 'ohlcv',
  symbol: 'TEST',
  timeframe: '1d',
  time: Array.from(close, (_, index) => index * 86_400_000),
  open: [...close],
  high: [...close],
  low: [...close],
  close: [...close],
  volume: Array.from(close, () => 0),
});

describe('ribbonModel', () => {
  it('covers every bar once with runs of one label, the warm-up first, and shares summing to one', () => {
    const { close } = syntheticSeries({ seed: 21, bars: 900 });
    const model = ribbonModel(frameOf(close), {});
    const labels = labelRegimes(close);
    expect(model.runs[0]).toEqual({ from: 0, to: labels.firstLabelled, regime: -1 });
    expect(model.runs.at(-1)!.to).toBe(900);
    model.runs.forEach((run, index) => {
      if (index > 0) expect(run.from).toBe(model.runs[index - 1]!.to);
      for (let t = run.from; t < run.to; t++) expect(labels.label[t]).toBe(run.regime);
    });
    expect(model.shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    expect(model.latest).toEqual({
      regime: labels.label[899],
      probability: labels.probabilities[899 * 6 + labels.label[899]!],
      time: 899 * 86_400_000,
    });
  });

  it('labels only the newest MAX_COMPUTED_BARS bars of a longer frame, as a series of their own', () => {
    const { close } = syntheticSeries({ seed: 23, bars: MAX_COMPUTED_BARS + 700 });
    const model = ribbonModel(frameOf(close), {});
    const own = labelRegimes(close.subarray(700));
    expect(model.runs[0]).toEqual({ from: 0, to: 700 + own.firstLabelled, regime: -1 });
    expect(model.latest!.regime).toBe(own.label[MAX_COMPUTED_BARS - 1]);
    expect(model.latest!.probability).toBe(own.probabilities[(MAX_COMPUTED_BARS - 1) * 6 + own.label[MAX_COMPUTED_BARS - 1]!]);
  });

  it('has no latest regime when the frame is shorter than the first fit needs', () => {
    const model = ribbonModel(frameOf(syntheticSeries({ bars: 50 }).close), {});
    expect(model.latest).toBeUndefined();
    expect(model.runs).toEqual([{ from: 0, to: 50, regime: -1 }]);
    expect(model.shares).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('ribbonModel with a regimes table', () => {
  it('draws the labels of a nautilus.core/regimes table, row by row, instead of computing its own', () => {
    const { close } = syntheticSeries({ seed: 22, bars: 40 });
    const frame = frameOf(close);
    const ids = ['up-high', 'up-high', null, 'down-low'];
    const table: TableFrame = {
      kind: 'table',
      columns: [
        { name: 'time', type: 'time' },
        { name: 'regime', type: 'string' },
        { name: 'probability', type: 'number' },
      ],
      rows: frame.time.map((time, t) => [time, ids[t % 4] ?? null, ids[t % 4] ? 0.5 + t / 100 : null]),
    };
    const model = ribbonModel(frame, {}, table);
    expect(model.runs.slice(0, 4)).toEqual([
      { from: 0, to: 2, regime: 0 },
      { from: 2, to: 3, regime: -1 },
      { from: 3, to: 4, regime: 5 },
      { from: 4, to: 6, regime: 0 },
    ]);
    expect(model.latest).toEqual({ regime: 5, probability: 0.5 + 39 / 100, time: 39 * 86_400_000 });
    expect(model.shares[0]).toBeCloseTo(20 / 30, 12);
  });
});
