import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface RiskHeatmapOptions {
  scale: 'diverging' | 'sequential';
  decimals: number;
}

export const riskHeatmapOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    scale: {
      type: 'string',
      title: 'Colour scale',
      description:
        'diverging: blue–white–red around 0 (correlations, −1 to 1); sequential: white to red from 0 to the largest value.',
      enum: ['diverging', 'sequential'],
      default: 'diverging',
    },
    decimals: { type: 'integer', title: 'Decimals', minimum: 0, maximum: 6, default: 2 },
  },
};

export const riskHeatmapDescriptor: WidgetDescriptor = {
  id: 'risk-heatmap',
  name: 'Risk heatmap',
  description:
    'A grid of coloured cells: a correlation matrix, or risk contribution by instrument (component VaR, share). ' +
    'Takes a table whose first column labels the rows and whose other columns are numbers (nautilus.core/risk).',
  accepts: ['table'],
  defaultSize: { w: 8, h: 9 },
  optionsSchema: riskHeatmapOptionsSchema,
  bundle: 'dist/widgets.js',
};
