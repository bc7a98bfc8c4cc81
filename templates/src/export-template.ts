import type { DashboardDocument } from '@nautilus/sdk';
import type { InstalledPlugin } from './installed-plugin.ts';
import { dataSourceInputNames, dataSourcesUsed, pluginsUsed } from './plugins-used.ts';
import type { DashboardTemplate, PluginRequirement, TemplateInput } from './template.ts';
import { TEMPLATE_FORMAT_VERSION } from './template.ts';

export interface ExportOptions {
  /** Kebab-case; default: the id of the template the dashboard came from, else one made from its title. */
  id?: string | undefined;
  /** Default: the version of the template it came from, else 1.0.0. */
  version?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
}

/**
 * A dashboard as a template: its data sources and variables become typed inputs (defaults as they
 * are now), the plugins its panels use a lockfile (`requires`: a caret range on the installed version,
 * that version and its manifest digest). Pure: the same dashboard and plugins give the same template,
 * and `stringifyTemplate` the same bytes.
 * @example stringifyTemplate(exportTemplate(record.document, catalog))
 */
export function exportTemplate(
  dashboard: DashboardDocument,
  installed: readonly InstalledPlugin[],
  options: ExportOptions = {},
): DashboardTemplate {
  const plugins = new Map(installed.map((plugin) => [plugin.id, plugin]));
  const { template: provenance, ...document } = structuredClone(dashboard);
  const refs = dataSourcesUsed(document);
  const names = dataSourceInputNames(
    refs,
    document.variables.map((variable) => variable.name),
  );
  const sourceInputs: TemplateInput[] = refs.map((ref) => {
    const slash = ref.lastIndexOf('/');
    const source = plugins.get(ref.slice(0, slash))?.dataSources.find((candidate) => candidate.id === ref.slice(slash + 1));
    return {
      type: 'dataSource',
      name: names.get(ref) as string,
      label: cut(source?.name ?? ref, 100),
      frames: source ? [...source.frames].sort() : [],
      default: ref,
    };
  });
  const variableInputs: TemplateInput[] = document.variables.map((variable) => ({
    type: 'variable',
    name: variable.name,
    label: cut(variable.label || variable.name, 100),
    default: variable.default,
  }));
  const requires: PluginRequirement[] = pluginsUsed(document).map(({ plugin, panelVersion }) => {
    const present = plugins.get(plugin);
    const version = present?.version ?? panelVersion;
    return { plugin, range: version ? `^${version}` : '*', version, digest: present?.version ? present.digest : null };
  });
  return {
    templateVersion: TEMPLATE_FORMAT_VERSION,
    id: options.id ?? provenance?.id ?? templateIdFrom(document.title),
    version: options.version ?? provenance?.version ?? '1.0.0',
    name: cut(options.name ?? document.title, 100),
    description: cut(options.description ?? document.description ?? '', 2000),
    inputs: [...sourceInputs, ...variableInputs],
    requires,
    dashboard: document,
  };
}

/**
 * A kebab-case template id made from a title.
 * @example templateIdFrom('FX: majors & crosses') // 'fx-majors-crosses'
 */
export function templateIdFrom(title: string): string {
  const id = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 64)
    .replace(/^-+|-+$/g, '');
  return id || 'dashboard';
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
