import { AnalyticsError } from './analytics-error.ts';

/** One segment's weight (fraction of the book, they sum to 1) and return over a period. */
export interface SegmentHolding {
  readonly weight: number;
  readonly return: number;
}

/** One period: each side's holdings by instrument. An instrument missing on one side has weight 0 there. */
export interface AttributionPeriod {
  readonly time: number;
  readonly portfolio: Readonly<Record<string, SegmentHolding>>;
  readonly benchmark: Readonly<Record<string, SegmentHolding>>;
}

/** Brinson–Fachler effects of one segment (summed over periods when linked). */
export interface SegmentEffects {
  readonly segment: string;
  readonly allocation: number;
  readonly selection: number;
  readonly interaction: number;
  readonly total: number;
}

/** Attribution by instrument or by asset class, linked over the periods, with its residual check. */
export interface AttributionTable {
  readonly segments: SegmentEffects[];
  readonly allocation: number;
  readonly selection: number;
  readonly interaction: number;
  /** Compounded portfolio and benchmark returns over all periods, and their difference. */
  readonly portfolioReturn: number;
  readonly benchmarkReturn: number;
  readonly activeReturn: number;
  /** activeReturn − (allocation + selection + interaction): 0 up to rounding when the effects add up. */
  readonly residual: number;
}

export interface Attribution {
  readonly byInstrument: AttributionTable;
  readonly byAssetClass: AttributionTable;
  readonly periods: number;
  readonly conventions: string;
}

const CONVENTIONS =
  'Brinson–Fachler: allocation (wp − wb)(rb_i − Rb), selection wb(rp_i − rb_i), interaction (wp − wb)(rp_i − rb_i) per period; linked over periods by Cariño’s logarithmic factors k_t / K, k = (ln(1 + Rp) − ln(1 + Rb)) / (Rp − Rb); an asset class’s return is the weight-averaged return of its instruments (the benchmark’s where a side holds none)';

/**
 * Brinson–Fachler attribution by instrument and by asset class, linked over periods (Cariño 1999),
 * with a residual check that the effects add up to the compounded active return.
 * @example attribution(periods, { 'SIM:AAPL': 'stock', 'SIM:TLT': 'etf' })
 */
export function attribution(periods: readonly AttributionPeriod[], assetClass: Readonly<Record<string, string>>): Attribution {
  periods.forEach((period, index) => {
    for (const side of ['portfolio', 'benchmark'] as const) {
      for (const [symbol, holding] of Object.entries(period[side])) {
        if (!Number.isFinite(holding.weight) || !Number.isFinite(holding.return) || holding.return <= -1) {
          throw new AnalyticsError(
            'INVALID_INPUT',
            `periods[${index}].${side}.${symbol}`,
            'needs a finite weight and a return > −1',
          );
        }
      }
    }
  });
  const byClass = periods.map((period) => ({
    time: period.time,
    portfolio: groupByClass(period.portfolio, assetClass),
    benchmark: groupByClass(period.benchmark, assetClass),
  }));
  // A class held on one side only takes the other side's return, so selection there is 0 by construction.
  const classPeriods = byClass.map((period) => ({
    ...period,
    portfolio: fillReturns(period.portfolio, period.benchmark),
    benchmark: fillReturns(period.benchmark, period.portfolio),
  }));
  const instrumentPeriods = periods.map((period) => ({
    ...period,
    portfolio: fillReturns(period.portfolio, period.benchmark),
    benchmark: fillReturns(period.benchmark, period.portfolio),
  }));
  return {
    byInstrument: linked(instrumentPeriods),
    byAssetClass: linked(classPeriods),
    periods: periods.length,
    conventions: CONVENTIONS,
  };
}

