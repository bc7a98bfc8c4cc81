import type { JsonSchema, PluginManifest } from '@nautilus/sdk';

const code = (title: string, example: string): JsonSchema => ({
  type: 'string',
  pattern: '^[A-Za-z0-9_.\\-]{1,100}$',
  title,
  description: `A DBnomics code, e.g. ${example}`,
});

export const seriesQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'dataset', 'series'],
  properties: {
    provider: code('Provider', 'IMF, Eurostat, OECD, CEPII'),
    dataset: code('Dataset', 'WEO:latest, CHELEM-TRADE-CHEL'),
    series: code('Series', 'FRA.NGDP_RPCH, AES.AES.CAT.BA'),
  },
};

export const datasetQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'dataset'],
  properties: {
    provider: seriesQuerySchema.properties!.provider!,
    dataset: seriesQuerySchema.properties!.dataset!,
    q: { type: 'string', maxLength: 200, title: 'Search within', description: 'Words the series names must hold' },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 10, title: 'Series' },
  },
};

export const manifest: PluginManifest = {
  id: 'nautilus.dbnomics',
  name: 'DBnomics',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Economic series from 80+ statistical providers (IMF, Eurostat, OECD, the ECB, national institutes) through DBnomics; no key needed.',
  permissions: {
    network: ['api.db.nomics.world'],
    secrets: [],
    // DBnomics publishes no limit; a polite one keeps a dashboard of many panels from hammering it.
    rateLimits: [{ host: 'api.db.nomics.world', requests: 5, perSeconds: 1 }],
  },
  contributes: {
    dataSources: [
      {
        id: 'series',
        name: 'DBnomics series',
        description: 'One series (provider, dataset, series code) over the time range; "NA" observations are left out.',
        frames: ['timeseries'],
        querySchema: seriesQuerySchema,
        streaming: false,
        connectionTest: { params: { provider: 'AMECO', dataset: 'ZUTN', series: 'EA20.1.0.0.0.ZUTN' } },
      },
      {
        id: 'dataset',
        name: 'DBnomics dataset',
        description: 'The first series of a dataset (optionally those whose names hold some words), each as a line.',
        frames: ['timeseries'],
        querySchema: datasetQuerySchema,
        streaming: false,
      },
    ],
  },
};
