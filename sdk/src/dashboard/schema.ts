import type { JsonSchema } from '../json-schema.ts';
import { DASHBOARD_SCHEMA_VERSION, GRID_COLUMNS, REFRESH_INTERVALS } from './document.ts';

const name: JsonSchema = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' };

/**
 * JSON Schema of the current {@link DashboardDocument}. Rules that span fields (unique panel ids,
 * `x + w <= 24`, defined variables) are in `checkDashboard`.
 */
export const dashboardSchema: JsonSchema = {
  $id: 'https://nautilus.dev/schemas/dashboard-v1.json',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'title', 'tags', 'variables', 'timeRange', 'refresh', 'panels'],
  properties: {
    schemaVersion: { const: DASHBOARD_SCHEMA_VERSION },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 5000 },
    // Optional provenance (see DashboardTemplateRef); the id pattern is the templates package's.
    template: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'version'],
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 },
        version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$', maxLength: 32 },
      },
    },
    tags: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 40 } },
    variables: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type', 'default'],
        properties: {
          name,
          label: { type: 'string', maxLength: 100 },
          type: { enum: ['instrument', 'custom', 'text'] },
          options: { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 200 } },
          default: { type: 'string', maxLength: 200 },
        },
      },
    },
    timeRange: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: {
        from: { type: 'string', minLength: 1, maxLength: 40 },
        to: { type: 'string', minLength: 1, maxLength: 40 },
      },
    },
    refresh: { enum: REFRESH_INTERVALS },
    panels: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'pluginVersion', 'title', 'gridPos', 'options'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          type: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+/[a-z][a-z0-9-]*$' },
          pluginVersion: { type: 'string', minLength: 5, maxLength: 64 },
          title: { type: 'string', maxLength: 200 },
          gridPos: {
            type: 'object',
            additionalProperties: false,
            required: ['x', 'y', 'w', 'h'],
            properties: {
              x: { type: 'integer', minimum: 0, maximum: GRID_COLUMNS - 1 },
              y: { type: 'integer', minimum: 0, maximum: 10_000 },
              w: { type: 'integer', minimum: 1, maximum: GRID_COLUMNS },
              h: { type: 'integer', minimum: 1, maximum: 100 },
            },
          },
          query: {
            type: 'object',
            additionalProperties: false,
            required: ['dataSource', 'params'],
            properties: {
              dataSource: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+/[a-z][a-z0-9-]*$' },
              params: { type: 'object' },
            },
          },
          transforms: {
            type: 'array',
            maxItems: 20,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['indicator'],
              properties: {
                indicator: { type: 'string', pattern: '^[a-z][a-z0-9]{0,31}$' },
                params: { type: 'object', additionalProperties: { type: 'number' } },
              },
            },
          },
          options: { type: 'object' },
        },
      },
    },
  },
};
