import type { JsonSchema, PluginManifest } from '@nautilus/sdk';
import { INDICATORS } from './economic.ts';

const symbol: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9.\\-=^:]{1,20}$',
  title: 'Symbol',
  description: 'An Alpha Vantage symbol, e.g. IBM, MSFT, TSCO.LON',
};

export const barsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol', 'timeframe'],
  properties: {
    symbol,
    timeframe: { enum: ['1m', '5m', '15m', '1h', '1d'], default: '1d', 'x-widget': 'timeframe', title: 'Timeframe' },
    adjusted: {
      type: 'boolean',
      default: false,
      title: 'Adjusted for splits and dividends',
      description:
        'Daily: adjusted close with open, high and low scaled alike (a premium call); intraday: Alpha Vantage’s own adjustment',
    },
  },
};

export const quoteQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol'],
  properties: { symbol },
};

export const searchQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['keywords'],
  properties: { keywords: { type: 'string', minLength: 1, maxLength: 100, title: 'Search for' } },
};

export const economicQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['indicator'],
  properties: {
    indicator: { enum: Object.keys(INDICATORS), title: 'Indicator', default: 'REAL_GDP' },
    interval: {
      enum: ['daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual'],
      title: 'Interval (the indicator’s own when unset)',
    },
    maturity: { enum: ['3month', '2year', '5year', '7year', '10year', '30year'], title: 'Maturity (Treasury yield only)' },
  },
};

export const manifest: PluginManifest = {
  id: 'nautilus.alpha-vantage',
  name: 'Alpha Vantage',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Stock bars (daily and intraday, raw or adjusted), latest quotes, symbol search and US economic indicators from Alpha Vantage. ' +
    'Needs an API key (NAUTILUS_SECRET_ALPHAVANTAGE_API_KEY); the free tier allows 25 requests a day.',
  permissions: {
    network: ['www.alphavantage.co'],
    secrets: ['ALPHAVANTAGE_API_KEY'],
    // The free tier: 25 requests a day, and at most 5 in a minute.
    rateLimits: [
      { host: 'www.alphavantage.co', requests: 5, perSeconds: 60 },
      { host: 'www.alphavantage.co', requests: 25, perSeconds: 86_400 },
    ],
  },
  contributes: {
    dataSources: [
      {
        id: 'bars',
        name: 'Alpha Vantage bars',
        description:
          'OHLCV bars of one symbol: 1m, 5m, 15m, 1h (the last 30 days or so) or 1d (20+ years), open times in UTC. ' +
          'When the range holds more than maxPoints bars, the most recent are returned.',
        frames: ['ohlcv'],
        querySchema: barsQuerySchema,
        streaming: false,
      },
      {
        id: 'quote',
        name: 'Alpha Vantage quote',
        description: 'The latest price of one symbol, with the previous close.',
        frames: ['scalar'],
        querySchema: quoteQuerySchema,
        streaming: false,
        connectionTest: { params: { symbol: 'IBM' } },
      },
      {
        id: 'search',
        name: 'Alpha Vantage symbol search',
        description: 'Symbols whose ticker or name match the keywords, best match first.',
        frames: ['table'],
        querySchema: searchQuerySchema,
        streaming: false,
        instrumentSearch: { param: 'keywords' },
      },
      {
        id: 'economic',
        name: 'Alpha Vantage economic indicators',
        description:
          'US economic indicators (real GDP, Treasury yields, the Fed funds rate, CPI, unemployment…) as a time series.',
        frames: ['timeseries'],
        querySchema: economicQuerySchema,
        streaming: false,
      },
    ],
  },
};
