import { type DataSource, type DataSourceDescriptor, type JsonSchema, TIMEFRAMES, type Timeframe } from '@nautilus/sdk';
import type { BarsService } from './bars-service.ts';

export const BARS_SOURCE_REF = 'nautilus.core/bars';

const querySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol', 'timeframe'],
  properties: {
    symbol: {
      type: 'string',
      pattern: '^[A-Za-z0-9.:=^_\\-/]{1,32}$',
      'x-widget': 'instrument',
      title: 'Instrument',
      description: 'Any symbol the bars chain covers: SIM:AAPL (simulated), AAPL, BTC-USD, EURUSD=X…',
    },
    timeframe: { enum: TIMEFRAMES, default: '1d', 'x-widget': 'timeframe', title: 'Timeframe' },
    adjusted: { type: 'boolean', default: false, title: 'Adjusted for splits and dividends' },
  },
};

export const barsSourceDescriptor: DataSourceDescriptor = {
  id: 'bars',
  name: 'Bars (any provider, cached)',
  description:
    "OHLCV bars of any instrument through the admin's fallback chain of providers, served from the bars cache where it can. " +
    'The frame says which source answered each stretch, the gaps against the session calendar, and whether a failing provider left it stale.',
  frames: ['ohlcv'],
  querySchema,
  streaming: false,
};

export function barsSource(service: BarsService): DataSource<{ symbol: string; timeframe: Timeframe; adjusted?: boolean }> {
  return {
    query: async ({ params, range, maxPoints }) => [
      await service.query({
        symbol: params.symbol,
        timeframe: params.timeframe,
        adjusted: params.adjusted === true,
        from: range.from,
        to: range.to,
        maxPoints,
      }),
    ],
  };
}
