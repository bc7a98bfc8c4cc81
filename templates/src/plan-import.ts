import type { DashboardDocument, FieldIssue } from '@nautilus/sdk';
import { applyInputs, type InputMapping } from './apply-inputs.ts';
import { localIdOf, pluginOf } from './contribution-ref.ts';
import { joinFieldPath } from './field-path.ts';
import type { InstalledPlugin } from './installed-plugin.ts';
import { pluginsUsed } from './plugins-used.ts';
import type { DashboardTemplate } from './template.ts';

/** How a plugin the imported dashboard needs stands on this server. */
export interface PluginCheck {
  plugin: string;
  range: string;
  /** The version the template was exported with. */
  exportedVersion: string | null;
  installedVersion: string | null;
  status: 'ok' | 'missing' | 'failed' | 'incompatible';
  message: string;
}

/** A panel that will not draw until a plugin is installed (or fixed); it keeps its widget type and query. */
export interface MissingPanel {
  id: string;
  title: string;
  type: string;
  reasons: string[];
}

/** What importing would do, without doing it. */
export interface ImportPlan {
  /** True when nothing in `errors`: importing creates `dashboard`. */
  ok: boolean;
  dashboard: DashboardDocument;
  plugins: PluginCheck[];
  missingPanels: MissingPanel[];
  /** Refuse the import: each names the field (`mapping.bars`, `dashboard.variables[0].default`). */
  errors: FieldIssue[];
  /** Imported anyway, but worth knowing (a manifest changed since export, a query the source will refuse). */
  warnings: FieldIssue[];
}

export interface PlanOptions {
  /** Whether `version` is in the semver `range` (core passes semver's; this package has no semver dependency). */
  satisfies(version: string, range: string): boolean;
}

/**
 * Plans an import on this server: applies the mapping, checks each mapped data source exists and
 * returns a frame kind the input needs, checks each plugin the result uses against the template's
 * range, and lists the panels that lack a plugin (they are kept, not dropped).
 * @example planImport(template, { bars: 'nautilus.core/bars' }, installed, { satisfies: semver.satisfies })
 */
export function planImport(
  template: DashboardTemplate,
  mapping: InputMapping,
  installed: readonly InstalledPlugin[],
  options: PlanOptions,
): ImportPlan {
  const { dashboard, issues } = applyInputs(template, mapping);
  const errors = [...issues];
  const warnings: FieldIssue[] = [];
  const byId = new Map(installed.map((plugin) => [plugin.id, plugin]));

  for (const input of template.inputs) {
    if (input.type !== 'dataSource' || !Object.hasOwn(mapping, input.name)) continue;
    const target = mapping[input.name] as string;
    const path = joinFieldPath('mapping', input.name);
    if (errors.some((issue) => issue.path === path)) continue;
    const plugin = byId.get(pluginOf(target));
    const source = plugin?.dataSources.find((candidate) => candidate.id === localIdOf(target));
    if (plugin?.state !== 'active' || !source) {
      errors.push({ path, message: `no data source '${target}' is installed and running here; pick one this server lists` });
    } else if (input.frames.length > 0 && !source.frames.some((frame) => input.frames.includes(frame))) {
      errors.push({
        path,
        message: `'${target}' returns ${source.frames.join(', ') || 'no frames'}; this input needs ${input.frames.join(' or ')}`,
      });
    }
  }

  const requirements = new Map(template.requires.map((requirement) => [requirement.plugin, requirement]));
  const plugins = pluginsUsed(dashboard).map(({ plugin }): PluginCheck => {
    const requirement = requirements.get(plugin);
    const range = requirement?.range ?? '*';
    const present = byId.get(plugin);
    const base = { plugin, range, exportedVersion: requirement?.version ?? null, installedVersion: present?.version ?? null };
    if (!present)
      return { ...base, status: 'missing', message: `${plugin} is not installed; install it (${range}) and its panels draw` };
    if (present.state !== 'active')
      return { ...base, status: 'failed', message: `${plugin} is installed but failed to load; see the Plugins page` };
    if (!present.version || !rangeHolds(options, present.version, range)) {
      return {
        ...base,
        status: 'incompatible',
        message: `${plugin} ${present.version ?? '?'} is installed; the template needs ${range}`,
      };
    }
    if (
      requirement?.digest &&
      present.digest &&
      requirement.version === present.version &&
      requirement.digest !== present.digest
    ) {
      warnings.push({
        path: `requires[${template.requires.indexOf(requirement)}].digest`,
        message: `${plugin} ${present.version} here declares other contributions than the one the template was exported with`,
      });
    }
    return { ...base, status: 'ok', message: `${plugin} ${present.version} satisfies ${range}` };
  });

  const status = new Map(plugins.map((check) => [check.plugin, check]));
  const missingPanels: MissingPanel[] = [];
  for (const panel of dashboard.panels) {
    const reasons: string[] = [];
    const widgetPlugin = status.get(pluginOf(panel.type));
    if (widgetPlugin && widgetPlugin.status !== 'ok') reasons.push(widgetPlugin.message);
    else if (!byId.get(pluginOf(panel.type))?.widgets.includes(localIdOf(panel.type))) {
      reasons.push(`${pluginOf(panel.type)} has no widget '${localIdOf(panel.type)}'`);
    }
    if (panel.query) {
      const sourcePlugin = status.get(pluginOf(panel.query.dataSource));
      if (sourcePlugin && sourcePlugin.status !== 'ok' && !reasons.includes(sourcePlugin.message))
        reasons.push(sourcePlugin.message);
      else if (
        sourcePlugin?.status === 'ok' &&
        !byId
          .get(pluginOf(panel.query.dataSource))
          ?.dataSources.some((source) => source.id === localIdOf(panel.query?.dataSource ?? ''))
      ) {
        reasons.push(`${pluginOf(panel.query.dataSource)} has no data source '${localIdOf(panel.query.dataSource)}'`);
      }
    }
    if (reasons.length > 0) missingPanels.push({ id: panel.id, title: panel.title || panel.id, type: panel.type, reasons });
  }
  return { ok: errors.length === 0, dashboard, plugins, missingPanels, errors, warnings };
}

/** An unparseable range (a hand-edited file) holds nothing, rather than failing the plan. */
function rangeHolds(options: PlanOptions, version: string, range: string): boolean {
  try {
    return options.satisfies(version, range);
  } catch {
    return false;
  }
}
