// RSI mean reversion: buys when the RSI says oversold, sells when it says overbought.
// Try it: npm run nautilus -- backtest runtime/examples/rsi-mean-reversion.ts --symbol SIM:AAPL --timeframe 1d --from 2024-01-01 --to 2025-01-01
import { defineStrategy } from '@nautilus/sdk';

export default defineStrategy({
  name: 'RSI mean reversion',
  description: 'Long when the RSI drops below the oversold level, flat again above the overbought level.',
  params: {
    period: { type: 'integer', default: 14, min: 2, label: 'RSI period' },
    oversold: { type: 'number', default: 30, min: 0, max: 100, label: 'Oversold below' },
    overbought: { type: 'number', default: 70, min: 0, max: 100, label: 'Overbought above' },
  },
  onBar(ctx) {
    const rsi = ctx.indicators.rsi(ctx.params.period).value;
    if (rsi === undefined) return;
    const held = ctx.position.quantity;
    if (rsi < ctx.params.oversold && held === 0) {
      // 95 % of what the account can spend: the order fills at the next open.
      const quantity = Math.floor((ctx.buyingPower * 0.95) / ctx.bar.close);
      if (quantity > 0) ctx.buy(quantity);
    } else if (rsi > ctx.params.overbought && held > 0) {
      ctx.liquidate();
    }
  },
});
