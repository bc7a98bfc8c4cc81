import type { DashboardDocument, JsonSchema } from '@nautilus/sdk';

/**
 * A value asked of the user when a dashboard is created from a template (Grafana's `__inputs`). It
 * becomes the default of the dashboard variable of the same name.
 */
export interface TemplateInput {
  name: string;
  label: string;
  default: string;
}

/** What the gallery shows about a template. `id` is also its file name in `gallery/`. */
export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  inputs: TemplateInput[];
}

/** A gallery file: template metadata around a portable dashboard document. */
export interface DashboardTemplate {
  template: TemplateInfo;
  dashboard: DashboardDocument;
}

/** Kebab-case, so an id is always a safe file name. */
export const TEMPLATE_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** JSON Schema of a template file; the `dashboard` inside is checked against the sdk's `dashboardSchema`. */
export const templateFileSchema: JsonSchema = {
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
            properties: {
              name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
              label: { type: 'string', minLength: 1, maxLength: 100 },
              default: { type: 'string', maxLength: 200 },
            },
          },
        },
      },
    },
    // Any object: migrateDashboard brings older shapes up to date before the dashboard schema applies.
    dashboard: { type: 'object' },
  },
};
