import type { JsonSchema, PluginManifest } from '@nautilus/sdk';

/** FRED series ids: letters, digits and underscores, 25 at most (the API's own rule). */
const seriesId: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9_]{1,25}$',
  title: 'Series',
  description: 'A FRED series id, e.g. GDP, FEDFUNDS, DGS10',
};

/** A calendar date, as FRED's realtime (vintage) parameters take it. */
const date: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

export const seriesQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['seriesId'],
  properties: {
    seriesId,
    asOf: {
      ...date,
      title: 'As known on',
      description: 'Show the values as they were published on this date (an ALFRED vintage); empty for the latest revision',
    },
    units: {
      enum: ['lin', 'chg', 'ch1', 'pch', 'pc1', 'pca', 'cch', 'cca', 'log'],
      default: 'lin',
      title: 'Units',
      description: 'lin: levels; chg/ch1: change; pch/pc1/pca: percent change; cch/cca: continuously compounded; log',
    },
  },
};

/** A series by first release: no `asOf` (it is every first release, each at its own publication). */
export const firstReleaseQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['seriesId'],
  properties: { seriesId, units: (seriesQuerySchema.properties as Record<string, JsonSchema>).units! },
};

export const searchQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 200, title: 'Search for' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50, title: 'Results' },
  },
};

export const infoQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['seriesId'],
  properties: { seriesId },
};

export const manifest: PluginManifest = {
  id: 'nautilus.fred',
  name: 'FRED (St. Louis Fed)',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'US and international economic series from the Federal Reserve Bank of St. Louis: observations (as the latest ' +
    'revision or as known on a date), series search and metadata. Needs a free API key (NAUTILUS_SECRET_FRED_API_KEY).',
  permissions: {
    network: ['api.stlouisfed.org'],
    secrets: ['FRED_API_KEY'],
    // FRED documents 120 requests a minute per key and throttles bursts at about 2 a second.
    rateLimits: [
      { host: 'api.stlouisfed.org', requests: 2, perSeconds: 1 },
      { host: 'api.stlouisfed.org', requests: 120, perSeconds: 60 },
    ],
  },
  contributes: {
    dataSources: [
      {
        id: 'series',
        name: 'FRED series',
        description:
          'Observations of one series over the time range, in the units asked for. A missing observation (".") is left out, ' +
          'so a line bridges it. With "As known on", the values as first published up to that date.',
        frames: ['timeseries'],
        querySchema: seriesQuerySchema,
        streaming: false,
      },
      {
        id: 'first-release',
        name: 'FRED series by first release',
        description:
          'Each observation as first published, placed at 00:00 UTC the day after its release (FRED gives the release date, ' +
          'not the hour): a series with no look-ahead, for factors and backtests against a rate or an economic print.',
        frames: ['timeseries'],
        querySchema: firstReleaseQuerySchema,
        streaming: false,
      },
      {
        id: 'search',
        name: 'FRED series search',
        description: 'Series whose title, notes or id match the text, most relevant first: id, title, frequency, units, dates.',
        frames: ['table'],
        querySchema: searchQuerySchema,
        streaming: false,
        connectionTest: { params: { text: 'treasury' } },
      },
      {
        id: 'info',
        name: 'FRED series details',
        description: 'One series: title, frequency, units, seasonal adjustment, first and last observation, last update.',
        frames: ['table'],
        querySchema: infoQuerySchema,
        streaming: false,
      },
      {
        id: 'vintages',
        name: 'FRED series vintages',
        description: 'The dates on which the series was published or revised: the dates "As known on" can show.',
        frames: ['table'],
        querySchema: infoQuerySchema,
        streaming: false,
      },
    ],
  },
};
