import type { JsonSchema, PluginManifest } from '@nautilus/sdk';

const datasetsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: {
      type: 'string',
      maxLength: 200,
      title: 'Search for',
      default: '',
      description: 'Words (Solr syntax); empty for every dataset',
    },
    organization: { type: 'string', pattern: '^[A-Za-z0-9_.\\-]{1,100}$', title: 'Organization (its name)' },
    format: { type: 'string', pattern: '^[A-Za-z0-9.\\-]{1,20}$', title: 'Resource format, e.g. CSV' },
    rows: { type: 'integer', minimum: 1, maximum: 1000, default: 20, title: 'Rows' },
    start: {
      type: 'integer',
      minimum: 0,
      maximum: 1_000_000,
      default: 0,
      title: 'Start at',
      description: 'How many matches to skip: the next page starts at start + rows',
    },
  },
};

const datasetQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_\\-]{1,200}$', title: 'Dataset (id or name)' } },
};

const packagesQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, title: 'Names' },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0, title: 'Skip' },
  },
};

const resourceQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      maxLength: 2000,
      pattern: '^https?://',
      title: 'File URL',
      description: 'A CSV resource URL (or give dataset and resource instead)',
    },
    dataset: { type: 'string', pattern: '^[A-Za-z0-9_\\-]{1,200}$', title: 'Dataset (id or name)' },
    resource: { type: 'string', minLength: 1, maxLength: 200, title: 'Resource (id or name)' },
    timeColumn: { type: 'string', minLength: 1, maxLength: 200, title: 'Time column (for a chart)' },
    valueColumns: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', minLength: 1, maxLength: 200 },
      title: 'Value columns',
    },
    maxRows: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 100_000, title: 'Most rows' },
  },
};

export const manifest: PluginManifest = {
  id: 'nautilus.ckan',
  name: 'Data.gov (CKAN)',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    "Search data.gov's catalog (or any CKAN site's, with config baseUrl), list a dataset's files and chart a CSV file as a table " +
    'or time series. Files are downloaded only from hosts an admin allowed (config allowedHosts, default *.gov). No key needed.',
  permissions: {
    network: ['catalog.data.gov', '*.gov'],
    secrets: [],
    // data.gov publishes no limit for its catalog API; 10 a second keeps this a polite client.
    rateLimits: [{ host: 'catalog.data.gov', requests: 10, perSeconds: 1 }],
  },
  contributes: {
    dataSources: [
      {
        id: 'datasets',
        name: 'Data.gov dataset search',
        description:
          'Datasets matching the words (optionally of one organization, with files of one format): id, name, title, ' +
          'organization, file formats, last change and file count; page with start.',
        frames: ['table'],
        querySchema: datasetsQuerySchema,
        streaming: false,
        connectionTest: { params: { q: 'treasury', rows: 1 } },
      },
      {
        id: 'dataset',
        name: 'Data.gov dataset files',
        description: "One dataset's files (resources): name, format, URL, size and whether it may be downloaded here.",
        frames: ['table'],
        querySchema: datasetQuerySchema,
        streaming: false,
      },
      {
        id: 'packages',
        name: 'Data.gov dataset names',
        description: "The names of the catalog's datasets, paged with limit and offset.",
        frames: ['table'],
        querySchema: packagesQuerySchema,
        streaming: false,
      },
      {
        id: 'resource',
        name: 'Data.gov CSV file',
        description:
          'A CSV file as a table, or as time series when a time column is named (one series per value column, the numeric ' +
          'ones when none are named). Files over 50 MB or maxRows rows are refused, never cut short.',
        frames: ['table', 'timeseries'],
        querySchema: resourceQuerySchema,
        streaming: false,
      },
    ],
  },
};
