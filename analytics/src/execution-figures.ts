/** An order with the prices its execution is measured against (from a backtest's bars, or recorded as a deployment traded). */
export interface MeasuredOrder {
  readonly type: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  readonly status: string;
  readonly filledQuantity: number;
  readonly commission: number;
  /** The close the strategy decided on; null for orders placed in onStart. */
  readonly decisionPrice: number | null;
  /** The open of the first bar the order could trade on; null when unknown. */
  readonly arrivalPrice: number | null;
  /** Each fill with the open of the bar it filled on (null when unknown). */
  readonly fills: readonly { price: number; quantity: number; barOpen: number | null }[];
}

/** Execution figures of a set of orders; bps are positive when the fill cost the account. */
export interface ExecutionFigures {
  readonly orders: number;
  readonly filledOrders: number;
  /** Σ filled quantity / Σ ordered quantity. */
  readonly fillRatio: number | null;
  /** Quantity-weighted mean of side × (fill − decision) / decision × 10,000 over filled orders. */
  readonly shortfallVsDecisionBps: number | null;
  /** The same against the arrival price (the next bar's open). */
  readonly shortfallVsArrivalBps: number | null;
  /** Quantity-weighted side × (fill − open of the fill's bar) / open × 10,000: the price paid beyond the bar's open (for a market order the same as against arrival). */
  readonly slippageBps: number | null;
  /**
   * Perold's implementation shortfall in money: Σ side × (fill − decision) × filled quantity +
   * commissions + Σ side × (last close − decision) × unfilled quantity (the opportunity cost).
   */
  readonly implementationShortfall: number;
  readonly commissions: number;
}

/** Execution quality overall and by order type. */
export interface ExecutionQuality extends ExecutionFigures {
  readonly byType: Record<string, ExecutionFigures>;
  readonly conventions: string;
}

/**
 * Implementation shortfall (Perold 1988) against the decision and the arrival price, slippage in bps,
 * fill ratio, and the same by order type; `lastPrice` values the unfilled quantity. Shared by the
 * backtest and the deployment paths, which only differ in where the prices come from.
 */
export function measuredExecutionQuality(
  orders: readonly MeasuredOrder[],
  lastPrice: number | null,
  conventions: string,
): ExecutionQuality {
  const groups = new Map<string, MeasuredOrder[]>();
  for (const order of orders) groups.set(order.type, [...(groups.get(order.type) ?? []), order]);
  return {
    ...figuresOf(orders, lastPrice),
    byType: Object.fromEntries([...groups.entries()].sort().map(([type, subset]) => [type, figuresOf(subset, lastPrice)])),
    conventions,
  };
}

function figuresOf(orders: readonly MeasuredOrder[], lastPrice: number | null): ExecutionFigures {
  let ordered = 0;
  let filled = 0;
  let filledOrders = 0;
  let commissions = 0;
  let shortfall = 0;
  const decision = { weighted: 0, quantity: 0 };
  const arrival = { weighted: 0, quantity: 0 };
  const slippage = { weighted: 0, quantity: 0 };
  const add = (
    sums: { weighted: number; quantity: number },
    price: number,
    reference: number,
    quantity: number,
    side: number,
  ) => {
    sums.weighted += ((side * (price - reference)) / reference) * 10_000 * quantity;
    sums.quantity += quantity;
  };
  for (const order of orders) {
    const side = order.side === 'buy' ? 1 : -1;
    ordered += order.quantity;
    filled += order.filledQuantity;
    if (order.filledQuantity > 0) filledOrders++;
    commissions += order.commission;
    shortfall += order.commission;
    for (const fill of order.fills) {
      if (order.decisionPrice !== null) {
        shortfall += side * (fill.price - order.decisionPrice) * fill.quantity;
        add(decision, fill.price, order.decisionPrice, fill.quantity, side);
      }
      if (fill.barOpen !== null) add(slippage, fill.price, fill.barOpen, fill.quantity, side);
      if (order.arrivalPrice !== null) add(arrival, fill.price, order.arrivalPrice, fill.quantity, side);
    }
    const unfilled = order.quantity - order.filledQuantity;
    const refused = order.status === 'rejected' || order.status === 'denied';
    if (order.decisionPrice !== null && unfilled > 0 && !refused && lastPrice !== null && Number.isFinite(lastPrice)) {
      shortfall += side * (lastPrice - order.decisionPrice) * unfilled;
    }
  }
  const mean = (sums: { weighted: number; quantity: number }) => (sums.quantity > 0 ? sums.weighted / sums.quantity : null);
  return {
    orders: orders.length,
    filledOrders,
    fillRatio: ordered > 0 ? filled / ordered : null,
    shortfallVsDecisionBps: mean(decision),
    shortfallVsArrivalBps: mean(arrival),
    slippageBps: mean(slippage),
    implementationShortfall: shortfall,
    commissions,
  };
}
