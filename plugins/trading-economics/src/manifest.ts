import type { JsonSchema, PluginManifest } from '@nautilus/sdk';

/** One country as Trading Economics names it (any case): united states, euro area, new zealand. */
const country: JsonSchema = {
  type: 'string',
  pattern: "^[A-Za-z][A-Za-z .'()&-]{0,59}$",
  title: 'Country',
  description: 'A country as Trading Economics names it, e.g. united states, euro area, sweden',
};

export const calendarQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    country: {
      type: 'string',
      // One character class, no nested repetition: the names between commas are checked by the plugin.
      pattern: "^[A-Za-z .,'()&-]{1,1000}$",
      default: 'All',
      title: 'Countries',
      description: 'All, or a comma-separated list, e.g. united states, china, euro area',
    },
    importance: {
      enum: [1, 2, 3],
      title: 'Minimum importance',
      description: '1 low, 2 medium, 3 high: events at least this important; empty for all',
    },
  },
};

export const historicalQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'indicator'],
  properties: {
    country,
    indicator: {
      type: 'string',
      pattern: "^[A-Za-z0-9][A-Za-z0-9 .'()&/%-]{0,99}$",
      title: 'Indicator',
      description: 'An indicator as Trading Economics names it, e.g. gdp growth rate, inflation rate, unemployment rate',
    },
  },
};

export const indicatorsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['country'],
  properties: { country },
};

export const manifest: PluginManifest = {
  id: 'nautilus.trading-economics',
  name: 'Trading Economics',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'The economic calendar (releases with actual, forecast and previous figures, and holidays), historical indicator ' +
    'series and the latest indicators of a country from Trading Economics. Needs an API key ' +
    '(NAUTILUS_SECRET_TRADINGECONOMICS_API_KEY, key:secret); without one, guest access covers Sweden, Mexico, New Zealand and Thailand.',
  permissions: {
    network: ['api.tradingeconomics.com'],
    secrets: ['TRADINGECONOMICS_API_KEY'],
    // Trading Economics documents at most 2 requests a second.
    rateLimits: [{ host: 'api.tradingeconomics.com', requests: 2, perSeconds: 1 }],
  },
  contributes: {
    dataSources: [
      {
        id: 'calendar',
        name: 'Trading Economics calendar',
        description:
          'Economic calendar events in the time range, oldest first: time (UTC), country, category, event, importance, ' +
          'actual/previous/forecast/TE forecast/revised as displayed and as numbers, unit, ticker, id. Holidays included. ' +
          'When the range holds more than maxPoints events, the latest are returned.',
        frames: ['table'],
        querySchema: calendarQuerySchema,
        streaming: false,
        connectionTest: { params: { country: 'Sweden' } },
      },
      {
        id: 'historical',
        name: 'Trading Economics historical series',
        description:
          'One indicator of one country over the time range, named "{Country} {Category}"; dates without a value are left out.',
        frames: ['timeseries'],
        querySchema: historicalQuerySchema,
        streaming: false,
      },
      {
        id: 'indicators',
        name: 'Trading Economics country indicators',
        description:
          'Every indicator tracked for one country: category, title, latest value and its date, previous value, unit, ' +
          'frequency, source and historical data symbol.',
        frames: ['table'],
        querySchema: indicatorsQuerySchema,
        streaming: false,
      },
    ],
  },
};
