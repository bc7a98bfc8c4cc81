import { type DashboardDocument, type FieldIssue, NautilusError } from '@nautilus/sdk';
import {
  checkTemplate,
  type DashboardDiff,
  type DashboardTemplate,
  diffDashboards,
  type ExportOptions,
  exportTemplate,
  type InputMapping,
  listTemplates,
  loadTemplate,
  type MissingPanel,
  type PluginCheck,
  planImport,
  stringifyTemplate,
  type TemplateInfo,
  templateInfo,
} from '@nautilus/templates';
import type { Kysely } from 'kysely';
import semver from 'semver';
import { createDashboard, getDashboard, saveDashboard } from '../dashboards/dashboard-store.ts';
import type { Tables } from '../db/tables.ts';
import type { PluginStatus } from '../plugins/plugin-registry.ts';
import type { InitialAccess } from '../sharing/grants.ts';
import { type Actor, requirePermission } from '../sharing/permissions.ts';
import { checkPanelParams } from './check-panel-params.ts';
import { installedPlugins } from './installed-plugins.ts';
import { dashboardsFromTemplate, type TemplatedDashboard } from './template-provenance.ts';

/** What a template importer is told before anything is written. */
export interface DryRun {
  /** True when nothing is in `errors`: importing would create (or replace) `dashboard`. */
  ok: boolean;
  template: (TemplateInfo & { migratedFrom: number }) | null;
  /** The document that would be stored; null when the file itself is invalid. */
  dashboard: DashboardDocument | null;
  plugins: PluginCheck[];
  /** Panels kept with their widget type that draw once their plugin is installed. */
  missingPanels: MissingPanel[];
  /** By field: `template.dashboard.panels[0].gridPos.w`, `mapping.bars`, `replace.dashboardId`. */
  errors: FieldIssue[];
  /** `dashboard.*` paths name a field of `dashboard` (the document that would be stored), others the input's. */
  warnings: FieldIssue[];
  /** Dashboards made from this template that the caller may edit, each with what replacing it would change. */
  existing: (TemplatedDashboard & { diff: DashboardDiff })[];
}

export interface ImportRequest {
  /** The parsed template file, of any known format. */
  template: unknown;
  mapping?: InputMapping | undefined;
  /** Save the result as a new version of this dashboard (made from the same template) instead of creating one. */
  replace?: { dashboardId: string; baseVersion: number } | undefined;
  access?: InitialAccess | undefined;
  folder?: string | null | undefined;
}

export interface ImportResult {
  id: string;
  version: number;
  title: string;
  replaced: boolean;
  missingPanels: MissingPanel[];
  plugins: PluginCheck[];
  warnings: FieldIssue[];
}

/**
 * Templates on this server: the gallery, exports of stored dashboards, and imports planned (dry run)
 * then carried out through the dashboard store (one transaction to create; a new version with the
 * store's conflict check to replace). The format itself (export, migrate, validate, map, diff) is the
 * templates package's; this adds the database, the caller's permissions and the installed plugins.
 */
export class TemplateService {
  readonly #db: Kysely<Tables>;
  readonly #plugins: () => PluginStatus[];

  constructor(db: Kysely<Tables>, plugins: () => PluginStatus[]) {
    this.#db = db;
    this.#plugins = plugins;
  }

  /** Every gallery template's metadata, by name. */
  gallery(): Promise<TemplateInfo[]> {
    return listTemplates();
  }

