import type { JsonSchema, PluginManifest } from '@nautilus/sdk';

const symbol: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9.\\-=^:&]{1,32}$',
  title: 'Symbol',
  description: 'A Yahoo Finance symbol, e.g. AAPL, BTC-USD, EURUSD=X, ^GSPC, VOD.L',
};

export const barsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol', 'timeframe'],
  properties: {
    symbol,
    timeframe: { enum: ['1m', '5m', '15m', '1h', '4h', '1d'], default: '1d', 'x-widget': 'timeframe', title: 'Timeframe' },
    adjusted: {
      type: 'boolean',
      default: false,
      title: 'Adjusted for splits and dividends',
      description: 'Daily bars only: open, high, low and close scaled by Yahoo’s adjusted close over the close',
    },
  },
};

export const symbolQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol'],
  properties: { symbol },
};

export const searchQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 100, title: 'Search for' },
    limit: { type: 'integer', minimum: 1, maximum: 25, default: 10, title: 'Results' },
  },
};

const HOSTS = ['query1.finance.yahoo.com', 'query2.finance.yahoo.com'];

export const manifest: PluginManifest = {
  id: 'nautilus.yahoo',
  name: 'Yahoo Finance',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Bars of stocks, ETFs, indices, crypto and FX (1m to 1d, daily optionally adjusted), dividends and splits, ' +
    'and symbol search from Yahoo Finance’s unofficial API, without a key; latest quotes and summaries when a ' +
    'Yahoo crumb and cookie are configured. Undocumented and unsupported by Yahoo: it may throttle or block at any time.',
  permissions: {
    network: HOSTS,
    secrets: [],
    // Yahoo documents no limits (the API is unofficial). These are deliberately conservative, per host:
    // at most 2 requests a second and 1000 an hour, below what gets a server blocked in practice.
    rateLimits: HOSTS.flatMap((host) => [
      { host, requests: 2, perSeconds: 1 },
      { host, requests: 1000, perSeconds: 3600 },
    ]),
  },
  contributes: {
    dataSources: [
      {
        id: 'bars',
        name: 'Yahoo Finance bars',
        description:
          'OHLCV bars of one symbol: 1m (last 30 days), 5m and 15m (last 60 days), 1h and 4h (last 730 days) or 1d ' +
          '(decades). Intraday times are bar open times in UTC; a daily bar is dated 00:00 UTC of its exchange-local ' +
          'date. When the range holds more than maxPoints bars, the most recent are returned.',
        frames: ['ohlcv'],
        querySchema: barsQuerySchema,
        streaming: false,
      },
      {
        id: 'events',
        name: 'Yahoo Finance dividends and splits',
        description:
          'Dividends (amount per share) and splits (ratio and factor) of one symbol in the range, oldest first, ' +
          'dated 00:00 UTC of the exchange-local ex-date.',
        frames: ['table'],
        querySchema: symbolQuerySchema,
        streaming: false,
      },
      {
        id: 'search',
        name: 'Yahoo Finance symbol search',
        description: 'Symbols whose ticker or name match the text, best match first, with name, exchange and asset class.',
        frames: ['table'],
        querySchema: searchQuerySchema,
        streaming: false,
        instrumentSearch: { param: 'text' },
        connectionTest: { params: { text: 'AAPL' } },
      },
      {
        id: 'quote',
        name: 'Yahoo Finance quote',
        description: 'The latest price of one symbol, with the previous close and the currency. Needs a Yahoo crumb and cookie.',
        frames: ['scalar'],
        querySchema: symbolQuerySchema,
        streaming: false,
      },
      {
        id: 'summary',
        name: 'Yahoo Finance summary',
        description:
          'The main numbers about one symbol (price, day range, volume, market cap, P/E, dividend yield, 52-week range…) ' +
          'as a field/value table. Needs a Yahoo crumb and cookie.',
        frames: ['table'],
        querySchema: symbolQuerySchema,
        streaming: false,
      },
    ],
  },
};
