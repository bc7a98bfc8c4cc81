import type { StrategyContext } from './context.ts';
import type { Fill, Order, OrderDenial } from './orders.ts';
import type { ParamSpecs, ParamValues } from './params.ts';

/**
 * A strategy: declared parameters and callbacks the engine calls as bars close, in the shape of
 * NautilusTrader's on_start/on_bar/on_order_filled. Callbacks run synchronously and must not return
 * a promise (an `async` callback fails the run: the next bar would arrive before it finished).
 * Inside a callback `this` is the definition, so helper methods on it work.
 */
export interface StrategyDefinition<P extends ParamSpecs = ParamSpecs, S = Record<string, any>> {
  /** Shown in the Strategy Lab and run lists. */
  name?: string;
  description?: string;
  /** Parameters with types and defaults; the builder renders a form from them and sweeps vary them. */
  params?: P;
  /** Returns the initial `ctx.state`; its return type types `ctx.state` in every callback. */
  initialState?: () => S;
  /** Once, before the first bar. Orders submitted here can fill on the first bar. */
  onStart?(ctx: StrategyContext<ParamValues<P>, S>): void;
  /**
   * Once per bar, after the bar closed, after resting orders were matched against it and indicators
   * were updated with it. Orders submitted here fill on later bars (market orders at the next open).
   */
  onBar(ctx: StrategyContext<ParamValues<P>, S>): void;
  /** After each fill, before onBar of the bar that filled it. */
  onOrderFilled?(ctx: StrategyContext<ParamValues<P>, S>, fill: Fill): void;
  /**
   * After an order was rejected (status `rejected`, `order.reason` says why): an invalid order, or one
   * the account could not pay for (`config.account`). A rejection at submission arrives once the
   * callback that submitted it returned; one at the fill (the order became unaffordable, e.g. the
   * next open gapped up) arrives where its fill would have, before onBar of that bar.
   */
  onOrderRejected?(ctx: StrategyContext<ParamValues<P>, S>, order: Order): void;
  /**
   * After a pre-trade limit of the run (`config.limits`) denied an order, once the callback that
   * submitted it returned: `denial.finding` names the limit, its threshold and the value.
   */
  onOrderDenied?(ctx: StrategyContext<ParamValues<P>, S>, denial: OrderDenial): void;
  /** Once, after the last bar. Orders submitted here are rejected: the run is over. */
  onStop?(ctx: StrategyContext<ParamValues<P>, S>): void;
}

/**
 * Declares a strategy. Make it the default export of the strategy file. In the sandbox the engine
 * provides `defineStrategy` itself, so the file needs no import (importing it from `@nautilus/sdk` works too).
 * @example
 * export default defineStrategy({
 *   params: { period: { type: 'integer', default: 20, min: 2, label: 'SMA period' } },
 *   onBar(ctx) {
 *     const sma = ctx.indicators.sma(ctx.params.period).value;
 *     if (sma === undefined) return;
 *     if (ctx.bar.close > sma && ctx.position.quantity === 0) ctx.buy(10);
 *     else if (ctx.bar.close < sma && ctx.position.quantity > 0) ctx.liquidate();
 *   },
 * });
 */
export function defineStrategy<const P extends ParamSpecs = Record<never, never>, S = Record<string, any>>(
  definition: StrategyDefinition<P, S>,
): StrategyDefinition<P, S> {
  return definition;
}
