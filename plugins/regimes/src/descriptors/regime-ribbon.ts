import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface RegimeRibbonOptions {
  showPrice: boolean;
  minFitBars: number;
  refitEvery: number;
}

export const regimeRibbonOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    showPrice: { type: 'boolean', title: 'Show the close above the ribbon', default: true },
    minFitBars: {
      type: 'integer',
      title: 'Bars before the first label',
      description: 'The first fit needs this many bars (after the 20-bar feature window); earlier bars stay unlabelled.',
      minimum: 60,
      maximum: 2_000,
      default: 250,
    },
    refitEvery: { type: 'integer', title: 'Refit every (bars)', minimum: 5, maximum: 500, default: 21 },
  },
};

export const regimeRibbonDescriptor: WidgetDescriptor = {
  id: 'regime-ribbon',
  name: 'Regime ribbon',
  description:
    'The market regime of every bar (trend up / sideways / down × volatility high / low) as a coloured ribbon ' +
    'with a legend, from a Gaussian HMM labelled causally: each bar uses the bars up to it only. ' +
    'Give it the same bars query as the candlestick it sits under.',
  accepts: ['ohlcv'],
  defaultSize: { w: 12, h: 5 },
  optionsSchema: regimeRibbonOptionsSchema,
  bundle: 'dist/widgets.js',
};
