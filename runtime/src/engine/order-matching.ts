import type { WorkingOrder } from './working-order.ts';

/**
 * The price at which a resting order fills against one bar, before slippage, or NaN when it does
 * not. The bar's open is the first price traded in it, so gaps fill at the open when that is better
 * for a limit and worse for a stop. Intrabar order is unknown beyond that, so a stop-limit that
 * triggers inside the bar fills on that bar only at its stop price, and only if the limit allows it.
 * Sets `triggered` on stop-limit orders.
 */
export function matchPrice(order: WorkingOrder, open: number, high: number, low: number): number {
  const buy = order.side === 'buy';
  switch (order.type) {
    case 'market':
      return open;
    case 'limit':
      return limitPrice(buy, order.limitPrice, open, high, low);
    case 'stop':
      if (buy) return high >= order.stopPrice ? Math.max(open, order.stopPrice) : Number.NaN;
      return low <= order.stopPrice ? Math.min(open, order.stopPrice) : Number.NaN;
    case 'stop-limit': {
      if (order.triggered) return limitPrice(buy, order.limitPrice, open, high, low);
      const stop = order.stopPrice;
      const limit = order.limitPrice;
      if (buy ? high < stop : low > stop) return Number.NaN;
      order.triggered = true;
      // Gapped through the stop: triggered at the open, and everything after the open can fill the limit.
      if (buy ? open >= stop : open <= stop) return limitPrice(buy, limit, open, high, low);
      // Triggered inside the bar at the stop price: fill there if the limit allows, else wait for later bars.
      return (buy ? stop <= limit : stop >= limit) ? stop : Number.NaN;
    }
  }
}

function limitPrice(buy: boolean, limit: number, open: number, high: number, low: number): number {
  if (buy) return low <= limit ? Math.min(open, limit) : Number.NaN;
  return high >= limit ? Math.max(open, limit) : Number.NaN;
}
