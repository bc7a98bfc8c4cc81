import { INDICATOR_CATALOGUE } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { computeIndicator, createIndicator } from './index.ts';
import { INDICATOR_FACTORIES } from './indicator-factories.ts';
import { makeTestBars } from './test-bars.ts';

const bars = makeTestBars(400);
const slice = (end: number) => ({
  open: bars.open.slice(0, end),
  high: bars.high.slice(0, end),
  low: bars.low.slice(0, end),
  close: bars.close.slice(0, end),
  volume: bars.volume.slice(0, end),
});

describe('indicator catalogue and implementations', () => {
  it('has more than 50 indicators, each with an implementation and no implementation without an entry', () => {
    expect(INDICATOR_CATALOGUE.length).toBeGreaterThan(50);
    expect(Object.keys(INDICATOR_FACTORIES).sort()).toEqual(INDICATOR_CATALOGUE.map((entry) => entry.id).sort());
    expect(new Set(INDICATOR_CATALOGUE.map((entry) => entry.id)).size).toBe(INDICATOR_CATALOGUE.length);
  });

  for (const definition of INDICATOR_CATALOGUE) {
    describe(definition.id, () => {
      const full = computeIndicator(definition.id, undefined, bars);

      it('produces finite values after its warm-up on 400 bars', () => {
        for (const name of definition.outputs) {
          const column = full.outputs[name]!;
          expect(column.length).toBe(400);
          expect(Number.isFinite(column[399]), `${definition.id}.${name} at the last bar`).toBe(true);
        }
      });

      it('never changes a past value when future bars are appended (no look-ahead)', () => {
        const earlier = computeIndicator(definition.id, undefined, slice(250));
        for (const name of definition.outputs) {
          const past = Array.from(earlier.outputs[name]!);
          expect(Array.from(full.outputs[name]!.subarray(0, 250))).toEqual(past);
        }
      });

      it('gives the same numbers streamed bar by bar as over the frame', () => {
        const streaming = createIndicator(definition.id);
        for (let index = 0; index < 400; index++) {
          streaming.update({
            open: bars.open[index]!,
            high: bars.high[index]!,
            low: bars.low[index]!,
            close: bars.close[index]!,
            volume: bars.volume[index]!,
          });
          definition.outputs.forEach((name, output) => {
            expect(Object.is(streaming.values[output], full.outputs[name]![index])).toBe(true);
          });
        }
      });
    });
  }

  it('refuses an unknown indicator and out-of-range params, naming the field', () => {
    expect(() => createIndicator('nope')).toThrow(/unknown indicator 'nope'/);
    expect(() => createIndicator('rsi', { period: 0 })).toThrow(/Invalid|indicator/);
    try {
      createIndicator('bbands', { period: 20, k: -1, extra: 1 });
      expect.unreachable();
    } catch (error) {
      const fields = (error as { fields: { path: string }[] }).fields.map((field) => field.path);
      expect(fields).toEqual(['indicator.params.k', 'indicator.params.extra']);
    }
  });
});
