/**
 * The benchmark's strategy: all in while the fast SMA is above the slow one, all out otherwise. All in
 * at the close stays within the cash account because the synthetic bars open at the previous close
 * (the run prints how many orders were rejected: none).
 */
export const SMA_CROSSOVER = `
import type { Indicator } from '@nautilus/sdk';

export default defineStrategy({
  name: 'SMA crossover',
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
    const fast = ctx.state.fast!.value;
    const slow = ctx.state.slow!.value;
    if (fast === undefined || slow === undefined) return;
    const held = ctx.position.quantity;
    if (fast > slow && held === 0) ctx.buy(Math.floor(ctx.cash / ctx.bar.close));
    else if (fast < slow && held > 0) ctx.sell(held);
  },
});
`;
