export { listTemplates, loadTemplate } from './gallery.ts';
export { instantiateTemplate } from './instantiate-template.ts';
export {
  type DashboardTemplate,
  TEMPLATE_ID_PATTERN,
  type TemplateInfo,
  type TemplateInput,
  templateFileSchema,
} from './template.ts';
export { validateTemplate } from './validate-template.ts';
