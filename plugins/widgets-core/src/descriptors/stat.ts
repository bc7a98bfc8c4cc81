import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';
import { colorOption, DOWN_COLOR, UP_COLOR } from './colors.ts';

export interface StatOptions {
  label: string;
  decimals: number;
  prefix: string;
  suffix: string;
  showChange: boolean;
  upColor: string;
  downColor: string;
}

export const statOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    label: { type: 'string', title: 'Label (empty: from the data)', default: '' },
    decimals: { type: 'integer', title: 'Decimals', minimum: 0, maximum: 10, default: 2 },
    prefix: { type: 'string', title: 'Prefix, e.g. $', default: '' },
    suffix: { type: 'string', title: 'Suffix (empty: the unit of the data)', default: '' },
    showChange: { type: 'boolean', title: 'Show change vs previous', default: true },
    upColor: colorOption('Up colour', UP_COLOR),
    downColor: colorOption('Down colour', DOWN_COLOR),
  },
};

export const statDescriptor: WidgetDescriptor = {
  id: 'stat',
  name: 'Stat',
  description:
    'One number, big, with its change against the previous value: a scalar, the last close, or the last point of a series.',
  accepts: ['scalar', 'ohlcv', 'timeseries'],
  defaultSize: { w: 4, h: 4 },
  optionsSchema: statOptionsSchema,
  bundle: 'dist/widgets.js',
};
