import { describe, expect, it } from 'vitest';
import { createIndicator } from './index.ts';

// Known answers for the catalogue indicators that no second implementation here computes the same way.
// Each case names its source: a worked example by hand (from the indicator's definition), or a value
// published in trading-signals' own test suite (bennycode/trading-signals, packages/trading-signals/src,
// tag 8.3.0), which itself cites its reference (Skender.Stock.Indicators, indicatorts, Wikipedia, …).
// The numbers are copied from those sources, never from this code's output.
// Parabolic SAR is not here: trading-signals keeps the SAR out of the prior two bars' range only when the
// bar crosses it, where Wilder always does (rising bars 10/9, 11/10, 12/11 read 9, 9.04 there and 9, 9 by
// Wilder), so the catalogue's psar is psar-step.ts, checked against Tulip and by hand in psar-step.test.ts.

type Bar = { open?: number; high: number; low: number; close: number; volume?: number };

/** Feeds the bars through the catalogue indicator and returns output `output` after each bar. */
function run(id: string, params: Record<string, number>, bars: Bar[], output = 0): number[] {
  const indicator = createIndicator(id, params);
  return bars.map((bar) => {
    indicator.update({ open: bar.open ?? bar.close, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume ?? 0 });
    return indicator.values[output]!;
  });
}

const flat = (closes: readonly number[]): Bar[] => closes.map((close) => ({ high: close, low: close, close }));

/** The values from index `from` on, rounded as the published fixture prints them. */
const fixed = (values: number[], from: number, digits: number) => values.slice(from).map((value) => value.toFixed(digits));

