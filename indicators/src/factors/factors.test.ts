import { describe, expect, it } from 'vitest';
import { computeIndicator } from '../index.ts';
import { makeTestBars } from '../test-bars.ts';
import { combineFactors } from './combine-factors.ts';
import { alignAsOf, fredAvailableFrom, laggedAvailableFrom } from './point-in-time.ts';
import { rollingBeta, rollingCorrelation, rollingZScore } from './rolling-statistics.ts';

const DAY = 86_400_000;

describe('alignAsOf', () => {
  it('uses a value only from its publication time, the latest one known, revisions from their own release', () => {
    // Bars on days 0..5. Period A published day 1 (value 10), revised day 4 (11); period B published day 3 (20).
    const times = [0, 1, 2, 3, 4, 5].map((day) => day * DAY);
    const aligned = alignAsOf(times, { availableFrom: [1 * DAY, 3 * DAY, 4 * DAY], values: [10, 20, 11] });
    expect(Array.from(aligned)).toEqual([Number.NaN, 10, 10, 20, 11, 11]);
  });

  it('refuses publications out of order, naming the index', () => {
    expect(() => alignAsOf([0], { availableFrom: [2, 1], values: [1, 2] })).toThrow(/sort by publication time/);
  });

  it('states each source rule: FRED from the day after realtime_start, a period end plus a stated lag', () => {
    expect(fredAvailableFrom('2020-05-19')).toBe(Date.UTC(2020, 4, 20));
    expect(laggedAvailableFrom(Date.UTC(2020, 4, 31), 30)).toBe(Date.UTC(2020, 5, 30));
    expect(() => fredAvailableFrom('19 May 2020')).toThrow(/realtime_start/);
    expect(() => laggedAvailableFrom(0, -1)).toThrow(/lagDays/);
  });
});

describe('rolling statistics (known answers by hand)', () => {
  it('correlation is 1 and −1 for exact linear relations, beta is their slope', () => {
    const x = [1, 2, 4, 3, 5];
    expect(
      Array.from(
        rollingCorrelation(
          x,
          x.map((value) => 3 * value + 1),
          3,
        ),
      ).slice(2),
    ).toEqual([1, 1, 1].map((one) => expect.closeTo(one, 12)));
    expect(
      rollingCorrelation(
        x,
        x.map((value) => -value),
        3,
      )[4],
    ).toBeCloseTo(-1, 12);
    expect(
      rollingBeta(
        x,
        x.map((value) => 2.5 * value - 7),
        4,
      )[4],
    ).toBeCloseTo(2.5, 12);
  });

  it('correlation of (1, 2, 3) with (1, 3, 2) is 0.5; z-score of 3 in (1, 2, 3) is 1', () => {
    // Centred: (−1, 0, 1) and (−1, 1, 0): Σxy = 1, Σx² = Σy² = 2, r = 1/2.
    expect(rollingCorrelation([1, 2, 3], [1, 3, 2], 3)[2]).toBeCloseTo(0.5, 12);
    // Mean 2, sample σ = 1.
    expect(rollingZScore([1, 2, 3], 3)[2]).toBeCloseTo(1, 12);
    expect(Number.isNaN(rollingZScore([1, 2, 3], 3)[1]!)).toBe(true);
  });
});

describe('combineFactors', () => {
  const bars = makeTestBars(400);
  // A monthly "rate", published about 15 days after each month, then revised 30 days later.
  const publications: { at: number; value: number }[] = [];
  for (let month = 0; month < 14; month++) {
    const value = 2 + Math.sin(month);
    publications.push({ at: bars.time[0]! + (month * 30 + 15) * DAY, value });
    publications.push({ at: bars.time[0]! + (month * 30 + 45) * DAY, value: value + 0.05 });
  }
  publications.sort((a, b) => a.at - b.at);
  const published = (until: number) => {
    const known = publications.filter((publication) => publication.at <= until);
    return { availableFrom: known.map((entry) => entry.at), values: known.map((entry) => entry.value) };
  };

  it('never changes a past factor value when bars and later publications (revisions included) are appended', () => {
    const cut = 250;
    const earlierBars = { time: bars.time.slice(0, cut), values: bars.close.slice(0, cut) };
    const before = combineFactors(earlierBars, published(bars.time[cut - 1]!), 60);
    const after = combineFactors({ time: bars.time, values: bars.close }, published(Number.POSITIVE_INFINITY), 60);
    for (const name of Object.keys(before) as (keyof typeof before)[]) {
      expect(Array.from(after[name].subarray(0, cut)), name).toEqual(Array.from(before[name]));
    }
    expect(Number.isFinite(after.correlation[399]!)).toBe(true);
  });

  it('takes an indicator output as the bar series, the factor engine reading the same numbers as panels', () => {
    const rsi = computeIndicator('rsi', { period: 14 }, bars).outputs.value!;
    const factors = combineFactors({ time: bars.time, values: rsi }, published(Number.POSITIVE_INFINITY), 30);
    const aligned = alignAsOf(bars.time, published(Number.POSITIVE_INFINITY));
    expect(factors.alignedZScore[399]).toBeCloseTo(rollingZScore(aligned, 30)[399]!, 12);
    expect(Number.isFinite(factors.spreadZScore[399]!)).toBe(true);
  });
});
