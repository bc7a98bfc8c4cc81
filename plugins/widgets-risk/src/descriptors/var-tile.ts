import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';
import { VAR_METHODS, type VarMethod } from '@nautilus/sdk';
import { currencyOption } from './currency.ts';

export interface VarTileOptions {
  method: VarMethod;
  currency: string;
}

export const varTileOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    method: {
      type: 'string',
      title: 'Method shown first',
      description: 'The tile switches between the methods the data holds without a new query.',
      enum: VAR_METHODS,
      default: 'historical',
    },
    currency: currencyOption,
  },
};

export const varTileDescriptor: WidgetDescriptor = {
  id: 'var-tile',
  name: 'VaR / ES',
  description:
    'Value at Risk and Expected Shortfall in money and percent, one method at a time (parametric, historical, ' +
    'Monte Carlo), with the backtest verdict (Kupiec, Basel traffic light) when the data has it (nautilus.core/risk).',
  accepts: ['table'],
  defaultSize: { w: 6, h: 5 },
  optionsSchema: varTileOptionsSchema,
  bundle: 'dist/widgets.js',
};
