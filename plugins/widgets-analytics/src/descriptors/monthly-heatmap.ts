import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface MonthlyHeatmapOptions {
  decimals: number;
}

export const monthlyHeatmapOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    decimals: { type: 'integer', title: 'Decimals', minimum: 0, maximum: 3, default: 1 },
  },
};

export const monthlyHeatmapDescriptor: WidgetDescriptor = {
  id: 'monthly-heatmap',
  name: 'Monthly returns',
  description:
    'Years × months of returns in percent with the yearly total, coloured red (loss) to green (gain) on one scale ' +
    'centred on 0 for the whole grid. Query nautilus.core/analytics with view monthly-returns.',
  accepts: ['table'],
  defaultSize: { w: 12, h: 6 },
  optionsSchema: monthlyHeatmapOptionsSchema,
  bundle: 'dist/widgets.js',
};
