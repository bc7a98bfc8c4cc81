import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../plugin.ts';
import { manifestIssues } from './manifest-issues.ts';
import { schemaIssues } from './schema-issues.ts';

describe('schemaIssues', () => {
  const schema = {
    type: 'object',
    required: ['symbol', 'timeframe'],
    additionalProperties: false,
    properties: {
      symbol: { type: 'string', minLength: 1, maxLength: 5, pattern: '^[A-Z]+$' },
      timeframe: { enum: ['1m', '1d'] },
      count: { type: 'integer', minimum: 1, exclusiveMaximum: 10 },
      tags: { type: 'array', maxItems: 2, uniqueItems: true, items: { type: 'string' } },
      side: { anyOf: [{ const: 'buy' }, { const: 'sell' }] },
    },
  } as const;

  it('accepts a value that keeps every rule', () => {
    expect(schemaIssues(schema, { symbol: 'ACME', timeframe: '1d', count: 9, tags: ['a'], side: 'buy' }, 'params')).toEqual([]);
  });

  it('names each broken rule by its field path', () => {
    expect(
      schemaIssues(schema, { symbol: 'acme', count: 10.5, tags: ['a', 'a', 3], side: 'hold', extra: true }, 'params'),
    ).toEqual([
      { path: 'params.timeframe', message: 'is required' },
      { path: 'params.symbol', message: 'must match ^[A-Z]+$' },
      { path: 'params.count', message: 'must be an integer' },
      { path: 'params.tags', message: 'must have at most 2 items' },
      { path: 'params.tags', message: 'must not repeat an item' },
      { path: 'params.tags[2]', message: 'must be a string' },
      { path: 'params.side', message: 'must match one of the schemas in anyOf' },
      { path: 'params.extra', message: 'is not an allowed field' },
    ]);
    expect(schemaIssues(schema, { symbol: 'ABCDEF', timeframe: '5m', count: 10 }, 'params')).toEqual([
      { path: 'params.symbol', message: 'must have at most 5 characters' },
      { path: 'params.timeframe', message: 'must be one of "1m", "1d"' },
      { path: 'params.count', message: 'must be < 10' },
    ]);
    expect(schemaIssues(schema, [], 'params')).toEqual([{ path: 'params', message: 'must be an object' }]);
  });
});

describe('manifestIssues', () => {
  const manifest: PluginManifest = {
    id: 'acme.rates',
    name: 'Rates',
    version: '1.0.0-beta.1',
    engine: '>=0.1.0 <0.3.0 || ^1.0.0',
    description: 'Policy rates',
    contributes: { dataSources: [{ id: 'rates', name: 'Rates', frames: ['timeseries'], querySchema: { type: 'object' } }] },
    permissions: { network: ['api.acme.example'], secrets: ['ACME_TOKEN'], rateLimits: [] },
  };

  it('accepts a valid manifest', () => {
    expect(manifestIssues(manifest)).toEqual([]);
  });

  it('finds what the schema alone cannot: the version, duplicate ids, limits on undeclared hosts', () => {
    const source = manifest.contributes.dataSources![0]!;
    expect(
      manifestIssues({
        ...manifest,
        version: '1.0.0.0',
        contributes: { dataSources: [source, source] },
        permissions: { ...manifest.permissions, rateLimits: [{ host: 'other.example', requests: 1, perSeconds: 1 }] },
      }),
    ).toEqual([
      { path: 'manifest.version', message: "'1.0.0.0' is not a semver version" },
      {
        path: 'manifest.permissions.rateLimits[0].host',
        message: "'other.example' is not in permissions.network; a limit applies to a declared host, written the same way",
      },
      { path: 'manifest.contributes.dataSources[1].id', message: "duplicate id 'rates'" },
    ]);
  });
});
