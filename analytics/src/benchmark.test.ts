import { describe, expect, it } from 'vitest';
import { alignBenchmark, benchmarkStatistics, tearSheet } from './index.ts';

const DAY = 86_400_000;
const MONDAY = Date.parse('2024-01-01T21:00:00Z');

describe('benchmark statistics', () => {
  it('computes tracking error and information ratio from active returns', () => {
    // r − b = [1, 1, 1, −1] %: mean 0.005; deviations 0.005 ×3 and −0.015: (3 × 2.5e−5 + 2.25e−4) / 3 = 1e−4, stdev 0.01
    // P = 4: TE = 0.01 × √4 = 0.02; IR = 0.005 × 4 / 0.02 = 1
    const stats = benchmarkStatistics([0.02, 0.01, 0.03, -0.02], [0.01, 0, 0.02, -0.01], 4, 0);
    expect(stats.trackingError).toBeCloseTo(0.02, 12);
    expect(stats.informationRatio).toBeCloseTo(1, 12);
  });

  it('computes up and down capture from annualised returns over the benchmark’s up and down periods', () => {
    // Up periods (b > 0): indices 0 and 2. Strategy 1.02 × 1.03 = 1.0506, ^(4/2) − 1 = 0.10376;
    // benchmark 1.01 × 1.02 = 1.0302, ^2 − 1 = 0.061312; 0.10376036 / 0.06131204 = 1.692333.
    // Down periods: strategy 0.99 × 0.98 = benchmark 0.98 × 0.99 → capture 1.
    const stats = benchmarkStatistics([0.02, -0.01, 0.03, -0.02], [0.01, -0.02, 0.02, -0.01], 4, 0);
    expect(stats.upCapture).toBeCloseTo(1.692333, 6);
    expect(stats.downCapture).toBeCloseTo(1, 12);
  });

  it('finds beta 2, correlation 1 and zero alpha for a strategy that doubles every benchmark return', () => {
    const benchmark = [0.01, -0.02, 0.015, 0.004, -0.006];
    const stats = benchmarkStatistics(
      benchmark.map((value) => 2 * value),
      benchmark,
      252,
      0,
    );
    expect(stats.beta).toBeCloseTo(2, 12);
    expect(stats.correlation).toBeCloseTo(1, 12);
    expect(stats.alpha).toBeCloseTo(0, 12);
  });

  it('uses excess returns for alpha: with rf, doubling the benchmark’s excess return leaves alpha 0', () => {
    // r − rf = 2 (b − rf) ⇒ r = 2b − rf: β = 2 and α = mean(r − rf) − 2·mean(b − rf) = 0
    const rf = 0.0001;
    const benchmark = [0.01, -0.02, 0.015, 0.004, -0.006];
    const stats = benchmarkStatistics(
      benchmark.map((value) => 2 * value - rf),
      benchmark,
      252,
      rf,
    );
    expect(stats.beta).toBeCloseTo(2, 12);
    expect(stats.alpha).toBeCloseTo(0, 12);
  });
});

describe('benchmark alignment', () => {
  it('drops dates missing on either side and measures both sides over the same interval', () => {
    // Strategy Mon–Fri at 21:00; the benchmark, stamped at midnight, has no Wednesday but a Saturday.
    const strategyTime = [0, 1, 2, 3, 4].map((day) => MONDAY + day * DAY);
    const benchmarkTime = [0, 1, 3, 4, 5].map((day) => Date.parse('2024-01-01T00:00:00Z') + day * DAY);
    const benchmarkLevels = [100, 101, 99, 102, 103];
    // Over each common interval the strategy moves exactly twice the benchmark's return (Tue → Thu
    // spans two days on both sides); Wednesday's strategy level is arbitrary and must not matter.
    const strategyLevels = [1000, 1000 * (1 + 2 * 0.01), 5, 0, 0];
    strategyLevels[3] = strategyLevels[1]! * (1 + 2 * (99 / 101 - 1));
    strategyLevels[4] = strategyLevels[3] * (1 + 2 * (102 / 99 - 1));
    const aligned = alignBenchmark(
      { time: strategyTime, value: strategyLevels },
      { time: benchmarkTime, value: benchmarkLevels },
      true,
    );
    expect(aligned).toMatchObject({ matchedOn: 'utcDay', strategyOnly: 1, benchmarkOnly: 1, benchmark: [100, 101, 99, 102] });
    expect(aligned.time).toEqual([0, 1, 3, 4].map((day) => MONDAY + day * DAY));

    const sheet = tearSheet({
      equity: { time: strategyTime, value: strategyLevels },
      benchmark: { time: benchmarkTime, value: benchmarkLevels, name: 'SIM-INDEX' },
    });
    const beta = sheet.metrics.find((entry) => entry.id === 'beta')!;
    expect(beta.value).toBeCloseTo(2, 10);
    expect(beta.conventions).toContain('1 strategy-only and 1 benchmark-only dropped');
    expect(sheet.benchmark).toMatchObject({ name: 'SIM-INDEX', commonPoints: 4, rebased: [1000, 1010, 990, 1020] });
  });

  it('matches exact times for intraday series', () => {
    const aligned = alignBenchmark({ time: [1, 2, 3], value: [1, 1, 1] }, { time: [2, 3, 4], value: [5, 6, 7] }, false);
    expect(aligned).toMatchObject({ matchedOn: 'time', time: [2, 3], benchmark: [5, 6], strategyOnly: 1, benchmarkOnly: 1 });
  });
});
