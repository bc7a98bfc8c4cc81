import type { Trade } from '@nautilus/sdk';
import { alignBenchmark } from './align-benchmark.ts';
import { AnalyticsError } from './analytics-error.ts';
import { benchmarkStatistics } from './benchmark-statistics.ts';
import { type CalendarReturn, calendarReturns } from './calendar-returns.ts';
import { type DrawdownPeriod, drawdowns } from './drawdowns.ts';
import { checkLevelSeries, type LevelSeries, simpleReturns } from './equity-series.ts';
import { type Metric, metric } from './metric.ts';
import { inferPeriodsPerYear, type PeriodsPerYear } from './periods-per-year.ts';
import {
  annualisedVolatility,
  compoundAnnualGrowth,
  excessKurtosis,
  omegaRatio,
  sharpeRatio,
  skewness,
  sortinoRatio,
  tailRatio,
} from './return-ratios.ts';
import { type RollingMetrics, rollingMetrics } from './rolling.ts';
import { exposureFromTrades, tradeStatistics } from './trade-statistics.ts';

/** What a tear sheet is computed from. Only `equity` is required. */
export interface TearSheetInput {
  /** Equity (or NAV) per point; with `initialValue`, the first return is measured from it. */
  readonly equity: LevelSeries;
  /** The level before the first point (a backtest's initial cash), stamped with the first point's time. */
  readonly initialValue?: number;
  /** Any level series (an index's closes); aligned on dates, see alignBenchmark. */
  readonly benchmark?: LevelSeries & { readonly name?: string };
  /** Closed round trips, for the trade figures, exposure and turnover. */
  readonly trades?: readonly Trade[];
  /** Share of points holding a position, when the caller knows it better than the trades do (e.g. an open position at the end). */
  readonly exposure?: number;
  /** Overrides the inferred periods per year. */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate as a fraction (0.02 = 2 %); default 0. */
  readonly riskFreeRate?: number;
  /** Returns per rolling window; default a quarter of a year of periods (63 for daily), at least 2. */
  readonly rollingWindow?: number;
}

/** Everything the tear sheet shows. Series are full length; a server downsamples them for the wire. */
export interface TearSheet {
  readonly periodsPerYear: PeriodsPerYear;
  readonly riskFreeRate: number;
  /** Level points used (the initial value included) and return periods. */
  readonly points: number;
  readonly periods: number;
  readonly from: number | null;
  readonly to: number | null;
  readonly metrics: Metric[];
  readonly drawdown: { readonly time: number[]; readonly series: number[]; readonly periods: DrawdownPeriod[] };
  readonly monthlyReturns: CalendarReturn[];
  readonly yearlyReturns: CalendarReturn[];
  readonly rolling: RollingMetrics;
  readonly benchmark: {
    readonly name: string | null;
    readonly matchedOn: 'time' | 'utcDay';
    readonly commonPoints: number;
    readonly strategyOnly: number;
    readonly benchmarkOnly: number;
    /** The benchmark's levels rebased to the strategy's first common level, on the common times. */
    readonly time: number[];
    readonly strategy: number[];
    readonly rebased: number[];
  } | null;
}

/**
 * A tear sheet from an equity series: returns, risk, ratios, drawdowns, distribution, trades and,
 * with a benchmark, the relative figures. Every metric carries its formula and the conventions used.
 * @example tearSheet({ equity: { time: result.curve.time, value: result.curve.equity }, initialValue: 10_000 })
 */
