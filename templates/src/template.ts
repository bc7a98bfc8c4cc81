import { type DashboardDocument, FRAME_KINDS, type FrameKind } from '@nautilus/sdk';
import type { SchemaObject } from 'ajv';

/** The version of the template format this package writes; older files are migrated (see migrate-template.ts). */
export const TEMPLATE_FORMAT_VERSION = 2;

/** Kebab-case, so an id is always a safe file name. */
export const TEMPLATE_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** A template's own version: plain `major.minor.patch`, compared to tell a newer template from an older one. */
export const TEMPLATE_VERSION_PATTERN = '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$';

/** `<pluginId>/<contribution id>`, as panel types and query data sources are written. */
export const CONTRIBUTION_REF_PATTERN = '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+/[a-z][a-z0-9-]*$';

/**
 * A data source the template's panels query. Every panel whose `query.dataSource` equals `default`
 * reads from it; importing maps it to a local source that returns one of `frames` (any, when empty:
 * a file migrated from format 1 does not say).
 */
export interface DataSourceInput {
  type: 'dataSource';
  name: string;
  label: string;
  frames: FrameKind[];
  /** The `<pluginId>/<source>` it was exported with, used when the importer maps nothing. */
  default: string;
}

/** A dashboard variable (`$name` in queries); the value given on import becomes its default. */
export interface VariableInput {
  type: 'variable';
  name: string;
  label: string;
  default: string;
}

export type TemplateInput = DataSourceInput | VariableInput;

/**
 * One plugin the template uses, a lockfile entry: the range it works with, and the version and
 * manifest digest it was exported with (null when unknown, e.g. migrated from format 1).
 */
export interface PluginRequirement {
  plugin: string;
  range: string;
  version: string | null;
  digest: string | null;
}

/** A template file in the current format (2). The dashboard inside never carries `template` provenance. */
export interface DashboardTemplate {
  templateVersion: typeof TEMPLATE_FORMAT_VERSION;
  id: string;
  version: string;
  name: string;
  description: string;
  inputs: TemplateInput[];
  requires: PluginRequirement[];
  dashboard: DashboardDocument;
}

/** What the gallery shows about a template. `id` is also its file name in `gallery/`. */
export interface TemplateInfo {
  id: string;
  version: string;
  name: string;
  description: string;
  inputs: TemplateInput[];
  requires: PluginRequirement[];
  panelCount: number;
}

const inputName: SchemaObject = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' };
const label: SchemaObject = { type: 'string', minLength: 1, maxLength: 100 };

/** JSON Schema of a format-2 template file; the `dashboard` inside is checked against the sdk's `dashboardSchema`. */
export const templateSchema: SchemaObject = {
  $id: 'https://nautilus.dev/schemas/dashboard-template-v2.json',
  type: 'object',
  additionalProperties: false,
  required: ['templateVersion', 'id', 'version', 'name', 'description', 'inputs', 'requires', 'dashboard'],
  properties: {
    templateVersion: { const: TEMPLATE_FORMAT_VERSION },
    id: { type: 'string', pattern: TEMPLATE_ID_PATTERN, maxLength: 64 },
    version: { type: 'string', pattern: TEMPLATE_VERSION_PATTERN, maxLength: 32 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', maxLength: 2000 },
    inputs: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: ['dataSource', 'variable'] } },
        // Discriminated by `type`, so an error names the fields of the kind the input says it is.
        if: { properties: { type: { const: 'dataSource' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
        then: {
          additionalProperties: false,
          required: ['type', 'name', 'label', 'frames', 'default'],
          properties: {
            type: { const: 'dataSource' },
            name: inputName,
            label,
            frames: {
              type: 'array',
              maxItems: FRAME_KINDS.length,
              uniqueItems: true,
              // Every kind the sdk knows (order books included), so a new kind needs no change here.
              items: { enum: [...FRAME_KINDS] },
            },
            default: { type: 'string', pattern: CONTRIBUTION_REF_PATTERN, maxLength: 200 },
          },
        },
        else: {
          additionalProperties: false,
          required: ['type', 'name', 'label', 'default'],
          properties: {
            type: { const: 'variable' },
            name: inputName,
            label,
            default: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    requires: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['plugin', 'range', 'version', 'digest'],
        properties: {
          plugin: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$', maxLength: 100 },
          range: { type: 'string', pattern: '^[0-9A-Za-z.^~<>=*|+ -]{1,100}$' },
          version: { type: ['string', 'null'], minLength: 5, maxLength: 64 },
          digest: { type: ['string', 'null'], pattern: '^sha256:[0-9a-f]{64}$' },
        },
      },
    },
    // Any object: migrateDashboard brings older shapes up to date before the dashboard schema applies.
    dashboard: { type: 'object' },
  },
};

/** JSON Schema of a format-1 file (the first gallery format): metadata around a dashboard, inputs naming variables. */
export const templateSchemaV1: SchemaObject = {
  $id: 'https://nautilus.dev/schemas/dashboard-template-v1.json',
  type: 'object',
  additionalProperties: false,
  required: ['template', 'dashboard'],
  properties: {
    template: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'description', 'inputs'],
      properties: {
        id: { type: 'string', pattern: TEMPLATE_ID_PATTERN, maxLength: 64 },
        name: { type: 'string', minLength: 1, maxLength: 100 },
        description: { type: 'string', maxLength: 1000 },
        inputs: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'label', 'default'],
            properties: { name: inputName, label, default: { type: 'string', maxLength: 200 } },
          },
        },
      },
    },
    dashboard: { type: 'object' },
  },
};
