import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';
import { colorOption, DOWN_COLOR, UP_COLOR } from './colors.ts';

export interface DepthOptions {
  levels: number;
  grouping: number;
  showChart: boolean;
  bidColor: string;
  askColor: string;
}

/** Price grouping the widget offers, in multiples of the instrument's tick size. */
export const DEPTH_GROUPINGS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] as const;

export const depthOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    levels: { type: 'integer', title: 'Levels per side (at most)', minimum: 3, maximum: 50, default: 15 },
    grouping: {
      type: 'integer',
      title: 'Price grouping, in ticks (changeable on the widget)',
      enum: [...DEPTH_GROUPINGS],
      default: 1,
    },
    showChart: { type: 'boolean', title: 'Show the depth chart', default: true },
    bidColor: colorOption('Bid colour', UP_COLOR),
    askColor: colorOption('Ask colour', DOWN_COLOR),
  },
};

export const depthDescriptor: WidgetDescriptor = {
  id: 'depth',
  name: 'Order book depth',
  description:
    'An order book ladder (price, size and cumulative depth per level), a depth chart, the spread and mid, grouping by ' +
    'multiples of the tick size, and the book’s sequence number and resync count. Live where the source streams books.',
  accepts: ['book'],
  defaultSize: { w: 6, h: 14 },
  optionsSchema: depthOptionsSchema,
  bundle: 'dist/widgets.js',
};
