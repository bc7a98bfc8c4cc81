import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';
import { currencyOption } from './currency.ts';

export interface PnlWaterfallOptions {
  sort: 'magnitude' | 'input';
  currency: string;
}

export const pnlWaterfallOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    sort: {
      type: 'string',
      title: 'Order',
      description: 'magnitude: the largest gain or loss first; input: as the data lists the positions.',
      enum: ['magnitude', 'input'],
      default: 'magnitude',
    },
    currency: currencyOption,
  },
};

export const pnlWaterfallDescriptor: WidgetDescriptor = {
  id: 'pnl-waterfall',
  name: 'P&L waterfall',
  description:
    'How each position adds to the total P&L of a stress scenario or a P&L attribution: one floating bar per ' +
    'position from the running total, then the total (nautilus.core/risk).',
  accepts: ['table'],
  defaultSize: { w: 12, h: 8 },
  optionsSchema: pnlWaterfallOptionsSchema,
  bundle: 'dist/widgets.js',
};
