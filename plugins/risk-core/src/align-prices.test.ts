import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { alignPrices } from './index.ts';

function validationPath(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isNautilusError(error) && error.code === 'VALIDATION') return error.fields[0]?.path;
    throw error;
  }
  return undefined;
}

describe('alignPrices', () => {
  it('keeps only the dates every symbol has and counts what it dropped, overall and per symbol', () => {
    const aligned = alignPrices({
      A: { time: [1, 2, 3, 4, 5], close: [10, 11, 12, 13, 14] },
      B: { time: [2, 3, 5, 6], close: [20, 21, 22, 23] },
      C: { time: [0, 2, 3, 4, 5], close: [30, 31, 32, 33, 34] },
    });
    // Union {0,1,2,3,4,5,6} = 7 dates, intersection {2,3,5} = 3: 4 dropped.
    expect(aligned.time).toEqual([2, 3, 5]);
    expect(aligned.close).toEqual([
      [11, 12, 14],
      [20, 21, 22],
      [31, 32, 34],
    ]);
    expect(aligned.droppedDates).toBe(4);
    expect(aligned.droppedPerSymbol).toEqual({ A: 2, B: 1, C: 2 });
  });

  it('aligns only the symbols asked for, ignoring other series', () => {
    const aligned = alignPrices({ A: { time: [1, 2], close: [1, 2] }, B: { time: [5], close: [1] } }, ['A']);
    expect(aligned).toMatchObject({ symbols: ['A'], time: [1, 2], droppedDates: 0, droppedPerSymbol: { A: 0 } });
  });

  it('names the field of every malformed series', () => {
    expect(validationPath(() => alignPrices({}, ['SIM:AAPL']))).toBe('prices.SIM:AAPL');
    expect(validationPath(() => alignPrices({ A: { time: [1, 2], close: [1] } }))).toBe('prices.A.close');
    expect(validationPath(() => alignPrices({ A: { time: [], close: [] } }))).toBe('prices.A.close');
    expect(validationPath(() => alignPrices({ A: { time: [1, 3, 2], close: [1, 1, 1] } }))).toBe('prices.A.time[2]');
    expect(validationPath(() => alignPrices({ A: { time: [1, 1], close: [1, 1] } }))).toBe('prices.A.time[1]');
    expect(validationPath(() => alignPrices({ A: { time: [1, Number.NaN], close: [1, 1] } }))).toBe('prices.A.time[1]');
    const closes = Array.from({ length: 13 }, () => 100);
    closes[12] = Number.POSITIVE_INFINITY;
    const time = closes.map((_, t) => t);
    expect(validationPath(() => alignPrices({ 'SIM:AAPL': { time, close: closes } }))).toBe('prices.SIM:AAPL.close[12]');
    expect(validationPath(() => alignPrices({ A: { time: [1, 2], close: [1, 0] } }))).toBe('prices.A.close[1]');
    expect(validationPath(() => alignPrices({ A: { time: [1, 2], close: [-5, 1] } }))).toBe('prices.A.close[0]');
  });

  it('says the close that was wrong and its value', () => {
    expect(() => alignPrices({ A: { time: [1, 2], close: [1, -3] } })).toThrow(/prices\.A\.close\[1\].*-3/);
  });

  it('fails with INSUFFICIENT_DATA when the series share no date', () => {
    expect(() => alignPrices({ A: { time: [1], close: [1] }, B: { time: [2], close: [1] } })).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA' }),
    );
  });
});
