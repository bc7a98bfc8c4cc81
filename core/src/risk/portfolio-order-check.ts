import { checkOrder, compileLimitSet, OrderTimeRing } from '@nautilus/runtime';
import type { OrderSide, OrderType, PreTradeDecision } from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { portfolioLimitState } from './portfolio-limit-state.ts';
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

/**
 * Pre-trade checks of orders against stored portfolios' limit sets (the runtime's `checkOrder`, the
 * same code a strategy run uses), on the portfolio as `portfolioLimitState` marks it.
 * Accepted orders count towards maxOrderRate per portfolio on this instance (the window is kept in
 * memory: it restarts with the server and is not shared between instances); what-if checks do not.
 */
export class PortfolioOrderChecker {
  readonly #host: PluginHost;
  readonly #risk: RiskService;
  readonly #orderTimes = new Map<string, OrderTimeRing>();

  constructor(host: PluginHost, risk: RiskService) {
    this.#host = host;
    this.#risk = risk;
  }

  /** Checks one order; unless `whatIf`, an accepted order counts towards maxOrderRate. */
  async check(
    portfolio: Portfolio,
    order: PortfolioOrder,
    now = Date.now(),
    options: { whatIf?: boolean | undefined } = {},
  ): Promise<PortfolioOrderCheck> {
    const held = portfolio.positions.some((position) => position.symbol === order.symbol);
    const book = held ? portfolio : { ...portfolio, positions: [...portfolio.positions, { symbol: order.symbol, quantity: 0 }] };
    let orderTimes = this.#orderTimes.get(portfolio.id);
    if (!orderTimes) {
      orderTimes = new OrderTimeRing(1_000);
      this.#orderTimes.set(portfolio.id, orderTimes);
    }
    const { marked, state, varInputs } = await portfolioLimitState(this.#host, this.#risk, book, now, orderTimes);
    const price = marked.values.find((item) => item.symbol === order.symbol)?.price ?? null;
    if (!portfolio.limits) return { accepted: true, warnings: [], equity: state.equity, price };
    const decision = checkOrder(
      { ...order, ...(price !== null && Number.isFinite(price) ? { price } : {}) },
      state,
      compileLimitSet(portfolio.limits),
      { now, ...(varInputs ? { var: varInputs } : {}) },
    );
    if (decision.accepted && !options.whatIf) orderTimes.push(now);
    return { ...decision, equity: state.equity, price };
  }
}
