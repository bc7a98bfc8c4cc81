import bollingerBreakout from '../../../runtime/examples/bollinger-breakout.ts?raw';
import rsiMeanReversion from '../../../runtime/examples/rsi-mean-reversion.ts?raw';
import smaCrossover from '../../../runtime/examples/sma-crossover.ts?raw';

/** A starting point for a new strategy: one of the runtime's examples, or an empty file. */
export interface StrategyExample {
  id: string;
  title: string;
  summary: string;
  source: string;
}

const EMPTY = `import { defineStrategy } from '@nautilus/sdk';

export default defineStrategy({
  params: {},
  onBar(ctx) {
    // Runs once per closed bar: read ctx.bar, ctx.indicators and ctx.position; trade with ctx.buy and ctx.sell.
  },
});
`;

/** The examples "New strategy" offers, the SMA crossover first (it is also what older links call the template). */
export const STRATEGY_EXAMPLES: readonly StrategyExample[] = [
  {
    id: 'sma-crossover',
    title: 'SMA crossover',
    summary: 'Long while the fast moving average is above the slow one.',
    source: smaCrossover,
  },
  {
    id: 'rsi-mean-reversion',
    title: 'RSI mean reversion',
    summary: 'Buys oversold, sells overbought.',
    source: rsiMeanReversion,
  },
  {
    id: 'bollinger-breakout',
    title: 'Bollinger breakout',
    summary: 'Buys a close above the upper band, with an ATR stop.',
    source: bollingerBreakout,
  },
  { id: 'empty', title: 'Empty strategy', summary: 'Just the shape: params and onBar.', source: EMPTY },
];

/** The source a new strategy starts from by default: the runtime's SMA crossover example. */
export const STRATEGY_TEMPLATE: string = smaCrossover;
