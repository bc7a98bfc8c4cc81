// Bollinger breakout with an ATR stop: buys a close above the upper band, exits below the middle band
// or at a stop ATR multiples under the entry.
// Try it: npm run nautilus -- backtest runtime/examples/bollinger-breakout.ts --symbol SIM:AAPL --timeframe 1d --from 2024-01-01 --to 2025-01-01
import { defineStrategy } from '@nautilus/sdk';

export default defineStrategy({
  name: 'Bollinger breakout',
  description: 'Long on a close above the upper Bollinger band; out below the middle band or at an ATR stop.',
  params: {
    period: { type: 'integer', default: 20, min: 2, label: 'Band period' },
    width: { type: 'number', default: 2, min: 0.5, step: 0.5, label: 'Band width (σ)' },
    stopAtr: { type: 'number', default: 2, min: 0.5, step: 0.5, label: 'Stop (ATR multiples)' },
  },
  initialState: () => ({ stop: 0 }),
  onBar(ctx) {
    const bands = ctx.indicators.bollinger(ctx.params.period, ctx.params.width);
    const atr = ctx.indicators.atr(14).value;
    if (bands.upper === undefined || bands.middle === undefined || atr === undefined) return;
    const held = ctx.position.quantity;
    if (held === 0 && ctx.bar.close > bands.upper) {
      const quantity = Math.floor((ctx.buyingPower * 0.95) / ctx.bar.close);
      if (quantity > 0) {
        ctx.buy(quantity);
        ctx.state.stop = ctx.bar.close - ctx.params.stopAtr * atr;
      }
    } else if (held > 0 && (ctx.bar.close < bands.middle || ctx.bar.close < ctx.state.stop)) {
      ctx.liquidate();
    }
  },
});
