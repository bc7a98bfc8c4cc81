import { basename } from 'node:path';
import {
  type DataSourceDescriptor,
  type FieldIssue,
  NautilusError,
  type PluginContributions,
  type PluginDefinition,
  type PluginManifest,
  type RiskModel,
  type StressTest,
  type WidgetDescriptor,
} from '@nautilus/sdk';
import type { PluginSource } from './discover-plugins.ts';
import type { IsolationReport } from './isolation/enforcement.ts';
import type { RateBudget } from './plugin-fetch.ts';
import { declaredManifest } from './plugin-loader.ts';
import type { ResolvedSource } from './query-gateway.ts';

/** What `plugins.list` shows of one plugin. */
export interface PluginStatus {
  id: string;
  name: string;
  version: string | null;
  description: string;
  dir: string;
  source: PluginSource;
  state: 'active' | 'failed';
  error: { code: string; message: string; fields: FieldIssue[] } | null;
  loadMs: number;
  contributes: PluginManifest['contributes'];
  permissions: PluginManifest['permissions'] | null;
  /** Where it runs and what confines it there, part by part. */
  isolation: IsolationReport | null;
  /** Times its process was restarted after stopping (a crash, memory, a hang) since it was loaded. */
  restarts: number;
}

/** A plugin whose setup succeeded: what it declared and what implements it. */
export interface ActivePlugin {
  dir: string;
  definition: PluginDefinition;
  manifest: PluginManifest;
  contributions: PluginContributions;
  /** Its `ctx.fetch`'s rate-limit windows as they stand. */
  budget: () => RateBudget[];
}

/**
 * What is loaded: every plugin's status (active or failed, and why) and the active plugins'
 * contributions, found by reference `<pluginId>/<id>`. The host changes it; everything else reads it.
 */
export class PluginRegistry {
  readonly #statuses: PluginStatus[] = [];
  readonly #active = new Map<string, ActivePlugin>();

  active(id: string): ActivePlugin | undefined {
    return this.#active.get(id);
  }

