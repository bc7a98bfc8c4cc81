export { applyInputs, type InputMapping } from './apply-inputs.ts';
export { localIdOf, pluginOf } from './contribution-ref.ts';
export { type ExportOptions, exportTemplate, templateIdFrom } from './export-template.ts';
export { listTemplates, loadTemplate, templateInfo } from './gallery.ts';
export type { InstalledPlugin } from './installed-plugin.ts';
export { migrateTemplate, type TemplateMigration, templateFormatOf, templateMigrations } from './migrate-template.ts';
export { type ImportPlan, type MissingPanel, type PlanOptions, type PluginCheck, planImport } from './plan-import.ts';
export { pluginsUsed } from './plugins-used.ts';
export {
  type DashboardDiff,
  diffDashboards,
  type PanelChange,
  type PanelRef,
  type ValueChange,
} from './semantic-diff.ts';
export { canonicalJson, stringifyTemplate } from './stringify-template.ts';
export {
  CONTRIBUTION_REF_PATTERN,
  type DashboardTemplate,
  type DataSourceInput,
  type PluginRequirement,
  TEMPLATE_FORMAT_VERSION,
  TEMPLATE_ID_PATTERN,
  TEMPLATE_VERSION_PATTERN,
  type TemplateInfo,
  type TemplateInput,
  templateSchema,
  templateSchemaV1,
  type VariableInput,
} from './template.ts';
export { checkTemplate, type TemplateCheck, validateTemplate } from './validate-template.ts';
