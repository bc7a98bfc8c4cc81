import type { OrderOptions, Position, StrategyContext } from '@nautilus/sdk';
import type { Simulation } from './simulation.ts';

/**
 * The `ctx` every callback receives: one object for the whole run whose getters read the simulation,
 * so a callback allocates nothing unless it submits orders, logs or reads changed open orders.
 */
export function createStrategyContext(
  simulation: Simulation,
  params: Readonly<Record<string, number | boolean | string>>,
  state: unknown,
  random: () => number,
): StrategyContext {
  const history = simulation.history;
  const portfolio = simulation.portfolio;
  const position: Position = Object.freeze({
    get quantity() {
      return portfolio.quantity;
    },
    get avgPrice() {
      return portfolio.avgPrice;
    },
  });
  return {
    params: Object.freeze({ ...params }),
    state: state as Record<string, any>,
    get bar() {
      return simulation.bar;
    },
    get barIndex() {
      return simulation.barIndex;
    },
    get time() {
      return simulation.time;
    },
    open: (barsAgo = 0) => history.read(history.open, barsAgo),
    high: (barsAgo = 0) => history.read(history.high, barsAgo),
    low: (barsAgo = 0) => history.read(history.low, barsAgo),
    close: (barsAgo = 0) => history.read(history.close, barsAgo),
    volume: (barsAgo = 0) => history.read(history.volume, barsAgo),
    buy: (quantity: number, options?: OrderOptions) => simulation.submit({ ...options, side: 'buy', quantity }),
    sell: (quantity: number, options?: OrderOptions) => simulation.submit({ ...options, side: 'sell', quantity }),
    submitOrder: (request) => simulation.submit(request),
    order: (request) => simulation.order(request),
    cancel: (orderId) => simulation.cancel(orderId),
    cancelAll: () => simulation.cancelAll(),
    liquidate: () => {
      const quantity = portfolio.quantity;
      if (quantity === 0) return undefined;
      return simulation.submit({ side: quantity > 0 ? 'sell' : 'buy', quantity: Math.abs(quantity) });
    },
    get position() {
      return position;
    },
    get cash() {
      return portfolio.cash;
    },
    get equity() {
      return portfolio.equityAt(portfolio.lastPrice);
    },
    get buyingPower() {
      return simulation.buyingPower();
    },
    get openOrders() {
      return simulation.openOrders.records();
    },
    get tradingMode() {
      return simulation.tradingMode;
    },
    get book() {
      return simulation.book;
    },
    indicators: simulation.indicators.api,
    get regime() {
      return simulation.regime.read();
    },
    log: (...values: unknown[]) => simulation.records.log(simulation.time, simulation.barIndex, values),
    random,
  };
}