  activePlugins(): [string, ActivePlugin][] {
    return [...this.#active.entries()];
  }

  setActive(id: string, plugin: ActivePlugin): void {
    this.#active.set(id, plugin);
  }

  /** True when a plugin with this id is active or was recorded (even failed): ids are unique. */
  taken(id: string): boolean {
    return this.#active.has(id) || this.#statuses.some((status) => status.id === id);
  }

  /** Forgets a plugin and its status; answers what was active, for its teardown. */
  forget(id: string): ActivePlugin | undefined {
    const plugin = this.#active.get(id);
    this.#active.delete(id);
    for (let index = this.#statuses.length - 1; index >= 0; index--) {
      if (this.#statuses[index]?.id === id) this.#statuses.splice(index, 1);
    }
    return plugin;
  }

  clearActive(): void {
    this.#active.clear();
  }

  /** The latest status recorded for a folder. */
  statusOf(dir: string): PluginStatus | undefined {
    const status = this.#statuses.findLast((item) => item.dir === dir);
    return status && structuredClone(status);
  }

  /** Every declared contribution of a kind, with its global reference `<pluginId>/<id>`. */
  contributions<K extends 'riskModels' | 'stressTests' | 'computeKernels'>(
    kind: K,
  ): { ref: string; pluginId: string; descriptor: NonNullable<PluginManifest['contributes'][K]>[number] }[] {
    return [...this.#active.values()].flatMap(({ manifest }) =>
      (manifest.contributes[kind] ?? []).map((descriptor) => ({
        ref: `${manifest.id}/${descriptor.id}`,
        pluginId: manifest.id,
        descriptor,
      })),
    );
  }

  /** A risk model by reference; NOT_FOUND names what is installed. */
  riskModel(ref: string): RiskModel {
    const model = this.contribution(ref, 'riskModels');
    if (!model) throw this.#missing(ref, 'risk model', 'riskModels');
    return model;
  }

  /** A stress test by reference; NOT_FOUND names what is installed. */
  stressTest(ref: string): StressTest {
    const test = this.contribution(ref, 'stressTests');
    if (!test) throw this.#missing(ref, 'stress test', 'stressTests');
    return test;
  }

  contribution<K extends 'riskModels' | 'stressTests' | 'computeKernels'>(
    ref: string,
    kind: K,
  ): NonNullable<PluginContributions[K]>[string] | undefined {
    const slash = ref.lastIndexOf('/');
    const plugin = this.#active.get(ref.slice(0, slash));
    return plugin?.contributions[kind]?.[ref.slice(slash + 1)] as NonNullable<PluginContributions[K]>[string] | undefined;
  }

  #missing(ref: string, what: string, kind: 'riskModels' | 'stressTests'): NautilusError {
    const available = this.contributions(kind).map((item) => item.ref);
    return new NautilusError(
      'NOT_FOUND',
      `No ${what} ${ref} is loaded; available: ${available.join(', ') || 'none (install a risk plugin)'}.`,
      { fields: [{ path: kind === 'riskModels' ? 'model' : 'stressTest', message: `unknown ${what} ${ref}` }] },
    );
  }

  list(): PluginStatus[] {
    return this.#statuses.map((status) => structuredClone(status));
  }

  /** Every data source of every active plugin, with its global reference `<pluginId>/<id>`. */
  dataSources(): { ref: string; pluginId: string; descriptor: DataSourceDescriptor }[] {
    return [...this.#active.values()].flatMap(({ manifest }) =>
      (manifest.contributes.dataSources ?? []).map((descriptor) => ({
        ref: `${manifest.id}/${descriptor.id}`,
        pluginId: manifest.id,
        descriptor,
      })),
    );
  }

  /** Every widget of every active plugin, with its panel type `<pluginId>/<id>` and bundle URL. */
  widgets(): { type: string; pluginId: string; pluginVersion: string; bundleUrl: string; descriptor: WidgetDescriptor }[] {
    return [...this.#active.values()].flatMap(({ manifest }) =>
      (manifest.contributes.widgets ?? []).map((descriptor) => ({
        type: `${manifest.id}/${descriptor.id}`,
        pluginId: manifest.id,
        pluginVersion: manifest.version,
        // The version in the URL lets browsers cache a bundle until the plugin is upgraded.
        bundleUrl: `/plugins/${manifest.id}/${descriptor.bundle}?v=${encodeURIComponent(manifest.version)}`,
        descriptor,
      })),
    );
  }

  resolveDataSource(ref: string): ResolvedSource {
    const slash = ref.lastIndexOf('/');
    const pluginId = ref.slice(0, slash);
    const localId = ref.slice(slash + 1);
    const plugin = this.#active.get(pluginId);
    if (!plugin) {
      const failed = this.#statuses.find((status) => status.id === pluginId);
      const why = failed?.error
        ? `plugin ${pluginId} failed to load: ${failed.error.message}`
        : `no plugin ${pluginId} is installed`;
      throw new NautilusError('NOT_FOUND', `Data source ${ref} is not available: ${why}.`, { plugin: pluginId });
    }
    const descriptor = plugin.manifest.contributes.dataSources?.find((item) => item.id === localId);
    const implementation = plugin.contributions.dataSources?.[localId];
    if (!descriptor || !implementation) {
      throw new NautilusError(
        'NOT_FOUND',
        `Plugin ${pluginId} has no data source '${localId}'; see plugins.list for what it offers.`,
        { plugin: pluginId },
      );
    }
    return { pluginId, descriptor, implementation };
  }

  /** An isolated plugin's process stopped or came back: its status says so (queries fail meanwhile). */
  changed(dir: string, change: { state: 'active' | 'failed'; error: NautilusError | null; restarts: number }): void {
    const status = this.#statuses.find((item) => item.dir === dir);
    if (!status) return;
    status.state = change.state;
    status.error = change.error ? { code: change.error.code, message: change.error.message, fields: change.error.fields } : null;
    status.restarts = change.restarts;
  }

  record(
    dir: string,
    source: PluginSource,
    manifest: PluginManifest | undefined,
    started: number,
    error: NautilusError | null,
    isolation: IsolationReport | null = null,
  ): void {
    const named = nameOf(dir);
    this.#statuses.push({
      id: manifest?.id ?? named,
      name: manifest?.name ?? named,
      version: manifest?.version ?? null,
      description: manifest?.description ?? '',
      dir,
      source,
      state: error ? 'failed' : 'active',
      error: error ? { code: error.code, message: error.message, fields: error.fields } : null,
      loadMs: Math.round(performance.now() - started),
      contributes: manifest?.contributes ?? {},
      permissions: manifest?.permissions ?? null,
      isolation,
      restarts: 0,
    });
  }
}

/**
 * What to call a plugin that failed before its manifest was read: the id its package.json declares
 * (installed packages keep a version folder per id, so the folder name would be a version), else
 * the folder's name.
 */
export function nameOf(dir: string): string {
  try {
    const id = declaredManifest(dir)?.id;
    if (typeof id === 'string' && id.length > 0 && id.length <= 200) return id;
  } catch {
    // No readable package.json: the folder's name will do.
  }
  return basename(dir);
}
