/**
 * Risk models: Value at Risk and Expected Shortfall of a portfolio, their backtest, and stress tests.
 *
 * Conventions (see the README's "Risk" section): returns are simple returns of daily closes; VaR and
 * ES are positive amounts of money lost (and the same as a fraction of the portfolio's gross value);
 * a horizon of h days scales one-day figures by sqrt(h) (parametric, Monte Carlo) or uses
 * overlapping h-day returns (historical, when `options.horizonMethod` is 'overlapping').
 */

/** What a risk model declares in its plugin's manifest. */
export interface RiskModelDescriptor {
  id: string;
  name: string;
  description?: string;
  /** Measures the model reports, e.g. ['VaR', 'ES']. */
  measures: string[];
}

/** One position: a quantity of an instrument (negative = short) valued at `price` (last close when omitted). */
export interface RiskPosition {
  symbol: string;
  quantity: number;
  price?: number;
  /** e.g. 'equity', 'fx', 'crypto', 'future', 'etf': what hypothetical stress shocks select on. */
  assetClass?: string;
}

/** Closing prices of one instrument, oldest first; `time` in epoch ms, strictly increasing. */
export interface PriceSeries {
  time: number[];
  close: number[];
}

export interface VarRequest {
  positions: RiskPosition[];
  /** Closes per symbol. Series may differ in length and dates: the model aligns them and reports what it dropped. */
  prices: Record<string, PriceSeries>;
  /** One-sided confidence level, 0.5 < c < 1, e.g. 0.99. */
  confidence: number;
  /** Holding period in days, ≥ 1. */
  horizonDays: number;
  /** Number of most recent aligned returns used, ≥ 2. */
  lookback: number;
  /**
   * Model options. Known keys: `covariance` ('sample' | 'ewma'), `lambda` (EWMA decay, default 0.94),
   * `distribution` ('normal' | 't'), `degreesOfFreedom`, `paths`, `seed`, `backend` ('auto' | 'cpu' | 'webgpu').
   */
  options?: Record<string, unknown>;
}

/** Risk attributed to one position. Component VaRs add up to the portfolio VaR. */
export interface PositionRisk {
  symbol: string;
  quantity: number;
  price: number;
  /** Signed market value, quantity × price. */
  value: number;
  /** Standalone VaR of the position alone. */
  standaloneVar: number;
  /** dVaR/dValue: the VaR added per unit of money more in this position. */
  marginalVar: number;
  /** value × marginal VaR; the components sum to the portfolio VaR. */
  componentVar: number;
  /** componentVar / portfolio VaR. */
  componentVarShare: number;
}

/** How the price histories were lined up. */
export interface AlignmentReport {
  /** Aligned returns used (after the lookback cut). */
  observations: number;
  /** Epoch ms of the first and last aligned price used. */
  from: number;
  to: number;
  /** Dates present for some symbols but not all, dropped from the common calendar. */
  droppedDates: number;
  /** Per symbol: how many of its own dates were dropped because another symbol lacked them. */
  droppedPerSymbol: Record<string, number>;
}

export interface VarResult {
  method: string;
  confidence: number;
  horizonDays: number;
  /** Gross market value Σ|value|, the base of the percentages. */
  grossValue: number;
  /** Net market value Σ value. */
  netValue: number;
  var: number;
  es: number;
  /** var / grossValue and es / grossValue (fractions, 0.021 = 2.1 %). */
  varPct: number;
  esPct: number;
  positions: PositionRisk[];
  alignment: AlignmentReport;
  /** Monte Carlo: paths simulated, the compute backend that ran, and the standard error of the VaR estimate. */
  paths?: number;
  backend?: string;
  standardError?: number;
  notes: string[];
}

export interface VarBacktestRequest extends Omit<VarRequest, 'lookback'> {
  /** Returns in each rolling estimation window. */
  lookback: number;
  /** Number of most recent days on which the forecast VaR is compared with the realised P&L (Basel: 250). */
  window: number;
}

export interface VarBacktestResult {
  method: string;
  confidence: number;
  /** Days tested, exceptions (loss > VaR) and the expected count (1 - c) × days. */
  days: number;
  exceptions: number;
  expected: number;
  /** Kupiec proportion-of-failures likelihood ratio (chi-square, 1 dof), its p-value, and the verdict at 5 %. */
  kupiecLr: number;
  kupiecPValue: number;
  kupiecReject: boolean;
  /** Basel traffic light for 250 days at 99 % (zones scaled by binomial probability otherwise). */
  trafficLight: 'green' | 'yellow' | 'red';
  /** Per tested day: epoch ms, forecast VaR and realised P&L (negative = loss). */
  series: { time: number[]; var: number[]; pnl: number[] };
}

/** The implementation a plugin's setup returns for a declared risk model. */
export interface RiskModel {
  compute(request: VarRequest, signal: AbortSignal): Promise<VarResult>;
  /** Rolling VaR backtest of this model: optional. */
  backtest?(request: VarBacktestRequest, signal: AbortSignal): Promise<VarBacktestResult>;
}

/** What a stress test declares in its plugin's manifest. */
export interface StressTestDescriptor {
  id: string;
  name: string;
  description?: string;
}

export type StressScenario =
  /** Replays the returns of a past window: each position moves by its instrument's return from `from` to `to`. */
  | { kind: 'historical'; name: string; from: number; to: number }
  /** Hypothetical shocks as fractional moves, by symbol or asset class (a symbol beats its class); e.g. { equity: -0.2, fx: 0.05 }. */
  | { kind: 'hypothetical'; name: string; bySymbol?: Record<string, number>; byAssetClass?: Record<string, number> };

export interface StressRequest {
  positions: RiskPosition[];
  prices: Record<string, PriceSeries>;
  scenario: StressScenario;
}

export interface StressResult {
  scenario: string;
  /** Per position: the shock applied (fraction) and the P&L in money. */
  positions: { symbol: string; value: number; shock: number; pnl: number }[];
  totalPnl: number;
  /** totalPnl / gross value. */
  totalPct: number;
  notes: string[];
}

export interface StressTest {
  run(request: StressRequest, signal: AbortSignal): Promise<StressResult>;
}
