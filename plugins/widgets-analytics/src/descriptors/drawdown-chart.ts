import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface DrawdownChartOptions {
  periods: number;
}

export const drawdownChartOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    periods: { type: 'integer', title: 'Deepest periods shaded', minimum: 0, maximum: 20, default: 5 },
  },
};

export const drawdownChartDescriptor: WidgetDescriptor = {
  id: 'drawdown-chart',
  name: 'Drawdown',
  description:
    'The drawdown from the running peak (%) as an area, with the deepest drawdown periods shaded from peak to ' +
    'recovery and their depth marked at the trough. Query nautilus.core/analytics with view drawdown.',
  accepts: ['timeseries'],
  defaultSize: { w: 12, h: 6 },
  optionsSchema: drawdownChartOptionsSchema,
  bundle: 'dist/widgets.js',
};
