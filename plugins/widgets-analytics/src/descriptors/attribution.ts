import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface AttributionOptions {
  by: 'instrument' | 'asset class';
}

export const attributionOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    by: { type: 'string', title: 'Segments', enum: ['instrument', 'asset class'], default: 'instrument' },
  },
};

export const attributionDescriptor: WidgetDescriptor = {
  id: 'attribution',
  name: 'Attribution',
  description:
    'Brinson–Fachler attribution: a waterfall of allocation, selection, interaction and the residual up to the ' +
    'active return, over a table of the effects by instrument or asset class. Query nautilus.core/analytics with ' +
    'kind portfolio, view attribution and benchmark weights.',
  accepts: ['table'],
  defaultSize: { w: 12, h: 10 },
  optionsSchema: attributionOptionsSchema,
  bundle: 'dist/widgets.js',
};
