import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';
import { lineOptionsSchema } from './line.ts';
import { tableOptionsSchema } from './table.ts';

/** The line chart's options, drawn as an area by default: an equity curve reads best filled. */
export const strategyEquityOptionsSchema: JsonSchema = {
  ...lineOptionsSchema,
  properties: {
    ...lineOptionsSchema.properties,
    style: { ...(lineOptionsSchema.properties?.style as JsonSchema), default: 'area' },
  },
};

export const strategyEquityDescriptor: WidgetDescriptor = {
  id: 'strategy-equity',
  name: 'Strategy equity',
  description:
    "A strategy's equity curve and drawdown (%) from a backtest run or a deployment (data source nautilus.core/strategy-results).",
  accepts: ['timeseries'],
  defaultSize: { w: 12, h: 8 },
  optionsSchema: strategyEquityOptionsSchema,
  bundle: 'dist/widgets.js',
};

export const strategyTradesDescriptor: WidgetDescriptor = {
  id: 'strategy-trades',
  name: 'Strategy trades',
  description:
    "A strategy's trades (entry, exit, side, quantity, prices, PnL, return) from a backtest run or a deployment (nautilus.core/strategy-results).",
  accepts: ['table'],
  defaultSize: { w: 12, h: 8 },
  optionsSchema: tableOptionsSchema,
  bundle: 'dist/widgets.js',
};
