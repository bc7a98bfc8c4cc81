import type { JsonSchema, PluginManifest } from '@nautilus/sdk';
import { TIMEFRAMES } from '@nautilus/sdk';
import { BOOK_LIMITS, bookInstruments } from './book-source.ts';
import { assetClasses } from './instrument.ts';
import { instruments } from './instruments.ts';

/** Params of the `bars` source: which instrument and which bar size. */
export const barsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol', 'timeframe'],
  properties: {
    symbol: {
      type: 'string',
      enum: instruments.map((instrument) => instrument.symbol),
      'x-widget': 'instrument',
      title: 'Instrument',
    },
    timeframe: { enum: TIMEFRAMES, default: '1h', 'x-widget': 'timeframe', title: 'Timeframe' },
  },
};

/** Params of the `instruments` source: an optional asset-class filter. */
export const instrumentsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    assetClass: { type: 'string', enum: assetClasses, title: 'Asset class' },
    text: { type: 'string', maxLength: 100, title: 'Symbol or name contains' },
  },
};

/** Params of the `book` source: which instrument, how deep, how fast a stream changes, and the seed. */
export const bookQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol'],
  properties: {
    symbol: {
      type: 'string',
      enum: bookInstruments.map((instrument) => instrument.symbol),
      'x-widget': 'instrument',
      title: 'Instrument',
    },
    depth: {
      type: 'integer',
      minimum: BOOK_LIMITS.depth.min,
      maximum: BOOK_LIMITS.depth.max,
      default: BOOK_LIMITS.depth.default,
      title: 'Levels per side',
    },
    rate: {
      type: 'number',
      minimum: BOOK_LIMITS.rate.min,
      maximum: BOOK_LIMITS.rate.max,
      default: BOOK_LIMITS.rate.default,
      title: 'Changes per second',
    },
    seed: { type: 'integer', minimum: 0, default: 1, title: 'Seed' },
  },
};

export const manifest: PluginManifest = {
  id: 'nautilus.sim-market',
  name: 'Simulated market',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'A deterministic simulated market that works offline: seeded OHLCV bars from 2000 to now for US stocks, ETFs, ' +
    'an index, FX, crypto and CME futures, with real trading sessions and DST. The same request always returns the same bars.',
  permissions: { network: [], secrets: [] },
  contributes: {
    dataSources: [
      {
        id: 'bars',
        name: 'Simulated bars',
        description:
          'OHLCV bars (1m to 1d) of one simulated instrument; larger bars aggregate the 1m bars exactly. ' +
          'When the range holds more than maxPoints bars, the most recent maxPoints are returned. ' +
          'Streams each bar as it closes, with updates of the forming bar every simulated minute; can replay the recent past faster than real time.',
        frames: ['ohlcv'],
        querySchema: barsQuerySchema,
        streaming: true,
        replay: true,
      },
      {
        id: 'book',
        name: 'Simulated order book',
        description:
          'An L2 order book of one simulated instrument around its latest simulated price: levels growing in size away from the top, ' +
          'limit orders joining and leaving, market orders (trades) consuming the best levels. A query answers a snapshot; a stream ' +
          'sends the snapshot, then deltas at the given rate. The same seed gives the same book from the same price.',
        frames: ['book', 'bookDelta'],
        querySchema: bookQuerySchema,
        streaming: true,
      },
      {
        id: 'instruments',
        name: 'Simulated instruments',
        description: 'The instruments the simulated market offers: symbol, name, asset class, currency, session and tick size.',
        frames: ['table'],
        querySchema: instrumentsQuerySchema,
        streaming: false,
        instrumentSearch: { param: 'text' },
      },
    ],
  },
};