  /** A stored dashboard as a template file (the same bytes for the same dashboard and plugins). Needs view. */
  async export(actor: Actor, dashboardId: string, options: ExportOptions = {}): Promise<{ fileName: string; text: string }> {
    await requirePermission(this.#db, actor, 'dashboard', dashboardId, 'view');
    const { document } = await getDashboard(this.#db, dashboardId);
    const template = exportTemplate(document, installedPlugins(this.#plugins()), options);
    return { fileName: `${template.id}.json`, text: stringifyTemplate(template) };
  }

  /** What importing would do; never writes, and answers a bad file with its errors rather than throwing. */
  async dryRun(
    actor: Actor,
    request: { template: unknown; mapping?: InputMapping | undefined; replace?: { dashboardId: string } | undefined },
  ): Promise<DryRun> {
    const checked = checkTemplate(request.template);
    if (!checked.ok) {
      return {
        ok: false,
        template: null,
        dashboard: null,
        plugins: [],
        missingPanels: [],
        errors: checked.issues.map((issue) => ({ ...issue, path: issue.path ? `template.${issue.path}` : 'template' })),
        warnings: [],
        existing: [],
      };
    }
    const { template } = checked;
    const statuses = this.#plugins();
    const plan = planImport(template, request.mapping ?? {}, installedPlugins(statuses), { satisfies: semver.satisfies });
    const errors = plan.errors.map(prefixDashboardIssue);
    const warnings = [...plan.warnings.map(prefixDashboardIssue), ...(plan.ok ? checkPanelParams(plan.dashboard, statuses) : [])];
    const existing = await Promise.all(
      (await dashboardsFromTemplate(this.#db, actor, template.id, template.version)).map(async (dashboard) => ({
        ...dashboard,
        diff: diffDashboards((await getDashboard(this.#db, dashboard.id)).document, plan.dashboard),
      })),
    );
    if (request.replace) {
      const target = existing.find((dashboard) => dashboard.id === request.replace?.dashboardId);
      if (!target) {
        errors.push({
          path: 'replace.dashboardId',
          message: `is not a dashboard made from template '${template.id}' that you may edit; import it as a new dashboard instead`,
        });
      } else if (!target.newer) {
        warnings.push({
          path: 'template.version',
          message: `${template.version} is not newer than ${target.templateVersion}, which '${target.title}' was made from`,
        });
      }
    }
    return {
      ok: errors.length === 0,
      template: { ...templateInfo(template), migratedFrom: checked.migratedFrom },
      dashboard: plan.dashboard,
      plugins: plan.plugins,
      missingPanels: plan.missingPanels,
      errors,
      warnings,
      existing,
    };
  }

  /**
   * Imports: refused whole (VALIDATION, by field) if the dry run has errors; otherwise creates the
   * dashboard in one transaction, or saves it as a new version of `replace.dashboardId` over
   * `replace.baseVersion` (CONFLICT if someone saved since). Panels of missing plugins are kept and listed.
   */
  async import(actor: Actor, request: ImportRequest): Promise<ImportResult> {
    const plan = await this.dryRun(actor, request);
    if (!plan.ok || !plan.dashboard || !plan.template) throw NautilusError.validation('template import', plan.errors);
    const { template, dashboard } = { template: plan.template, dashboard: plan.dashboard };
    const outcome = { title: dashboard.title, missingPanels: plan.missingPanels, plugins: plan.plugins, warnings: plan.warnings };
    if (request.replace) {
      await requirePermission(this.#db, actor, 'dashboard', request.replace.dashboardId, 'edit');
      const saved = await saveDashboard(this.#db, actor.id, {
        id: request.replace.dashboardId,
        baseVersion: request.replace.baseVersion,
        document: dashboard,
        message: `Replaced from template ${template.id} ${template.version}`,
      });
      return { ...saved, ...outcome, replaced: true };
    }
    const created = await createDashboard(this.#db, actor.id, dashboard, { access: request.access, folder: request.folder });
    return { ...created, ...outcome, replaced: false };
  }

  /** Creates a dashboard from a gallery template (one click: every input at its default unless mapped). */
  async instantiate(
    actor: Actor,
    request: {
      id: string;
      mapping?: InputMapping | undefined;
      access?: InitialAccess | undefined;
      folder?: string | null | undefined;
    },
  ): Promise<ImportResult> {
    const template: DashboardTemplate = await loadTemplate(request.id);
    return this.import(actor, { template, mapping: request.mapping, access: request.access, folder: request.folder });
  }
}

/** Dashboard issues from planning name the field of the import's input (`template.dashboard…`), mapping issues stay. */
function prefixDashboardIssue(issue: FieldIssue): FieldIssue {
  return issue.path.startsWith('dashboard') || issue.path.startsWith('requires')
    ? { ...issue, path: `template.${issue.path}` }
    : issue;
}
