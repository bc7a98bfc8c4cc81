import { describe, expect, it } from 'vitest';
import { barsInRange, firstAtOrAfter, isNewRange } from './range-fit.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 31);

describe('isNewRange', () => {
  it('takes a first range, another length or a jump as a new choice', () => {
    const month = { from: now - 30 * DAY, to: now };
    expect(isNewRange(undefined, month)).toBe(true);
    expect(isNewRange(month, { from: now - 7 * DAY, to: now })).toBe(true);
    expect(isNewRange(month, { from: now - 365 * DAY, to: now })).toBe(true);
    // The same length a month earlier: the user moved the range.
    expect(isNewRange(month, { from: now - 60 * DAY, to: now - 30 * DAY })).toBe(true);
  });

  it('takes a refresh of a relative range as the same choice', () => {
    const hour = { from: now - 3_600_000, to: now };
    expect(isNewRange(hour, { from: hour.from + 5_000, to: now + 5_000 })).toBe(false);
    expect(isNewRange(hour, { from: hour.from + 300_000, to: now + 300_000 })).toBe(false);
    expect(isNewRange(hour, hour)).toBe(false);
  });
});

describe('barsInRange', () => {
  const times = [10, 20, 30, 40, 50];

  it('finds the first and last bar inside the range, ends included', () => {
    expect(barsInRange(times, { from: 20, to: 40 })).toEqual({ first: 1, last: 3 });
    expect(barsInRange(times, { from: 15, to: 45 })).toEqual({ first: 1, last: 3 });
  });

  it('starts at the first bar when the range reaches before the data', () => {
    expect(barsInRange(times, { from: 0, to: 100 })).toEqual({ first: 0, last: 4 });
  });

  it('says when no bar lies inside', () => {
    expect(barsInRange(times, { from: 51, to: 100 })).toBeNull();
    expect(barsInRange(times, { from: 21, to: 29 })).toBeNull();
    expect(barsInRange([], { from: 0, to: 1 })).toBeNull();
  });

  it('searches in logarithmic steps', () => {
    expect(firstAtOrAfter(times, 35)).toBe(3);
    expect(firstAtOrAfter(times, 60)).toBe(5);
  });
});