function groupByClass(
  holdings: Readonly<Record<string, SegmentHolding>>,
  assetClass: Readonly<Record<string, string>>,
): Record<string, SegmentHolding> {
  const sums = new Map<string, { weight: number; weighted: number }>();
  for (const [symbol, holding] of Object.entries(holdings)) {
    const key = assetClass[symbol] ?? 'unclassified';
    const sum = sums.get(key) ?? { weight: 0, weighted: 0 };
    sum.weight += holding.weight;
    sum.weighted += holding.weight * holding.return;
    sums.set(key, sum);
  }
  return Object.fromEntries(
    [...sums.entries()].map(([key, sum]) => [
      key,
      { weight: sum.weight, return: sum.weight !== 0 ? sum.weighted / sum.weight : Number.NaN },
    ]),
  );
}

/** Every segment of either side on this side too: weight 0 and the other side's return where missing or undefined. */
function fillReturns(
  side: Readonly<Record<string, SegmentHolding>>,
  other: Readonly<Record<string, SegmentHolding>>,
): Record<string, SegmentHolding> {
  const filled: Record<string, SegmentHolding> = {};
  for (const key of new Set([...Object.keys(side), ...Object.keys(other)])) {
    const own = side[key];
    const fallback = other[key]?.return ?? 0;
    filled[key] = {
      weight: own?.weight ?? 0,
      return: own && Number.isFinite(own.return) ? own.return : Number.isFinite(fallback) ? fallback : 0,
    };
  }
  return filled;
}

function total(side: Readonly<Record<string, SegmentHolding>>): number {
  return Object.values(side).reduce((sum, holding) => sum + holding.weight * holding.return, 0);
}

/** Cariño's factor: (ln(1 + p) − ln(1 + b)) / (p − b), its limit 1 / (1 + p) when p = b. */
function carino(portfolio: number, benchmark: number): number {
  return Math.abs(portfolio - benchmark) < 1e-15
    ? 1 / (1 + portfolio)
    : (Math.log1p(portfolio) - Math.log1p(benchmark)) / (portfolio - benchmark);
}

function linked(periods: readonly AttributionPeriod[]): AttributionTable {
  let growthPortfolio = 1;
  let growthBenchmark = 1;
  const perPeriod = periods.map((period) => {
    const Rp = total(period.portfolio);
    const Rb = total(period.benchmark);
    growthPortfolio *= 1 + Rp;
    growthBenchmark *= 1 + Rb;
    return { period, Rp, Rb };
  });
  const portfolioReturn = growthPortfolio - 1;
  const benchmarkReturn = growthBenchmark - 1;
  const K = carino(portfolioReturn, benchmarkReturn);
  const sums = new Map<string, { allocation: number; selection: number; interaction: number }>();
  for (const { period, Rp, Rb } of perPeriod) {
    const scale = carino(Rp, Rb) / K;
    for (const [segment, held] of Object.entries(period.portfolio)) {
      const bench = period.benchmark[segment]!;
      const active = held.weight - bench.weight;
      const sum = sums.get(segment) ?? { allocation: 0, selection: 0, interaction: 0 };
      sum.allocation += active * (bench.return - Rb) * scale;
      sum.selection += bench.weight * (held.return - bench.return) * scale;
      sum.interaction += active * (held.return - bench.return) * scale;
      sums.set(segment, sum);
    }
  }
  const segments = [...sums.entries()]
    .map(([segment, sum]) => ({ segment, ...sum, total: sum.allocation + sum.selection + sum.interaction }))
    .sort((a, b) => a.segment.localeCompare(b.segment));
  const add = (key: 'allocation' | 'selection' | 'interaction') => segments.reduce((value, segment) => value + segment[key], 0);
  const allocation = add('allocation');
  const selection = add('selection');
  const interaction = add('interaction');
  const activeReturn = portfolioReturn - benchmarkReturn;
  return {
    segments,
    allocation,
    selection,
    interaction,
    portfolioReturn,
    benchmarkReturn,
    activeReturn,
    residual: activeReturn - (allocation + selection + interaction),
  };
}