export function tearSheet(input: TearSheetInput): TearSheet {
  checkLevelSeries(input.equity, 'equity');
  if (input.benchmark !== undefined) checkLevelSeries(input.benchmark, 'benchmark');
  const riskFreeRate = checkOption(input.riskFreeRate ?? 0, 'riskFreeRate', -1, 1);
  if (input.initialValue !== undefined && !(Number.isFinite(input.initialValue) && input.initialValue > 0)) {
    throw new AnalyticsError('INVALID_INPUT', 'initialValue', `must be a finite level > 0, got ${input.initialValue}`);
  }
  const periodsPerYear: PeriodsPerYear =
    input.periodsPerYear === undefined
      ? inferPeriodsPerYear(input.equity.time)
      : { value: checkOption(input.periodsPerYear, 'periodsPerYear', 1e-9, 1e9), source: 'given', rule: 'given by the caller' };
  const P = periodsPerYear.value;
  const rf = riskFreeRate / P;
  const { time, levels } = withInitial(input.equity, input.initialValue);
  const initialOffset = input.initialValue !== undefined && input.equity.time.length > 0 ? 1 : 0;
  const returns = simpleReturns(levels);
  const returnTime = time.slice(1);
  const window =
    input.rollingWindow === undefined
      ? Math.max(2, Math.round(P / 4))
      : Math.round(checkOption(input.rollingWindow, 'rollingWindow', 2, 1e9));
  const conventions = `P = ${round(P)} periods/yr (${periodsPerYear.rule}); rf = ${round(riskFreeRate * 100)} %/yr, ${round(rf * 100, 6)} % per period (rf/P); simple returns, sample (n − 1) deviations`;
  const totalReturn = levels.length > 0 ? levels[levels.length - 1]! / levels[0]! - 1 : null;
  const cagr = totalReturn === null ? null : compoundAnnualGrowth(totalReturn, returns.length, P);
  const drawdown = drawdowns(time, levels);
  const deepest = drawdown.periods[0];
  const maxDrawdown = levels.length > 0 ? (deepest?.depth ?? 0) : null;
  // A typed array sorts numerically in native code: ~10× faster than a comparator over a million returns.
  const sorted = Float64Array.from(returns).sort() as unknown as number[];
  const trades = tradeStatistics(input.trades ?? []);
  const exposure = input.exposure ?? (input.trades === undefined ? null : exposureFromTrades(input.equity.time, input.trades));
  const meanEquity = levels.length > 0 ? levels.reduce((sum, value) => sum + value, 0) / levels.length : 0;
  const years = returns.length / P;
  const metrics: Metric[] = [
    metric('returns', 'totalReturn', 'Total return', totalReturn, 'fraction', 'last level / first level − 1', conventions),
    metric(
      'returns',
      'cagr',
      'Annual return (CAGR)',
      cagr,
      'fraction',
      '(1 + total return)^(P / n) − 1, n = return periods',
      conventions,
    ),
    metric(
      'risk',
      'volatility',
      'Volatility (annual)',
      annualisedVolatility(returns, P),
      'fraction',
      'stdev(r) × √P',
      conventions,
    ),
    metric('ratios', 'sharpe', 'Sharpe', sharpeRatio(returns, P, rf), 'ratio', 'mean(r − rf) / stdev(r − rf) × √P', conventions),
    metric(
      'ratios',
      'sortino',
      'Sortino',
      sortinoRatio(returns, P, rf),
      'ratio',
      'mean(r − rf) / √(Σ min(0, r − rf)² / n) × √P (target rf, Sortino & Price)',
      conventions,
    ),
    metric(
      'ratios',
      'calmar',
      'Calmar',
      cagr !== null && maxDrawdown ? cagr / maxDrawdown : null,
      'ratio',
      'CAGR / max drawdown',
      conventions,
    ),
    metric(
      'ratios',
      'omega',
      'Omega',
      omegaRatio(returns, rf),
      'ratio',
      'Σ max(r − rf, 0) / Σ max(rf − r, 0) (threshold rf per period)',
      conventions,
    ),
    metric(
      'ratios',
      'tailRatio',
      'Tail ratio',
      tailRatio(sorted),
      'ratio',
      '|95th percentile of r| / |5th percentile of r| (linear interpolation)',
      conventions,
    ),
    metric(
      'drawdown',
      'maxDrawdown',
      'Max drawdown',
      maxDrawdown,
      'fraction',
      'max over t of 1 − level_t / running peak_t',
      'the first level counts as a peak',
    ),
    metric(
      'drawdown',
      'maxDrawdownStart',
      'Max drawdown peak',
      deepest?.peakTime ?? null,
      'time',
      'time of the peak before the deepest fall',
      'UTC',
    ),
    metric(
      'drawdown',
      'maxDrawdownTrough',
      'Max drawdown trough',
      deepest?.troughTime ?? null,
      'time',
      'time of the lowest level of that fall',
      'UTC',
    ),
    metric(
      'drawdown',
      'maxDrawdownRecovery',
      'Max drawdown recovery',
      deepest?.recoveryTime ?? null,
      'time',
      'first time the level regained the peak',
      'null: not recovered by the last point',
    ),
    metric(
      'drawdown',
      'maxDrawdownLength',
      'Max drawdown length',
      deepest?.length ?? (levels.length > 0 ? 0 : null),
      'periods',
      'periods from the peak to the recovery (or the last point)',
      conventions,
    ),
    metric(
      'drawdown',
      'maxDrawdownDuration',
      'Max drawdown duration',
      deepest?.lengthMs ?? (levels.length > 0 ? 0 : null),
      'ms',
      'time from the peak to the recovery (or the last point)',
      'calendar time',
    ),
    metric(
      'distribution',
      'skew',
      'Skew',
      skewness(returns),
      'ratio',
      'n / ((n − 1)(n − 2)) × Σ((r − mean) / s)³ (adjusted Fisher–Pearson G1)',
      'sample; as pandas skew',
    ),
    metric(
      'distribution',
      'kurtosis',
      'Excess kurtosis',
      excessKurtosis(returns),
      'ratio',
      'adjusted sample excess kurtosis G2 (normal = 0)',
      'excess over 3; as pandas kurt',
    ),
    metric('trades', 'trades', 'Trades', trades.trades, 'count', 'closed round trips', 'flat → position → flat'),
    metric('trades', 'hitRate', 'Hit rate', trades.hitRate, 'fraction', 'trades with pnl > 0 / trades', 'pnl net of commissions'),
    metric(
      'trades',
      'profitFactor',
      'Profit factor',
      trades.profitFactor,
      'ratio',
      'Σ winning pnl / |Σ losing pnl|',
      'pnl net of commissions',
    ),
    metric('trades', 'payoff', 'Payoff ratio', trades.payoff, 'ratio', 'average win / |average loss|', 'pnl net of commissions'),
    metric(
      'trades',
      'averageWin',
      'Average win',
      trades.averageWin,
      'currency',
      'mean pnl of trades with pnl > 0',
      'account currency',
    ),
    metric(
      'trades',
      'averageLoss',
      'Average loss',
      trades.averageLoss,
      'currency',
      'mean pnl of trades with pnl < 0',
      'account currency',
    ),
    metric(
      'trades',
      'exposure',
      'Exposure',
      exposure,
      'fraction',
      'points holding a position / points',
      input.exposure === undefined ? 'from trades: entry ≤ t < exit' : 'given by the caller',
    ),
    metric(
      'trades',
      'turnover',
      'Turnover (annual)',
      input.trades !== undefined && years > 0 && meanEquity > 0 ? trades.tradedNotional / 2 / meanEquity / years : null,
      'ratio',
      '(Σ |entry and exit notional| / 2) / mean equity / years, years = n / P',
      conventions,
    ),
  ];
  const benchmark = input.benchmark === undefined ? null : compareToBenchmark(input, time, levels, P, rf, conventions, metrics);
  const rolling = rollingMetrics(returnTime, returns, window, P, rf);
  const calendar = calendarReturns(time, levels);
  return {
    periodsPerYear,
    riskFreeRate,
    points: levels.length,
    periods: returns.length,
    from: time[0] ?? null,
    to: time[time.length - 1] ?? null,
    metrics,
    // The initial value shares the first point's time: the path starts at the first point, times strictly increasing.
    drawdown: { time: time.slice(initialOffset), series: drawdown.series.slice(initialOffset), periods: drawdown.periods },
    monthlyReturns: calendar.monthly,
    yearlyReturns: calendar.yearly,
    rolling,
    benchmark,
  };
}

