import { describe, expect, it } from 'vitest';
import {
  extendedWindowStart,
  FIRST_WINDOW_BARS,
  firstWindowStart,
  needsOlderBars,
  refreshedWindowStart,
} from './history-window.ts';

describe('history window', () => {
  it('starts with the most recent bars, or all of them when there are few', () => {
    expect(firstWindowStart(100_000)).toBe(100_000 - FIRST_WINDOW_BARS);
    expect(firstWindowStart(500)).toBe(0);
  });

  it('asks for older bars within one screen of the oldest loaded bar, and only if there are any', () => {
    expect(needsOlderBars({ from: 100, to: 250 }, 1_000)).toBe(true);
    expect(needsOlderBars({ from: 400, to: 550 }, 1_000)).toBe(false);
    expect(needsOlderBars({ from: 0, to: 150 }, 0)).toBe(false);
    expect(needsOlderBars(null, 1_000)).toBe(false);
  });

  it('doubles what is loaded, reaching 100,000 bars in six steps', () => {
    let start = firstWindowStart(100_000);
    const loaded: number[] = [];
    while (start > 0) {
      start = extendedWindowStart(start, 100_000);
      loaded.push(100_000 - start);
    }
    expect(loaded).toEqual([6_000, 12_000, 24_000, 48_000, 96_000, 100_000]);
  });

  it('keeps as many bars loaded across a refresh that adds a bar', () => {
    expect(refreshedWindowStart(100_001, 100_000, 88_000)).toBe(88_001);
    expect(refreshedWindowStart(2_000, 1_999, 0)).toBe(0);
  });
});
