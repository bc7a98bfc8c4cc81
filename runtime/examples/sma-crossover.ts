// An SMA crossover: long (with 95 % of the buying power) while the fast average is above the slow one, flat otherwise.
// Try it: npm run nautilus -- backtest runtime/examples/sma-crossover.ts --symbol SIM:AAPL --timeframe 1d --from 2024-01-01 --to 2025-01-01
import { defineStrategy, type Indicator } from '@nautilus/sdk';

export default defineStrategy({
  name: 'SMA crossover',
  description: 'Long while the fast SMA is above the slow SMA, flat otherwise.',
  params: {
    fast: { type: 'integer', default: 10, min: 1, label: 'Fast SMA' },
    slow: { type: 'integer', default: 30, min: 2, label: 'Slow SMA' },
  },
  initialState: () => ({ fast: undefined as Indicator | undefined, slow: undefined as Indicator | undefined }),
  onStart(ctx) {
    ctx.state.fast = ctx.indicators.sma(ctx.params.fast);
    ctx.state.slow = ctx.indicators.sma(ctx.params.slow);
  },
  onBar(ctx) {
    const fast = ctx.state.fast?.value;
    const slow = ctx.state.slow?.value;
    if (fast === undefined || slow === undefined) return;
    const held = ctx.position.quantity;
    if (fast > slow && held === 0) {
      // 95 % of what the account can spend: the order fills at the next open, which may gap above
      // this close, and an order the account cannot pay for there is rejected, not filled.
      const quantity = Math.floor((ctx.buyingPower * 0.95) / ctx.bar.close);
      if (quantity > 0) ctx.buy(quantity);
    } else if (fast < slow && held > 0) {
      ctx.sell(held);
    }
  },
});
