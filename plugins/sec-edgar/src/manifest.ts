import type { JsonSchema, PluginManifest } from '@nautilus/sdk';

/** A ticker (AAPL, BRK-B) or a CIK (320193, 0000320193, CIK0000320193). */
const company: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9.\\-/]{1,13}$',
  title: 'Company',
  description: 'A ticker (AAPL, BRK-B) or a CIK (320193)',
};

export const companiesQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['query'],
  properties: {
    query: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      title: 'Search for',
      description: 'A ticker or part of a company name, any case',
    },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, title: 'Results' },
  },
};

export const filingsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['company'],
  properties: {
    company,
    forms: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z0-9 ./\\-]{1,20}$' },
      uniqueItems: true,
      maxItems: 50,
      title: 'Form types',
      description: 'Only these form types, e.g. 10-K, 10-Q, 8-K (an amendment such as 10-K/A is its own type); all when empty',
    },
    limit: { type: 'integer', minimum: 1, maximum: 2000, default: 100, title: 'Filings' },
  },
};

const factsProperties: Record<string, JsonSchema> = {
  company,
  concept: {
    type: 'string',
    pattern: '^([A-Za-z][A-Za-z0-9-]*:)?[A-Za-z_][A-Za-z0-9_.-]*$',
    maxLength: 200,
    title: 'Concept',
    description: 'An XBRL concept, e.g. us-gaap:NetIncomeLoss, Assets (us-gaap when no taxonomy), dei:EntityPublicFloat',
  },
  unit: {
    type: 'string',
    minLength: 1,
    maxLength: 50,
    title: 'Unit',
    description: 'e.g. USD, USD/shares, shares; by default the concept’s only unit, or USD',
  },
  period: {
    enum: ['annual', 'quarterly', 'all'],
    default: 'all',
    title: 'Periods',
    description: 'annual: fiscal years (10-K); quarterly: quarters (10-Q); all: both',
  },
  asOf: {
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    title: 'As known on',
    description: 'Show each value as last filed on or before this date; empty for the latest filing',
  },
};

export const factsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['company', 'concept'],
  properties: factsProperties,
};

export const factsTableQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['company', 'concept'],
  properties: {
    ...factsProperties,
    history: {
      type: 'boolean',
      default: false,
      title: 'Every filing',
      description: 'List every filing of each value (repeats and restatements), not only the one known last',
    },
  },
};

export const manifest: PluginManifest = {
  id: 'nautilus.sec-edgar',
  name: 'SEC EDGAR',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'US public companies from the SEC: ticker to CIK search, the list of a company’s filings (10-K, 10-Q, 8-K …) and ' +
    'its XBRL financial facts (net income, assets, EPS …) as reported, also as known on a date. No key; needs a ' +
    'declared User-Agent with a contact e-mail (config userAgent).',
  permissions: {
    network: ['www.sec.gov', 'data.sec.gov'],
    secrets: [],
    // SEC's fair access allows 10 requests a second in all, across its hosts: 5 to each keeps the sum within it.
    rateLimits: [
      { host: 'www.sec.gov', requests: 5, perSeconds: 1 },
      { host: 'data.sec.gov', requests: 5, perSeconds: 1 },
    ],
  },
  contributes: {
    dataSources: [
      {
        id: 'companies',
        name: 'SEC EDGAR companies',
        description: 'Companies whose ticker or name hold the text, the exact ticker first: CIK, ticker, name.',
        frames: ['table'],
        querySchema: companiesQuerySchema,
        streaming: false,
        instrumentSearch: { param: 'query' },
        connectionTest: { params: { query: 'AAPL' } },
      },
      {
        id: 'filings',
        name: 'SEC EDGAR filings',
        description:
          'A company’s recent filings (about the latest 1000) filed within the time range, newest first: form, filing and ' +
          'report dates, accession number, primary document and its link.',
        frames: ['table'],
        querySchema: filingsQuerySchema,
        streaming: false,
      },
      {
        id: 'facts',
        name: 'SEC EDGAR financial facts',
        description:
          'One XBRL concept of a company (e.g. us-gaap:NetIncomeLoss) over time, a point per period end date. Each value ' +
          'is the latest filed, or the latest filed by "As known on".',
        frames: ['timeseries'],
        querySchema: factsQuerySchema,
        streaming: false,
      },
      {
        id: 'facts-table',
        name: 'SEC EDGAR financial facts (table)',
        description:
          'The same facts with their filings: period start and end, value, fiscal year and period, form, filing date, ' +
          'accession. Optionally every filing of each value.',
        frames: ['table'],
        querySchema: factsTableQuerySchema,
        streaming: false,
      },
    ],
  },
};
