import type { JsonSchema, PluginManifest } from '@nautilus/sdk';

const symbol: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9.\\- ]{1,30}$',
  title: 'Symbol',
  description: 'A ticker such as VOO, IBM or EUR, resolved to a conid through IBKR’s contract search',
};
const conid: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: 999_999_999_999,
  title: 'Contract id (conid)',
  description: 'IBKR’s contract id, e.g. 136155102 (VOO on ARCA); used as is, without a search',
};
const secType: JsonSchema = {
  enum: ['STK', 'CASH', 'FUT', 'IND'],
  default: 'STK',
  title: 'Security type',
  description: 'Which kind of contract the symbol names: STK (stocks and ETFs), CASH (FX), FUT (futures), IND (indices)',
};
/** One of symbol or conid is needed. */
const symbolOrConid: readonly JsonSchema[] = [{ required: ['symbol'] }, { required: ['conid'] }];

export const barsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['timeframe'],
  anyOf: symbolOrConid,
  properties: {
    symbol,
    conid,
    secType,
    timeframe: {
      enum: ['1m', '5m', '15m', '1h', '4h', '1d'],
      default: '1d',
      'x-widget': 'timeframe',
      title: 'Timeframe',
    },
    exchange: {
      type: 'string',
      pattern: '^[A-Za-z0-9.\\-]{1,20}$',
      title: 'Exchange',
      description: 'The exchange whose data to chart, e.g. ARCA or NYSE; the contract’s own by default',
    },
    outsideRth: {
      type: 'boolean',
      default: false,
      title: 'Outside regular trading hours',
      description: 'Include pre-market and after-hours bars',
    },
  },
};

export const quoteQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  anyOf: symbolOrConid,
  properties: { symbol, conid, secType },
};

export const searchQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol'],
  properties: {
    symbol: { type: 'string', minLength: 1, maxLength: 100, title: 'Search for' },
    byName: { type: 'boolean', default: false, title: 'Search company names', description: 'Match names instead of tickers' },
  },
};

export const stocksQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbols'],
  properties: {
    symbols: {
      type: 'string',
      pattern: '^[A-Za-z0-9.\\-]{1,20}( *, *[A-Za-z0-9.\\-]{1,20}){0,49}$',
      title: 'Symbols',
      description: 'Up to 50 tickers separated by commas, e.g. VOO,AAPL',
    },
  },
};

export const accountsQuerySchema: JsonSchema = { type: 'object', additionalProperties: false, properties: {} };

export const manifest: PluginManifest = {
  id: 'nautilus.ibkr',
  name: 'Interactive Brokers',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Bars, contract search, stock listings, snapshot quotes and accounts from Interactive Brokers through the user’s own ' +
    'Client Portal Gateway (default https://localhost:5000/v1/api, set with config "baseUrl"). No API key: log in to the ' +
    'gateway in a browser. The gateway’s certificate is self-signed: set config "allowSelfSignedTls": true (with ' +
    '"baseUrl") to accept it for that host only.',
  permissions: {
    network: ['localhost:5000', 'api.ibkr.com'],
    secrets: [],
    // IBKR's documented global limit for the Client Portal API. The history endpoint also allows at most
    // 5 requests at once (this plugin sends one at a time per query) and the snapshot one every 100 ms.
    rateLimits: [
      { host: 'localhost:5000', requests: 10, perSeconds: 1 },
      { host: 'api.ibkr.com', requests: 10, perSeconds: 1 },
    ],
  },
  contributes: {
    dataSources: [
      {
        id: 'bars',
        name: 'IBKR bars',
        description:
          'OHLCV bars of one contract (a symbol or a conid): 1m, 5m, 15m, 1h, 4h or 1d, open times in UTC, regular ' +
          'trading hours unless asked otherwise. Volume as IBKR reports it (US stocks in lots of 100). Long ranges ' +
          'take several requests of at most 1000 bars; beyond maxPoints, the most recent bars.',
        frames: ['ohlcv'],
        querySchema: barsQuerySchema,
        streaming: false,
      },
      {
        id: 'search',
        name: 'IBKR contract search',
        description: 'Contracts matching a symbol or a company name: conid, symbol, name, asset class and exchange.',
        frames: ['table'],
        querySchema: searchQuerySchema,
        streaming: false,
        instrumentSearch: { param: 'symbol' },
      },
      {
        id: 'stocks',
        name: 'IBKR stock listings',
        description: 'Each listing of each stock symbol: symbol, name, conid, exchange and whether it is a US listing.',
        frames: ['table'],
        querySchema: stocksQuerySchema,
        streaming: false,
      },
      {
        id: 'quote',
        name: 'IBKR quote',
        description:
          'The last price of one contract, with the prior close. The first ask for a contract subscribes the gateway ' +
          'to it and fails asking to try again a second later.',
        frames: ['scalar'],
        querySchema: quoteQuerySchema,
        streaming: false,
      },
      {
        id: 'accounts',
        name: 'IBKR accounts',
        description: 'The accounts of the logged-in user: id, display name, base currency and type.',
        frames: ['table'],
        querySchema: accountsQuerySchema,
        streaming: false,
        connectionTest: { params: {} },
      },
    ],
  },
};
