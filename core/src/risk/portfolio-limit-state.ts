import type { OrderTimeRing, PortfolioState, VarInputs } from '@nautilus/runtime';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { type MarkedPortfolio, markPortfolio } from './portfolio-marks.ts';
import type { Portfolio } from './portfolio-store.ts';
import type { RiskService } from './risk-service.ts';

const LOOKBACK = 250;

export interface PortfolioLimitState {
  marked: MarkedPortfolio;
  /** What the runtime's limit checks read: positions at their last closes, equity, start-of-day equity, peak. */
  state: PortfolioState;
  /** maxVar's volatilities and correlations, from the covariance of the last 250 daily returns (when a maxVar limit exists). */
  varInputs: VarInputs | undefined;
}

/**
 * A stored portfolio as the runtime's pre-trade checks see it, so the order check and the limit bars
 * measure the same thing: marked at its last closes (see `markPortfolio`), with the previous close's
 * equity as the start of the day and the highest equity (or the capital) as the peak.
 */
export async function portfolioLimitState(
  host: PluginHost,
  risk: RiskService,
  portfolio: Portfolio,
  now: number,
  orderTimes?: OrderTimeRing,
): Promise<PortfolioLimitState> {
  const marked = await markPortfolio(host, portfolio, LOOKBACK, now);
  const equity = marked.equityPath.at(-1) ?? portfolio.capital;
  const state: PortfolioState = {
    positions: marked.values.map((item) => ({ symbol: item.symbol, quantity: item.quantity, price: item.price })),
    equity,
    startOfDayEquity: marked.equityPath.at(-2) ?? equity,
    peakEquity: Math.max(portfolio.capital, ...marked.equityPath),
    ...(orderTimes ? { orderTimes } : {}),
  };
  const needsVar = portfolio.limits?.limits.some((limit) => limit.kind === 'maxVar') ?? false;
  if (!needsVar || portfolio.positions.length === 0) return { marked, state, varInputs: undefined };
  // In f64 on the CPU (a 250 × n sample is cheap): the check refuses a correlation matrix that is not
  // positive semi-definite, and f32 rounding could make a nearly singular one look indefinite.
  const covariance = await risk.covariance(portfolio, LOOKBACK, 0, now, { backend: 'cpu' });
  const varInputs: VarInputs = {
    symbols: covariance.symbols,
    volatility: covariance.symbols.map((_, index) => Math.sqrt(covariance.covariance[index]?.[index] ?? 0)),
    correlation: covariance.correlation.flat(),
  };
  return { marked, state, varInputs };
}
