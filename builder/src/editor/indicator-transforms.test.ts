import { describe, expect, it } from 'vitest';
import { addTransform, indicatorPickerOptions, removeTransform, setTransformParam } from './indicator-transforms.ts';

describe('indicator transform edits', () => {
  it('adds an indicator with its catalogue defaults', () => {
    expect(addTransform(undefined, 'macd')).toEqual([{ indicator: 'macd', params: { fast: 12, slow: 26, signal: 9 } }]);
    expect(addTransform([], 'nope')).toEqual([]);
  });

  it('sets a param, rounding whole-number params and clamping into the catalogue range', () => {
    const list = addTransform(undefined, 'rsi');
    expect(setTransformParam(list, 0, 'period', 7.6)).toEqual([{ indicator: 'rsi', params: { period: 8 } }]);
    expect(setTransformParam(list, 0, 'period', 0)[0]!.params!.period).toBe(1);
    expect(setTransformParam(list, 0, 'period', null)[0]!.params!.period).toBe(14);
  });

  it('removes a transform, dropping the field when none is left', () => {
    const list = addTransform(addTransform(undefined, 'rsi'), 'bbands');
    expect(removeTransform(list, 0)).toEqual([list[1]]);
    expect(removeTransform([list[0]!], 0)).toBeUndefined();
  });

  it('lists every catalogue indicator once, grouped, saying where it draws', () => {
    const options = indicatorPickerOptions().flatMap((group) => group.options);
    expect(options.length).toBeGreaterThan(50);
    expect(options.find((option) => option.value === 'rsi')!.label).toBe("Wilder's relative strength index (own pane)");
    expect(options.find((option) => option.value === 'sma')!.label).toBe('Simple moving average (over price)');
  });
});
