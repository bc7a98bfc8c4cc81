import { checkOrder, compileLimitSet, OrderTimeRing } from '@nautilus/runtime';
import type { OrderSide, OrderType, PreTradeDecision } from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { markPortfolio } from './portfolio-marks.ts';
import type { Portfolio } from './portfolio-store.ts';
import type { RiskService } from './risk-service.ts';

export interface PortfolioOrder {
  symbol: string;
  side: OrderSide;
  quantity: number;
  type?: OrderType | undefined;
  limitPrice?: number | undefined;
  stopPrice?: number | undefined;
}

export interface PortfolioOrderCheck extends PreTradeDecision {
  /** The figures the check measured against, so a denial can be read without a second query. */
  equity: number;
  price: number | null;
}

const LOOKBACK = 250;

/**
 * Pre-trade checks of orders against stored portfolios' limit sets (the runtime's `checkOrder`, the
 * same code a strategy run uses), with the portfolio marked at its last closes: equity, start-of-day
 * equity and peak from `markPortfolio`, maxVar from the covariance of the last 250 daily returns.
 * Accepted orders count towards maxOrderRate per portfolio on this instance (the window is kept in
 * memory: it restarts with the server and is not shared between instances).
 */
export class PortfolioOrderChecker {
  readonly #host: PluginHost;
  readonly #risk: RiskService;
  readonly #orderTimes = new Map<string, OrderTimeRing>();

  constructor(host: PluginHost, risk: RiskService) {
    this.#host = host;
    this.#risk = risk;
  }

  async check(portfolio: Portfolio, order: PortfolioOrder, now = Date.now()): Promise<PortfolioOrderCheck> {
    const held = portfolio.positions.some((position) => position.symbol === order.symbol);
    const book = held ? portfolio : { ...portfolio, positions: [...portfolio.positions, { symbol: order.symbol, quantity: 0 }] };
    const { values, equityPath } = await markPortfolio(this.#host, book, LOOKBACK, now);
    const price = values.find((item) => item.symbol === order.symbol)?.price ?? null;
    const equity = equityPath.at(-1) ?? portfolio.capital;
    if (!portfolio.limits) return { accepted: true, warnings: [], equity, price };

    const limits = compileLimitSet(portfolio.limits);
    const needsVar = portfolio.limits.limits.some((limit) => limit.kind === 'maxVar');
    const covariance = needsVar && book.positions.length > 0 ? await this.#risk.covariance(book, LOOKBACK, 0, now) : undefined;
    const n = covariance?.symbols.length ?? 0;
    let orderTimes = this.#orderTimes.get(portfolio.id);
    if (!orderTimes) {
      orderTimes = new OrderTimeRing(1_000);
      this.#orderTimes.set(portfolio.id, orderTimes);
    }
    const decision = checkOrder(
      { ...order, ...(price !== null && Number.isFinite(price) ? { price } : {}) },
      {
        positions: values.map((item) => ({ symbol: item.symbol, quantity: item.quantity, price: item.price })),
        equity,
        startOfDayEquity: equityPath.at(-2) ?? equity,
        peakEquity: Math.max(portfolio.capital, ...equityPath),
        orderTimes,
      },
      limits,
      {
        now,
        ...(covariance
          ? {
              var: {
                symbols: covariance.symbols,
                volatility: covariance.symbols.map((_, index) => Math.sqrt(covariance.covariance[index]?.[index] ?? 0)),
                correlation: covariance.correlation.flat().slice(0, n * n),
              },
            }
          : {}),
      },
    );
    if (decision.accepted) orderTimes.push(now);
    return { ...decision, equity, price };
  }
}
