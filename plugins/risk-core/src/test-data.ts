// Deterministic data for this package's tests: a seeded generator instead of Math.random.
import type { PriceSeries } from '@nautilus/sdk';

export const DAY_MS = 86_400_000;
/** 2024-01-01T00:00Z, the first date of generated series. */
export const FIRST_DAY = Date.UTC(2024, 0, 1);

/** Uniform numbers in (0, 1) from a 32-bit seed (mulberry32). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return (((x ^ (x >>> 14)) >>> 0) + 0.5) / 4_294_967_296;
  };
}

/** Standard normal draws (Box-Muller) from a seed. */
export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * `days` rows of returns with the given daily volatilities and correlation matrix (plus a drift),
 * made by multiplying independent normals by the correlation's Cholesky factor (computed here,
 * independently of the package's own factorisation).
 */
export function correlatedReturns(
  days: number,
  vols: number[],
  correlation: number[][],
  seed: number,
  drift: number[] = [],
): number[][] {
  const n = vols.length;
  const lower = vols.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = correlation[i]![j]!;
      for (let k = 0; k < j; k++) sum -= lower[i]![k]! * lower[j]![k]!;
      lower[i]![j] = i === j ? Math.sqrt(Math.max(0, sum)) : lower[j]![j]! > 0 ? sum / lower[j]![j]! : 0;
    }
  }
  const normal = seededNormal(seed);
  return Array.from({ length: days }, () => {
    const z = vols.map(() => normal());
    return vols.map((vol, i) => (drift[i] ?? 0) + vol * lower[i]!.reduce((sum, l, k) => sum + l * z[k]!, 0));
  });
}

/** Daily closes (starting at `start`) whose simple returns are `rows`, one series per symbol, on consecutive days. */
export function pricesFromReturns(
  symbols: string[],
  rows: number[][],
  start = 100,
  firstDay = FIRST_DAY,
): Record<string, PriceSeries> {
  return Object.fromEntries(
    symbols.map((symbol, s) => {
      const close = [start];
      for (const row of rows) close.push(close[close.length - 1]! * (1 + row[s]!));
      return [symbol, { time: close.map((_, t) => firstDay + t * DAY_MS), close }];
    }),
  );
}

/** A series of closes on consecutive days from FIRST_DAY. */
export function daily(close: number[], firstDay = FIRST_DAY): PriceSeries {
  return { time: close.map((_, t) => firstDay + t * DAY_MS), close };
}

/** Mean and unbiased sample standard deviation, written out plainly for cross-checks. */
export function meanAndDeviation(values: number[]): { mean: number; deviation: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { mean, deviation: Math.sqrt(squares / (values.length - 1)) };
}

/** Three correlated instruments over `days` returns, and a long/short portfolio of them. */
export function threeAssetMarket(days = 400, seed = 11) {
  const symbols = ['SIM:AAA', 'SIM:BBB', 'SIM:CCC'];
  const rows = correlatedReturns(
    days,
    [0.012, 0.02, 0.008],
    [
      [1, 0.6, 0.2],
      [0.6, 1, 0.1],
      [0.2, 0.1, 1],
    ],
    seed,
    [0.0004, 0.0008, 0.0001],
  );
  const prices = pricesFromReturns(symbols, rows);
  const positions = [
    { symbol: 'SIM:AAA', quantity: 1000 },
    { symbol: 'SIM:BBB', quantity: -300 },
    { symbol: 'SIM:CCC', quantity: 5000 },
  ];
  return { symbols, rows, prices, positions };
}

/**
 * The P&L today's positions would have made on each of the last `count` h-day windows, computed
 * straight from the closes (h-day return = close[t] / close[t-h] - 1), independently of the package.
 */
export function portfolioPnl(
  positions: { symbol: string; quantity: number }[],
  prices: Record<string, PriceSeries>,
  count: number,
  horizonDays = 1,
): number[] {
  const pnl = new Array<number>(count).fill(0);
  for (const { symbol, quantity } of positions) {
    const close = prices[symbol]!.close;
    const value = quantity * close[close.length - 1]!;
    for (let j = 0; j < count; j++) {
      const t = close.length - count + j;
      pnl[j]! += value * (close[t]! / close[t - horizonDays]! - 1);
    }
  }
  return pnl;
}
