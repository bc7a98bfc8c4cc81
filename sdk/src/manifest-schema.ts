import { FRAME_KINDS } from './frames.ts';
import type { JsonSchema } from './json-schema.ts';

const localId: JsonSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9-]{0,62}$',
  description: 'lower-case letters, digits and dashes, starting with a letter',
};
const text = (max: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max });
const anySchema: JsonSchema = { type: 'object', description: 'a JSON Schema object' };

/** JSON Schema of {@link PluginManifest}. Semver fields are checked by the host with a semver library too. */
export const pluginManifestSchema: JsonSchema = {
  $id: 'https://nautilus.dev/schemas/plugin-manifest.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'version', 'engine', 'description', 'contributes', 'permissions'],
  properties: {
    id: {
      type: 'string',
      pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$',
      maxLength: 100,
      description: 'namespaced id such as nautilus.sim-market',
    },
    name: text(100),
    version: { type: 'string', minLength: 5, maxLength: 64, description: 'a semver version such as 1.2.3' },
    engine: { type: 'string', minLength: 1, maxLength: 100, description: 'a semver range such as ^0.1.0' },
    description: text(2000),
    contributes: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dataSources: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name', 'frames', 'querySchema'],
            properties: {
              id: localId,
              name: text(100),
              description: text(2000),
              frames: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: FRAME_KINDS } },
              querySchema: anySchema,
              streaming: { type: 'boolean' },
              replay: { type: 'boolean' },
              instrumentSearch: {
                type: 'object',
                additionalProperties: false,
                required: ['param'],
                properties: { param: { type: 'string', minLength: 1, maxLength: 64 } },
              },
              connectionTest: {
                type: 'object',
                additionalProperties: false,
                required: ['params'],
                properties: { params: { type: 'object' } },
              },
            },
          },
        },
        widgets: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name', 'accepts', 'defaultSize', 'optionsSchema', 'bundle'],
            properties: {
              id: localId,
              name: text(100),
              description: text(2000),
              accepts: { type: 'array', uniqueItems: true, items: { enum: FRAME_KINDS } },
              defaultSize: {
                type: 'object',
                additionalProperties: false,
                required: ['w', 'h'],
                properties: {
                  w: { type: 'integer', minimum: 1, maximum: 24 },
                  h: { type: 'integer', minimum: 1, maximum: 100 },
                },
              },
              optionsSchema: anySchema,
              bundle: {
                type: 'string',
                pattern: '^(?!/)(?!.*\\.\\.)[A-Za-z0-9_./-]+\\.m?js$',
                description: 'path of an ES module inside the plugin package, such as dist/widgets.js',
              },
            },
          },
        },
        riskModels: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name', 'measures'],
            properties: {
              id: localId,
              name: text(100),
              description: text(2000),
              measures: { type: 'array', minItems: 1, items: text(40) },
            },
          },
        },
        stressTests: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name'],
            properties: { id: localId, name: text(100), description: text(2000) },
          },
        },
        computeKernels: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name', 'inputs', 'outputs'],
            properties: {
              id: localId,
              name: text(100),
              description: text(2000),
              inputs: { type: 'object', additionalProperties: { enum: ['f32', 'f64', 'u32', 'i32'] } },
              outputs: { type: 'object', additionalProperties: { enum: ['f32', 'f64', 'u32', 'i32'] } },
            },
          },
        },
      },
    },
    permissions: {
      type: 'object',
      additionalProperties: false,
      required: ['network', 'secrets'],
      properties: {
        network: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', pattern: '^(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*(:[0-9]{1,5})?$' },
        },
        secrets: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' } },
        dataSources: {
          type: 'array',
          uniqueItems: true,
          maxItems: 100,
          items: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+/[a-z][a-z0-9-]*$' },
        },
        rateLimits: {
          type: 'array',
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['host', 'requests', 'perSeconds'],
            properties: {
              host: { type: 'string', pattern: '^(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*(:[0-9]{1,5})?$' },
              requests: { type: 'integer', minimum: 1, maximum: 100000 },
              perSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 86400 },
            },
          },
        },
      },
    },
  },
};
