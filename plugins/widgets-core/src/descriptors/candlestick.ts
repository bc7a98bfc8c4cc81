import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';
import { colorOption, DOWN_COLOR, UP_COLOR } from './colors.ts';

export interface CandlestickOptions {
  style: 'candles' | 'ohlc';
  showVolume: boolean;
  priceScale: 'normal' | 'log';
  smaEnabled: boolean;
  smaPeriod: number;
  emaEnabled: boolean;
  emaPeriod: number;
  bollingerEnabled: boolean;
  bollingerPeriod: number;
  bollingerStdDev: number;
  upColor: string;
  downColor: string;
}

const period = (title: string, value: number): JsonSchema => ({
  type: 'integer',
  title,
  minimum: 2,
  maximum: 500,
  default: value,
});

// Flat properties: the builder generates one form control per property, and nesting would need sub-forms.
export const candlestickOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    style: { type: 'string', title: 'Style', enum: ['candles', 'ohlc'], default: 'candles' },
    showVolume: { type: 'boolean', title: 'Show volume', default: true },
    priceScale: { type: 'string', title: 'Price scale', enum: ['normal', 'log'], default: 'normal' },
    smaEnabled: { type: 'boolean', title: 'Simple moving average (SMA)', default: false },
    smaPeriod: period('SMA period', 20),
    emaEnabled: { type: 'boolean', title: 'Exponential moving average (EMA)', default: false },
    emaPeriod: period('EMA period', 50),
    bollingerEnabled: { type: 'boolean', title: 'Bollinger bands', default: false },
    bollingerPeriod: period('Bollinger period', 20),
    bollingerStdDev: { type: 'number', title: 'Bollinger width (standard deviations)', minimum: 0.5, maximum: 5, default: 2 },
    upColor: colorOption('Up colour', UP_COLOR),
    downColor: colorOption('Down colour', DOWN_COLOR),
  },
};

export const candlestickDescriptor: WidgetDescriptor = {
  id: 'candlestick',
  name: 'Candlestick chart',
  description: 'OHLC candles or bars with volume and SMA, EMA and Bollinger band overlays. Draws 100,000 bars smoothly.',
  accepts: ['ohlcv'],
  defaultSize: { w: 12, h: 10 },
  optionsSchema: candlestickOptionsSchema,
  bundle: 'dist/widgets.js',
};