function compareToBenchmark(
  input: TearSheetInput,
  time: number[],
  levels: number[],
  P: number,
  rf: number,
  conventions: string,
  metrics: Metric[],
): TearSheet['benchmark'] {
  const given = input.benchmark!;
  const aligned = alignBenchmark({ time, value: levels }, given, P <= 366);
  const strategyReturns = simpleReturns(aligned.strategy);
  const benchmarkReturns = simpleReturns(aligned.benchmark);
  const stats = benchmarkStatistics(strategyReturns, benchmarkReturns, P, rf);
  const alignment = `aligned on ${aligned.matchedOn === 'utcDay' ? 'UTC days' : 'exact times'}: ${aligned.time.length} common points, ${aligned.strategyOnly} strategy-only and ${aligned.benchmarkOnly} benchmark-only dropped; returns between consecutive common points`;
  const relative = `${conventions}; ${alignment}`;
  metrics.push(
    metric(
      'benchmark',
      'alpha',
      'Alpha (annual)',
      stats.alpha,
      'fraction',
      '(1 + α)^P − 1, α = mean(r − rf) − β·mean(b − rf)',
      relative,
    ),
    metric('benchmark', 'beta', 'Beta', stats.beta, 'ratio', 'cov(r, b) / var(b)', relative),
    metric('benchmark', 'correlation', 'Correlation', stats.correlation, 'ratio', 'Pearson correlation of r and b', relative),
    metric('benchmark', 'trackingError', 'Tracking error', stats.trackingError, 'fraction', 'stdev(r − b) × √P', relative),
    metric(
      'benchmark',
      'informationRatio',
      'Information ratio',
      stats.informationRatio,
      'ratio',
      'mean(r − b) × P / tracking error',
      relative,
    ),
    metric(
      'benchmark',
      'upCapture',
      'Up capture',
      stats.upCapture,
      'ratio',
      'annualised r / annualised b over periods with b > 0, annualised = Π(1 + x)^(P / k) − 1',
      relative,
    ),
    metric(
      'benchmark',
      'downCapture',
      'Down capture',
      stats.downCapture,
      'ratio',
      'annualised r / annualised b over periods with b < 0, annualised = Π(1 + x)^(P / k) − 1',
      relative,
    ),
  );
  const base = aligned.benchmark[0];
  const scale = base === undefined ? 1 : aligned.strategy[0]! / base;
  return {
    name: given.name ?? null,
    matchedOn: aligned.matchedOn,
    commonPoints: aligned.time.length,
    strategyOnly: aligned.strategyOnly,
    benchmarkOnly: aligned.benchmarkOnly,
    time: aligned.time,
    strategy: aligned.strategy,
    rebased: aligned.benchmark.map((value) => value * scale),
  };
}

function withInitial(equity: LevelSeries, initialValue: number | undefined): { time: number[]; levels: number[] } {
  const count = equity.time.length;
  const offset = initialValue === undefined || count === 0 ? 0 : 1;
  const time = new Array<number>(count + offset);
  const levels = new Array<number>(count + offset);
  if (offset === 1) {
    time[0] = equity.time[0]!;
    levels[0] = initialValue!;
  }
  for (let index = 0; index < count; index++) {
    time[index + offset] = equity.time[index]!;
    levels[index + offset] = equity.value[index]!;
  }
  return { time, levels };
}

function checkOption(value: number, field: string, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new AnalyticsError('INVALID_INPUT', field, `must be a finite number in [${min}, ${max}], got ${value}`);
  }
  return value;
}

function round(value: number, digits = 4): string {
  return String(Number(value.toFixed(digits)));
}
