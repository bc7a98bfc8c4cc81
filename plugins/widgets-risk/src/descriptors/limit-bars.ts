import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface LimitBarsOptions {
  sort: 'utilisation' | 'name';
  showOk: boolean;
}

export const limitBarsOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    sort: {
      type: 'string',
      title: 'Order',
      description: 'utilisation: the most used limit first; name: by limit, then scope.',
      enum: ['utilisation', 'name'],
      default: 'utilisation',
    },
    showOk: { type: 'boolean', title: 'Show limits that are OK', default: true },
  },
};

export const limitBarsDescriptor: WidgetDescriptor = {
  id: 'limit-bars',
  name: 'Limit utilisation',
  description:
    'One bar per risk limit, filled to its utilisation, with the warning level marked and coloured by status ' +
    '(ok, warn, breach) (nautilus.core/risk).',
  accepts: ['table'],
  defaultSize: { w: 8, h: 6 },
  optionsSchema: limitBarsOptionsSchema,
  bundle: 'dist/widgets.js',
};
