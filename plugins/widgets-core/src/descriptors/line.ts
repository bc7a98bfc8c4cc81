import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface LineOptions {
  style: 'line' | 'area';
  lineWidth: number;
  showLegend: boolean;
  priceScale: 'normal' | 'log';
}

export const lineOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    style: { type: 'string', title: 'Style', enum: ['line', 'area'], default: 'line' },
    lineWidth: { type: 'integer', title: 'Line width (px)', minimum: 1, maximum: 4, default: 2 },
    showLegend: { type: 'boolean', title: 'Show legend', default: true },
    priceScale: { type: 'string', title: 'Value scale', enum: ['normal', 'log'], default: 'normal' },
  },
};

export const lineDescriptor: WidgetDescriptor = {
  id: 'line',
  name: 'Line chart',
  description: 'One line (or area) per series of a time series frame; OHLCV bars are drawn as their closes.',
  accepts: ['timeseries', 'ohlcv'],
  defaultSize: { w: 12, h: 8 },
  optionsSchema: lineOptionsSchema,
  bundle: 'dist/widgets.js',
};
