import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface TableOptions {
  maxRows: number;
  decimals: number;
}

export const tableOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    maxRows: { type: 'integer', title: 'Rows shown', minimum: 1, maximum: 5000, default: 100 },
    decimals: { type: 'integer', title: 'Decimals', minimum: 0, maximum: 10, default: 2 },
  },
};

export const tableDescriptor: WidgetDescriptor = {
  id: 'table',
  name: 'Table',
  description: 'Rows of a table frame, or OHLCV bars newest first. Click a column header to sort.',
  accepts: ['table', 'ohlcv'],
  defaultSize: { w: 8, h: 8 },
  optionsSchema: tableOptionsSchema,
  bundle: 'dist/widgets.js',
};
