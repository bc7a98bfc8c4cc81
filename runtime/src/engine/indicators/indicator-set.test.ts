import { describe, expect, it } from 'vitest';
import { BarHistory } from '../bar-history.ts';
import { createIndicatorSet } from './indicator-set.ts';

function closes(count: number): number[] {
  return Array.from({ length: count }, (_, index) => 50 + 10 * Math.sin(index / 3));
}

describe('createIndicatorSet', () => {
  it('returns the same object for the same arguments, a new one for others', () => {
    const { api } = createIndicatorSet(new BarHistory(10));
    expect(api.sma(5)).toBe(api.sma(5));
    expect(api.sma(6)).not.toBe(api.sma(5));
    expect(api.macd()).toBe(api.macd(12, 26, 9));
    expect(api.bollinger(20, 2.5)).not.toBe(api.bollinger(20, 2));
  });

  it('back-fills an indicator created mid-run from the kept history', () => {
    const history = new BarHistory(100);
    const set = createIndicatorSet(history);
    const early = set.api.ema(10);
    const series = closes(60);
    let late: ReturnType<typeof set.api.ema> | undefined;
    series.forEach((close, index) => {
      history.push(index, close, close, close, close, 0);
      set.update(close, close, close, close, 0);
      if (index === 40) late = set.api.rsi(14);
    });
    expect(set.api.ema(10)).toBe(early);
    const reference = createIndicatorSet(new BarHistory(1));
    const rsi = reference.api.rsi(14);
    for (const close of series) reference.update(close, close, close, close, 0);
    expect(late!.value).toBe(rsi.value);
  });

  it('refuses periods that are not whole numbers from 1', () => {
    const { api } = createIndicatorSet(new BarHistory(10));
    expect(() => api.sma(0)).toThrow('sma period must be a whole number from 1 to 100000, got 0');
    expect(() => api.rsi(2.5)).toThrow(RangeError);
    expect(() => api.bollinger(20, -1)).toThrow('bollinger k must be a positive number, got -1');
  });
});
