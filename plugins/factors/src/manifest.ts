import { type JsonSchema, type PluginManifest, TIMEFRAMES } from '@nautilus/sdk';

/** What the factor panel shows: statistics of one scale together, so one axis fits them. */
export const FACTOR_VIEWS = ['correlation', 'beta', 'z-scores', 'aligned'] as const;
export type FactorView = (typeof FACTOR_VIEWS)[number];

export const factorQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol', 'seriesId'],
  properties: {
    symbol: { type: 'string', minLength: 1, maxLength: 64, 'x-widget': 'instrument', title: 'Instrument' },
    timeframe: { enum: TIMEFRAMES, default: '1d', 'x-widget': 'timeframe', title: 'Timeframe' },
    seriesId: {
      type: 'string',
      pattern: '^[A-Za-z0-9_]{1,25}$',
      title: 'Economic series',
      description: 'A FRED series id (e.g. DGS10, FEDFUNDS, CPIAUCSL), used from each value’s first publication',
    },
    window: { type: 'integer', minimum: 5, maximum: 1000, default: 60, title: 'Window (bars)' },
    view: { enum: FACTOR_VIEWS, default: 'correlation', title: 'Show' },
  },
};

/** Where the inputs come from unless the operator configures others (`barsSource`, `seriesSource`). */
export const DEFAULT_SOURCES = { bars: 'nautilus.sim-market/bars', series: 'nautilus.fred/first-release' } as const;

export const manifest: PluginManifest = {
  id: 'nautilus.factors',
  name: 'Factors',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'A price series against an economic series, aligned on the bars by publication time (a value counts only from ' +
    'its release): rolling correlation and beta of their changes, z-scores of the spread and of the series.',
  permissions: {
    network: [],
    secrets: [],
    // Only these sources: a bars source and FRED's by-first-release series (point in time).
    dataSources: ['nautilus.sim-market/bars', 'nautilus.core/bars', 'nautilus.fred/first-release'],
  },
  contributes: {
    dataSources: [
      {
        id: 'factor',
        name: 'Factor: price against an economic series',
        description:
          'Bars of an instrument and an economic series by first release, aligned without look-ahead, then rolling ' +
          'correlation and beta (of changes), or z-scores of the spread and the series, over a window of bars.',
        frames: ['timeseries'],
        querySchema: factorQuerySchema,
        streaming: false,
      },
    ],
  },
};