describe('published and hand-worked known answers', () => {
  it('vwap: indicatorts v2.2.2 volumeWeightedAveragePrice test (via trading-signals VWAP.test.ts)', () => {
    const bars = [9, 11, 7, 10, 8].map((price, index) => ({
      high: price,
      low: price,
      close: price,
      volume: [100, 110, 80, 120, 90][index]!,
    }));
    expect(fixed(run('vwap', {}, bars), 0, 2)).toEqual(['9.00', '10.05', '9.21', '9.44', '9.18']);
  });

  it('iqr: Wikipedia "Interquartile range" table (88) and two Khan Academy examples (8, 3) (trading-signals IQR.test.ts)', () => {
    expect(run('iqr', { period: 13 }, flat([7, 7, 31, 31, 47, 75, 87, 115, 116, 119, 119, 155, 177])).at(-1)).toBe(88);
    expect(run('iqr', { period: 9 }, flat([4, 4, 6, 7, 10, 11, 12, 14, 15])).at(-1)).toBe(8);
    expect(run('iqr', { period: 10 }, flat([7, 9, 9, 10, 10, 10, 11, 12, 12, 14])).at(-1)).toBe(3);
  });

  it('supertrend: TradingView formula in an independent script, interval 5, multiplier 2 (trading-signals SuperTrend.test.ts)', () => {
    const candles: [close: number, high: number, low: number][] = [
      [81, 82, 80],
      [82, 83, 81],
      [83, 84, 82],
      [84, 85, 83],
      [85, 86, 84],
      [86, 87, 85],
      [87, 88, 86],
      [90.5, 91, 87],
      [91, 92, 89],
      [92, 93, 90],
      [82, 92, 81],
      [77, 83, 76],
      [75, 78, 74],
      [74, 76, 73],
      [73, 75, 72],
      [79, 80, 72],
      [85.5, 86, 79],
      [86, 87, 84],
      [87, 88, 85],
      [88, 89, 86],
    ];
    const values = run(
      'supertrend',
      { period: 5, multiplier: 2 },
      candles.map(([close, high, low]) => ({ close, high, low })),
    );
    expect(values.slice(0, 4).every(Number.isNaN)).toBe(true);
    expect(fixed(values, 4, 4)).toEqual([
      '89.0000',
      '89.0000',
      '89.0000',
      '84.2000',
      '85.4600',
      '86.2680',
      '95.0856',
      '89.1685',
      '85.3348',
      '83.1678',
      '81.6343',
      '81.6343',
      '71.9341',
      '75.8473',
      '77.5778',
      '79.1622',
    ]);
  });

  it('alma: Skender.Stock.Indicators v3.0.0 ALMA(9, 0.85, 6) baseline (trading-signals ALMA.test.ts)', () => {
    const closes = [
      212.8, 214.06, 213.89, 214.66, 213.95, 213.95, 214.55, 214.02, 214.51, 213.75, 214.22, 213.43, 214.21, 213.66, 215.03,
      216.89, 216.66, 216.32, 214.98, 214.96,
    ];
    expect(fixed(run('alma', { period: 9, offset: 0.85, sigma: 6 }, flat(closes)), 8, 7)).toEqual([
      '214.2611591',
      '214.1828154',
      '214.1391983',
      '213.9577828',
      '213.9241142',
      '213.8637213',
      '214.1054047',
      '214.8606438',
      '215.6817140',
      '216.2088357',
      '216.0927793',
      '215.6764184',
    ]);
  });

  it('vidya: CMO-based VIDYA(2) worked by hand, seed = first price (trading-signals VIDYA.test.ts)', () => {
    // alpha = 2/3. Price 11: CMO over (10, 12, 11) = 100 (2 − 1) / 3, k = 1/3, VIDYA = 2/9·11 + 7/9·10 = 92/9.
    // Price 14: CMO over (12, 11, 14) = 50, k = 1/2: 1/3·14 + 2/3·92/9 = 310/27. Price 13: 1/3·13 + 2/3·310/27 = 971/81.
    const values = run('vidya', { period: 2 }, flat([10, 12, 11, 14, 13]));
    expect(values[2]).toBeCloseTo(92 / 9, 12);
    expect(values[3]).toBeCloseTo(310 / 27, 12);
    expect(values[4]).toBeCloseTo(971 / 81, 12);
  });

  it("t3: Tillson's cascade worked by hand for period 2, volume factor 0.7 (trading-signals T3.test.ts)", () => {
    // Six EMA stages with k = 2/3, each seeded with its first input; T3 = c1·e6 + c2·e5 + c3·e4 + c4·e3 with
    // c1 = −0.343, c2 = 2.499, c3 = −6.069, c4 = 4.913. The cascade table is in the source test.
    const values = run('t3', { period: 2, volumeFactor: 0.7 }, flat([10, 11, 12, 13, 14, 15, 16, 17]));
    expect(values[6]).toBeCloseTo(15.547065251, 8);
    expect(values[7]).toBeCloseTo(16.55000446, 8);
  });

  it('ulcer: Skender.Stock.Indicators v3.0.0 Ulcer Index(14) baseline (trading-signals UlcerIndex.test.ts)', () => {
    const closes = [
      212.8, 214.06, 213.89, 214.66, 213.95, 213.95, 214.55, 214.02, 214.51, 213.75, 214.22, 213.43, 214.21, 213.66, 215.03,
      216.89, 216.66, 216.32, 214.98, 214.96, 215.05, 215.19, 216.67, 216.28, 216.29, 216.58, 217.86, 218.72, 219.91, 220.79,
    ];
    expect(fixed(run('ulcer', { period: 14 }, flat(closes)), 13, 7)).toEqual([
      '0.2844201',
      '0.2844201',
      '0.2836270',
      '0.2850395',
      '0.2351403',
      '0.3326929',
      '0.4089552',
      '0.4583534',
      '0.5039547',
      '0.4778201',
      '0.4836963',
      '0.4791037',
      '0.4806241',
      '0.4757002',
      '0.4757002',
      '0.4757002',
      '0.4069892',
    ]);
  });

  it('pvo: PVO(2, 5) worked by hand from first-value-seeded EMAs (trading-signals PVO.test.ts)', () => {
    // Volumes 243…1458: fast EMA 1095, slow 825 at the 5th bar → 100 (1095 − 825) / 825; then 1337 and 1036.
    const bars = [243, 486, 729, 972, 1215, 1458].map((volume) => ({ high: 1, low: 1, close: 1, volume }));
    const values = run('pvo', { fast: 2, slow: 5 }, bars);
    expect(values.slice(0, 4).every(Number.isNaN)).toBe(true);
    expect(values[4]).toBeCloseTo((100 * (1095 - 825)) / 825, 12);
    expect(values[5]).toBeCloseTo((100 * (1337 - 1036)) / 1036, 12);
  });

  it('ibs: (close − low) / (high − low), by hand', () => {
    // (12 − 10) / (14 − 10) = 0.5; (10.5 − 10) / (12 − 10) = 0.25; (20 − 15) / (20 − 15) = 1.
    const values = run('ibs', {}, [
      { high: 14, low: 10, close: 12 },
      { high: 12, low: 10, close: 10.5 },
      { high: 20, low: 15, close: 20 },
    ]);
    expect(values).toEqual([0.5, 0.25, 1]);
  });

  it('keltner: EMA(3) ± 2 × Wilder ATR(2), worked by hand (trading-signals KeltnerChannels.test.ts)', () => {
    // EMA seeded with the first close; ATR seeded with the mean of the first two true ranges (4, 3 → 3.5).
    const bars = [
      { high: 12, low: 8, close: 10 },
      { high: 13, low: 10, close: 12 },
      { high: 15, low: 11, close: 14 },
      { high: 14, low: 10, close: 11 },
      { high: 16, low: 12, close: 15 },
      { high: 17, low: 13, close: 16 },
    ];
    const params = { emaPeriod: 3, atrPeriod: 2, multiplier: 2 };
    expect(run('keltner', params, bars, 0).slice(2)).toEqual([12.5, 11.75, 13.375, 14.6875]);
    expect(run('keltner', params, bars, 1).slice(2)).toEqual([20, 19.5, 22.25, 23.125]);
    expect(run('keltner', params, bars, 2).slice(2)).toEqual([5, 4, 4.5, 6.25]);
  });

  it('coppock: WMA(2) of ROC(3) + ROC(2) in percent, worked by hand from StockCharts (trading-signals CoppockCurve.test.ts)', () => {
    // Sums 70, 35.2, 70 at the 4th–6th price; (70 + 2·35.2) / 3 = 46.8 and (35.2 + 2·70) / 3 = 58.4.
    const values = run('coppock', { longRoc: 3, shortRoc: 2, wma: 2 }, flat([200, 250, 240, 300, 288, 360]));
    expect(values.slice(0, 4).every(Number.isNaN)).toBe(true);
    expect(values[4]).toBeCloseTo(46.8, 12);
    expect(values[5]).toBeCloseTo(58.4, 12);
  });

  it('chop: Skender.Stock.Indicators v3.0.0 Choppiness Index(14) baseline (trading-signals CHOP.test.ts)', () => {
    const candles: [close: number, high: number, low: number][] = [
      [212.8, 213.35, 211.52],
      [214.06, 214.22, 213.15],
      [213.89, 214.06, 213.02],
      [214.66, 215.17, 213.42],
      [213.95, 214.53, 213.91],
      [213.95, 214.89, 213.52],
      [214.55, 214.55, 213.13],
      [214.02, 214.22, 212.53],
      [214.51, 214.84, 214.17],
      [213.75, 214.25, 213.33],
      [214.22, 214.27, 213.42],
      [213.43, 214.46, 212.96],
      [214.21, 214.75, 213.49],
      [213.66, 214.28, 212.83],
      [215.03, 215.48, 213.77],
      [216.89, 216.89, 215.89],
      [216.66, 217.02, 216.36],
      [216.32, 216.91, 216.12],
      [214.98, 215.59, 213.9],
      [214.96, 215.03, 213.82],
      [215.05, 215.96, 214.4],
      [215.19, 215.5, 214.29],
      [216.67, 216.87, 215.84],
      [216.28, 216.66, 215.92],
      [216.29, 216.97, 216.09],
      [216.58, 216.72, 215.7],
      [217.86, 218.19, 216.84],
      [218.72, 218.97, 217.88],
      [219.91, 220.19, 219.23],
      [220.79, 220.8, 219.33],
      [221.94, 222.15, 220.5],
      [221.75, 222.16, 220.93],
    ];
    const values = run(
      'chop',
      { period: 14 },
      candles.map(([close, high, low]) => ({ close, high, low })),
    );
    expect(values.slice(0, 14).every(Number.isNaN)).toBe(true);
    expect(fixed(values, 14, 7)).toEqual([
      '69.9966973',
      '56.0742141',
      '54.2014428',
      '52.2121054',
      '55.6083257',
      '55.2958100',
      '55.5694019',
      '56.5787410',
      '58.2869649',
      '57.4424782',
      '57.5020106',
      '56.5380840',
      '47.7918981',
      '47.4598973',
      '39.8426024',
      '35.5579320',
      '30.9045157',
      '31.7342961',
    ]);
  });

  it('rsv: Rogers-Satchell volatility worked by hand on power-of-2 candles (trading-signals RogersSatchellVolatility.test.ts)', () => {
    // Per bar ln(H/C)·ln(H/O) + ln(L/C)·ln(L/O): 4·ln²2, 0, 2·ln²2; RSV(3) = √(6·ln²2 / 3) = √2 · ln 2.
    const values = run('rsv', { period: 3 }, [
      { open: 50, high: 200, low: 25, close: 100 },
      { open: 100, high: 100, low: 100, close: 100 },
      { open: 100, high: 200, low: 50, close: 100 },
    ]);
    expect(values[2]).toBeCloseTo(Math.SQRT2 * Math.LN2, 14);
  });

  it('mcginley: Skender.Stock.Indicators v3.0.0 McGinley Dynamic(14) baseline (trading-signals McGinleyDynamic.test.ts)', () => {
    const closes = [
      212.8, 214.06, 213.89, 214.66, 213.95, 213.95, 214.55, 214.02, 214.51, 213.75, 214.22, 213.43, 214.21, 213.66, 215.03,
      216.89, 216.66, 216.32, 214.98, 214.96,
    ];
    expect(fixed(run('mcginley', { period: 14 }, flat(closes)), 13, 7)).toEqual([
      '213.7675128',
      '213.9143102',
      '214.2495145',
      '214.5239180',
      '214.7307240',
      '214.7602623',
      '214.7839523',
    ]);
  });

  it("supersmoother: Ehlers' two-pole filter (PredictiveIndicators.pdf, listing 1) for N = 4 (trading-signals SuperSmoother.test.ts)", () => {
    // a1 = e^(−√2·π/4), c2 = 2·a1·cos(√2·π/4), c3 = −a1², c1 = 1 − c2 − c3; Filt = Price on the first two bars.
    const a1 = Math.exp((-Math.SQRT2 * Math.PI) / 4);
    const c2 = 2 * a1 * Math.cos((Math.SQRT2 * Math.PI) / 4);
    const c3 = -a1 * a1;
    const c1 = 1 - c2 - c3;
    const prices = [82, 88, 84, 90, 86, 89, 87];
    const filter = [82, 88];
    for (let bar = 2; bar < prices.length; bar++) {
      filter.push((c1 * (prices[bar]! + prices[bar - 1]!)) / 2 + c2 * filter[bar - 1]! + c3 * filter[bar - 2]!);
    }
    const values = run('supersmoother', { period: 4 }, flat(prices));
    expect(fixed(values, 3, 4)).toEqual(['86.8970', '87.7839', '87.6484', '87.9206']);
    for (let bar = 3; bar < prices.length; bar++) expect(values[bar]).toBeCloseTo(filter[bar]!, 10);
  });

  it('rci: Spearman rank correlation of price and time × 100, worked by hand (trading-signals RCI.test.ts)', () => {
    // Window 3, 1, 4, 2, 5: time ranks 5…1, price ranks 3, 5, 2, 4, 1; Σd² = 10, (1 − 6·10 / 120)·100 = 50.
    expect(run('rci', { period: 5 }, flat([3, 1, 4, 2, 5])).at(-1)).toBe(50);
    expect(run('rci', { period: 5 }, flat([1, 2, 3, 4, 5])).at(-1)).toBe(100);
    expect(run('rci', { period: 5 }, flat([5, 4, 3, 2, 1])).at(-1)).toBe(-100);
    // Ties share the mean rank: 2, 2, 3, 1 → price ranks 2.5, 2.5, 1, 4; Σd² = 2.25 + 0.25 + 1 + 9 = 12.5;
    // (1 − 6·12.5 / 60)·100 = −25.
    expect(run('rci', { period: 4 }, flat([2, 2, 3, 1])).at(-1)).toBe(-25);
  });

  it('cg: Σ (position from the oldest) · price / Σ price over the window, by hand (signal SMA(2) sets the warm-up)', () => {
    // The library weights the oldest price 1 and the newest n and drops Ehlers' minus sign (Ehlers weights the
    // newest 1), so its CG = (n + 1) + Ehlers' CG. Window 3: [1, 2] → 5/3, [1, 2, 3] → 14/6, [2, 3, 4] → 20/9.
    const values = run('cg', { period: 3, signal: 2 }, flat([1, 2, 3, 4]));
    expect(Number.isNaN(values[0]!)).toBe(true);
    expect(values[1]).toBeCloseTo(5 / 3, 14);
    expect(values[2]).toBeCloseTo(14 / 6, 14);
    expect(values[3]).toBeCloseTo(20 / 9, 14);
  });

  it('ichimoku: each line the midpoint of its window, Span A the mean of the first two, by hand (trading-signals IchimokuCloud.test.ts)', () => {
    // Windows 2/3/4. Bar 4: conversion (11 + 7)/2 = 9, base (16 + 6)/2 = 11, Span A 10, Span B (20 + 2)/2 = 11.
    // Bar 5: (10 + 5)/2 = 7.5, (11 + 5)/2 = 8, 7.75, (16 + 5)/2 = 10.5. Spans are the values computed at the bar,
    // not displaced forward.
    const bars = [
      [20, 2],
      [16, 6],
      [11, 7],
      [10, 8],
      [9, 5],
    ].map(([high, low]) => ({ high: high!, low: low!, close: (high! + low!) / 2 }));
    const params = { conversion: 2, base: 3, spanB: 4 };
    const lines = [0, 1, 2, 3].map((output) => run('ichimoku', params, bars, output));
    expect(lines.every((line) => line.slice(0, 3).every(Number.isNaN))).toBe(true);
    expect(lines.map((line) => line[3])).toEqual([9, 11, 10, 11]);
    expect(lines.map((line) => line[4])).toEqual([7.5, 8, 7.75, 10.5]);
  });

  it("lrsi: Ehlers' Laguerre RSI (Cybernetic Analysis, ch. 14), gamma 0.5, worked in exact fractions (trading-signals LaguerreRSI.test.ts)", () => {
    // Stages L0…L3 are dyadic fractions at gamma 0.5; CU / (CU + CD) = (21/4)/(6), (315/32)/(333/32), 1.
    const values = run('lrsi', { gamma: 0.5 }, flat([8, 4, 6, 2, 10, 12]));
    expect(values.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(values.slice(3)).toEqual([7 / 8, 35 / 37, 1]);
  });

  it("pmo: Swenlin's DecisionPoint PMO (StockCharts) with smoothing 4/3 and signal 3, by hand (trading-signals PMO.test.ts)", () => {
    // roc 50, −50, 100, 50, −50, 100, 50, −50 → smooth1 (w 1/2) → ×10 → smooth2 (w 2/3) → PMO 3500/9, 12500/27,
    // 12500/81; signal EMA(3) (w 1/2) 3500/9, 11500/27, 23500/81.
    const prices = [100, 150, 75, 150, 225, 112.5, 225, 337.5, 168.75];
    const params = { smoothing1: 4, smoothing2: 3, signal: 3 };
    const pmo = run('pmo', params, flat(prices), 0);
    const signal = run('pmo', params, flat(prices), 1);
    expect(pmo.slice(0, 6).every(Number.isNaN)).toBe(true);
    [3500 / 9, 12500 / 27, 12500 / 81].forEach((value, index) => {
      expect(pmo[6 + index]).toBeCloseTo(value, 9);
    });
    [3500 / 9, 11500 / 27, 23500 / 81].forEach((value, index) => {
      expect(signal[6 + index]).toBeCloseTo(value, 9);
    });
  });

  it("stc: Schaff's cascade (MACD → two halfway-smoothed stochastics) worked by hand, cycle 3, EMAs 1 and 3 (trading-signals STC.test.ts)", () => {
    // The EMA(1) echoes the price and the EMA(3) carries half of every change, so every stage is a binary
    // fraction; the worksheet table (MACD, %K, %D, %KK, STC per bar) is in the source test.
    const values = run('stc', { cycle: 3, fast: 1, slow: 3 }, flat([10, 12, 15, 21, 23, 18, 35, 43, 35, 48, 37.5, 33.5]));
    expect(values.slice(0, 6).every(Number.isNaN)).toBe(true);
    expect(values.slice(6)).toEqual([100, 100, 50, 50, 25, 12.5]);
  });

  it("ac: Bill Williams' AO − SMA(AO, signal) on median prices, by hand for AO(1, 2) and signal 2", () => {
    // Medians 10, 12, 11, 15, 13. AO = SMA1 − SMA2 of them: 1, −0.5, 2, −1 (from bar 2); SMA2 of AO: 0.25, 0.75,
    // 0.5; AC = −0.75, 1.25, −1.5.
    const bars = [10, 12, 11, 15, 13].map((median) => ({ high: median + 1, low: median - 1, close: median }));
    const values = run('ac', { short: 1, long: 2, signal: 2 }, bars);
    expect(values.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(values.slice(2)).toEqual([-0.75, 1.25, -1.5]);
  });
});
