/** Simple return of each bar from equity at bar closes; the first from the initial cash. */
export function periodReturns(equity: ArrayLike<number>, initialCash: number): Float64Array {
  const returns = new Float64Array(equity.length);
  let previous = initialCash;
  for (let index = 0; index < equity.length; index++) {
    const value = equity[index]!;
    returns[index] = value / previous - 1;
    previous = value;
  }
  return returns;
}

function mean(values: ArrayLike<number>, shift: number): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index]! - shift;
  return sum / values.length;
}

/** Sample standard deviation (n − 1) of values − shift; NaN for fewer than two values. */
function sampleDeviation(values: ArrayLike<number>, shift: number): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const average = mean(values, shift);
  let squares = 0;
  for (let index = 0; index < n; index++) {
    const deviation = values[index]! - shift - average;
    squares += deviation * deviation;
  }
  return Math.sqrt(squares / (n - 1));
}

/** Sample standard deviation of per-bar returns × √periodsPerYear; null below two bars. */
export function annualisedVolatility(returns: ArrayLike<number>, periodsPerYear: number): number | null {
  const deviation = sampleDeviation(returns, 0);
  return Number.isNaN(deviation) ? null : deviation * Math.sqrt(periodsPerYear);
}

/**
 * mean(r − rf) / sample stdev(r − rf) × √periodsPerYear with rf = riskFreeRate / periodsPerYear per bar;
 * null below two bars or without variation.
 */
export function sharpeRatio(returns: ArrayLike<number>, periodsPerYear: number, riskFreeRate: number): number | null {
  const rf = riskFreeRate / periodsPerYear;
  const deviation = sampleDeviation(returns, rf);
  if (!(deviation > 0)) return null;
  return (mean(returns, rf) / deviation) * Math.sqrt(periodsPerYear);
}

/**
 * mean(r − rf) / downside deviation × √periodsPerYear, downside deviation = √(Σ min(0, r − rf)² / n)
 * over all n bars (Sortino & Price, target rf); null when no bar fell short of rf.
 */
export function sortinoRatio(returns: ArrayLike<number>, periodsPerYear: number, riskFreeRate: number): number | null {
  const n = returns.length;
  if (n === 0) return null;
  const rf = riskFreeRate / periodsPerYear;
  let squares = 0;
  for (let index = 0; index < n; index++) {
    const shortfall = returns[index]! - rf;
    if (shortfall < 0) squares += shortfall * shortfall;
  }
  if (squares === 0) return null;
  return (mean(returns, rf) / Math.sqrt(squares / n)) * Math.sqrt(periodsPerYear);
}

const YEAR_MS = 365.25 * 86_400_000;

/** Calendar years between two epoch-ms instants. */
export function yearsBetween(from: number, to: number): number {
  return (to - from) / YEAR_MS;
}

/** Compound annual growth: (final / initial)^(1 / years) − 1; −1 once equity is gone; null without elapsed time. */
export function compoundAnnualGrowth(initialCash: number, finalEquity: number, years: number): number | null {
  if (!(years > 0)) return null;
  if (finalEquity <= 0) return -1;
  return (finalEquity / initialCash) ** (1 / years) - 1;
}
