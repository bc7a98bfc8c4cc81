import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Bus,
  type ComputeService,
  type DataSource,
  type DataSourceDescriptor,
  type FieldIssue,
  type Frame,
  isNautilusError,
  NautilusError,
  type PluginContributions,
  type PluginDefinition,
  type PluginManifest,
  type RiskModel,
  type StreamRequest,
  type StressTest,
  type WidgetDescriptor,
} from '@nautilus/sdk';
import type { Logger } from 'pino';
import { createComputeService, type GpuProvider } from '../compute/compute-service.ts';
import { schemaIssues } from '../validation/json-schema-validator.ts';
import { checkContributions, checkWidgetBundles } from './check-contributions.ts';
import { frameProblem } from './check-frames.ts';
import { checkManifest } from './check-manifest.ts';
import { discoverPlugins, type PluginSource, pluginEntry } from './discover-plugins.ts';
import { type ContextOptions, createPluginContext } from './plugin-context.ts';
import type { PluginFetch, RateBudget } from './plugin-fetch.ts';
import { createRequestWindow, type RequestWindow } from './request-window.ts';
import { SourceHealth } from './source-health.ts';
import { isThirdParty, trustWarning } from './trust-warning.ts';
import { withTimeout } from './with-timeout.ts';

export interface PluginHostOptions {
  coreVersion: string;
  folders: { dir: string; source: PluginSource }[];
  logger: Logger;
  bus: Bus;
  pluginConfig: Record<string, Record<string, unknown>>;
  readSecret: (name: string) => string | undefined;
  setupTimeoutMs: number;
  callTimeoutMs: number;
  fetchTimeoutMs: number;
  /** Where plugins' rate-limit windows live (in memory unless instances share them over Redis). */
  windowFor?: ContextOptions['windowFor'];
  /** The WebGPU device kernels run on; none (CPU only) when omitted. */
  gpu?: GpuProvider;
}

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
}

interface ActivePlugin {
  dir: string;
  definition: PluginDefinition;
  manifest: PluginManifest;
  contributions: PluginContributions;
  /** Its `ctx.fetch`'s rate-limit windows as they stand. */
  budget: () => RateBudget[];
}

export interface DataQueryRequest {
  params: Record<string, unknown>;
  range: { from: number; to: number };
  maxPoints: number;
}

/** A running data-source stream. `done` settles when it ends: rejected, stamped with the plugin id, if it failed. */
export interface DataStream {
  readonly done: Promise<void>;
  /** Aborts the stream and waits for it to end; PLUGIN_TIMEOUT when it does not within the call timeout. */
  stop(): Promise<void>;
}

/**
 * Loads plugins from folders, validates and starts each one, and is the only way the rest of core
 * calls into them. A plugin that is malformed, incompatible, throws or hangs is recorded as failed,
 * with the reason, and everything else keeps working.
 */
export class PluginHost {
  readonly #options: PluginHostOptions;
  readonly #statuses: PluginStatus[] = [];
  readonly #active = new Map<string, ActivePlugin>();

  /** Runs kernels contributed by active plugins; handed to every plugin as `ctx.compute`. */
  readonly compute: ComputeService;
  /** Health and circuit state of every data source queried through this host. */
  readonly health = new SourceHealth();

  /**
   * Rate-limit windows by plugin, host and rule, kept across a plugin's restarts (a settings change
   * must not hand it a fresh quota); in Redis when the server shares them, else in memory.
   */
  readonly #windows = new Map<string, RequestWindow>();
  readonly #windowFor: NonNullable<ContextOptions['windowFor']> = (key, requests, windowMs) => {
    let window = this.#windows.get(key);
    if (!window) {
      window = this.#options.windowFor?.(key, requests, windowMs) ?? createRequestWindow(requests, windowMs);
      this.#windows.set(key, window);
    }
    return window;
  };

  constructor(options: PluginHostOptions) {
    this.#options = options;
    this.compute = createComputeService({
      findKernel: (ref) => this.#contribution(ref, 'computeKernels'),
      gpu: options.gpu ?? { acquire: async () => ({ unavailable: 'no GPU provider is configured' }) },
    });
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
    const model = this.#contribution(ref, 'riskModels');
    if (!model) throw this.#missing(ref, 'risk model', 'riskModels');
    return model;
  }

  /** A stress test by reference; NOT_FOUND names what is installed. */
  stressTest(ref: string): StressTest {
    const test = this.#contribution(ref, 'stressTests');
    if (!test) throw this.#missing(ref, 'stress test', 'stressTests');
    return test;
  }

  #contribution<K extends 'riskModels' | 'stressTests' | 'computeKernels'>(
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

  async loadAll(): Promise<void> {
    for (const candidate of discoverPlugins(this.#options.folders)) {
      await this.#load(candidate.dir, candidate.source);
    }
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

  /**
   * The file behind `/plugins/<pluginId>/<path>`, if it lies in the folder of one of the plugin's
   * declared widget bundles (its chunks sit beside it); undefined otherwise, so no other file of a
   * plugin package is ever served.
   */
  assetPath(pluginId: string, path: string): string | undefined {
    const plugin = this.#active.get(pluginId);
    if (!plugin) return undefined;
    const file = resolve(plugin.dir, path);
    const allowed = (plugin.manifest.contributes.widgets ?? []).some((widget) => {
      const folder = dirname(resolve(plugin.dir, widget.bundle));
      const inside = relative(folder, file);
      return inside !== '' && !inside.startsWith('..') && !inside.startsWith(sep);
    });
    return allowed && existsSync(file) ? file : undefined;
  }

  /** True when `ref` (`plugin/source`) names a data source of an active plugin. */
  hasDataSource(ref: string): boolean {
    try {
      this.#resolveDataSource(ref);
      return true;
    } catch {
      return false;
    }
  }

  /** Validates the params against the source's query schema, runs the query with a timeout, checks the frames. */
  async query(ref: string, request: DataQueryRequest): Promise<Frame[]> {
    const { pluginId, descriptor, implementation } = this.#resolveDataSource(ref);
    const issues = schemaIssues(descriptor.querySchema, request.params, 'params');
    if (issues.length) throw NautilusError.validation(`query for ${ref}`, issues);
    let frames: Frame[];
    const started = performance.now();
    try {
      frames = await withTimeout(
        `Data source ${ref}`,
        this.#options.callTimeoutMs,
        (signal) => implementation.query(request, signal),
        pluginId,
      );
    } catch (error) {
      const stamped = stamp(error, pluginId, 'DATA_SOURCE_ERROR', `Data source ${ref} failed`);
      this.health.failed(ref, stamped, performance.now() - started);
      throw stamped;
    }
    const problem = frameProblem(frames, descriptor.frames);
    if (problem) {
      const error = new NautilusError(
        'DATA_SOURCE_ERROR',
        `Data source ${ref} returned invalid data (${problem}); report it to the plugin's author.`,
        {
          plugin: pluginId,
        },
      );
      this.health.failed(ref, error, performance.now() - started);
      throw error;
    }
    this.health.succeeded(ref, performance.now() - started);
    return frames;
  }

  /**
   * Checks a query's params against the source's schema without running it, so a background job can
   * refuse bad input before it is accepted.
   */
  checkQuery(ref: string, params: Record<string, unknown>): { pluginId: string; descriptor: DataSourceDescriptor } {
    const { pluginId, descriptor } = this.#resolveDataSource(ref);
    const issues = schemaIssues(descriptor.querySchema, params, 'params');
    if (issues.length) throw NautilusError.validation(`query for ${ref}`, issues);
    return { pluginId, descriptor };
  }

  /**
   * Starts a source's live stream: params are checked like a query's, each frame emitted is checked
   * before `emit` sees it (a bad one ends the stream with DATA_SOURCE_ERROR), and whatever the plugin
   * throws is stamped with its id. A throwing `emit` is logged, never passed back into the plugin.
   */
  async stream(ref: string, request: StreamRequest, emit: (frame: Frame) => void): Promise<DataStream> {
    const { pluginId, descriptor } = this.checkQuery(ref, request.params);
    const { implementation } = this.#resolveDataSource(ref);
    if (!descriptor.streaming || typeof implementation.stream !== 'function') {
      throw new NautilusError(
        'VALIDATION',
        `Data source ${ref} does not stream; pick one whose streaming is true in dataSources.list.`,
        {
          fields: [{ path: 'dataSource', message: 'does not stream' }],
          plugin: pluginId,
        },
      );
    }
    if (request.replay && !descriptor.replay) {
      throw new NautilusError('VALIDATION', `Data source ${ref} cannot replay history; deploy without replay.`, {
        fields: [{ path: 'replay', message: 'not supported by this data source' }],
        plugin: pluginId,
      });
    }
    const controller = new AbortController();
    let invalid: NautilusError | undefined;
    const checkedEmit = (frame: Frame) => {
      if (controller.signal.aborted) return;
      const problem = frameProblem([frame], descriptor.frames);
      if (problem) {
        invalid = new NautilusError(
          'DATA_SOURCE_ERROR',
          `Data source ${ref} streamed invalid data (${problem}); report it to the plugin's author.`,
          { plugin: pluginId },
        );
        controller.abort(invalid);
        return;
      }
      try {
        emit(frame);
      } catch (error) {
        this.#options.logger.error({ err: error, dataSource: ref }, 'a stream consumer threw');
      }
    };
    const stream = implementation.stream.bind(implementation);
    const done = Promise.resolve()
      .then(() => stream(request, checkedEmit, controller.signal))
      .then(
        () => {
          if (invalid) throw invalid;
        },
        (error: unknown) => {
          throw stamp(invalid ?? error, pluginId, 'DATA_SOURCE_ERROR', `Data source ${ref} stream failed`);
        },
      );
    return {
      done,
      stop: async () => {
        controller.abort();
        await withTimeout(`Stopping the stream of ${ref}`, this.#options.callTimeoutMs, () => done.catch(() => {}), pluginId);
      },
    };
  }

  async teardown(): Promise<void> {
    for (const [id, plugin] of this.#active) {
      if (!plugin.definition.teardown) continue;
      try {
        await withTimeout(`Plugin ${id} teardown`, this.#options.setupTimeoutMs, () => plugin.definition.teardown?.(), id);
      } catch (error) {
        this.#options.logger.warn({ plugin: id, err: error }, 'plugin teardown failed');
      }
    }
    this.#active.clear();
  }

  #resolveDataSource(ref: string): { pluginId: string; descriptor: DataSourceDescriptor; implementation: DataSource } {
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

  async #load(dir: string, source: PluginSource): Promise<void> {
    const started = performance.now();
    const { setupTimeoutMs, logger } = this.#options;
    let manifest: PluginManifest | undefined;
    try {
      const entry = pluginEntry(dir);
      const module = (await withTimeout(
        `Loading the plugin module at ${dir}`,
        setupTimeoutMs,
        () => import(pathToFileURL(entry).href),
      )) as {
        default?: unknown;
      };
      const definition = module.default as PluginDefinition | undefined;
      if (
        !definition ||
        typeof definition !== 'object' ||
        typeof definition.setup !== 'function' ||
        !('manifest' in definition)
      ) {
        throw new NautilusError('PLUGIN_INVALID', `Plugin at ${dir} must default-export definePlugin({ manifest, setup })`, {
          fields: [{ path: 'default export', message: 'expected { manifest, setup }' }],
        });
      }
      manifest = await this.#start(definition, dir, (checked) => {
        manifest = checked;
      });
      this.#record(dir, source, manifest, started, null);
      logger.info(
        { plugin: manifest.id, version: manifest.version, ms: Math.round(performance.now() - started) },
        'plugin loaded',
      );
    } catch (error) {
      const failure = stamp(error, manifest?.id, 'PLUGIN_FAILED', `Plugin ${manifest?.id ?? dir} failed to start`);
      this.#record(dir, source, manifest, started, failure);
      logger.error({ plugin: manifest?.id ?? basename(dir), code: failure.code, err: failure.message }, 'plugin failed');
    }
    // Loaded or failed, a plugin Nautilus does not ship gets a plain warning of what it can do here.
    const id = manifest?.id ?? basename(dir);
    if (isThirdParty(source)) logger.warn({ plugin: id, source, dir }, trustWarning(id, source));
  }

  /**
   * Validates and starts a definition that lives in core itself (a built-in data source), exactly as
   * a plugin from a folder: manifest check, unique id, setup with a timeout, contribution check.
   */
  async loadDefinition(definition: PluginDefinition, source: PluginSource = 'core'): Promise<void> {
    const started = performance.now();
    const dir = `<${source}>`;
    let manifest: PluginManifest | undefined;
    try {
      manifest = await this.#start(definition, dir, (checked) => {
        manifest = checked;
      });
      this.#record(dir, source, manifest, started, null);
    } catch (error) {
      const failure = stamp(error, manifest?.id, 'PLUGIN_FAILED', `Built-in ${manifest?.id ?? 'plugin'} failed to start`);
      this.#record(dir, source, manifest, started, failure);
      this.#options.logger.error({ plugin: manifest?.id, code: failure.code, err: failure.message }, 'built-in plugin failed');
    }
  }

  /**
   * Sets an active plugin up again with `config` (its settings changed on the Data sources page, or a
   * secret did): the old instance is torn down only once the new one's setup succeeded, so a bad
   * setting leaves the plugin running as it was and the error says why.
   */
  async reload(id: string, config: Record<string, unknown>): Promise<void> {
    const plugin = this.#active.get(id);
    if (!plugin) throw new NautilusError('NOT_FOUND', `Plugin ${id} is not active`, { plugin: id });
    const context = createPluginContext(plugin.manifest, {
      logger: this.#options.logger,
      bus: this.#options.bus,
      compute: this.compute,
      config,
      readSecret: this.#options.readSecret,
      fetchTimeoutMs: this.#options.fetchTimeoutMs,
      windowFor: this.#windowFor,
    });
    let contributions: PluginContributions;
    try {
      contributions = await withTimeout(
        `Plugin ${id} setup`,
        this.#options.setupTimeoutMs,
        () => plugin.definition.setup(context),
        id,
      );
      checkContributions(plugin.manifest, contributions);
    } catch (error) {
      throw stamp(error, id, 'PLUGIN_FAILED', `Plugin ${id} could not start with these settings`);
    }
    this.#active.set(id, { ...plugin, contributions, budget: () => (context.fetch as PluginFetch).budget() });
    try {
      await withTimeout(`Plugin ${id} teardown`, this.#options.setupTimeoutMs, async () => plugin.definition.teardown?.(), id);
    } catch (error) {
      this.#options.logger.warn({ plugin: id, err: error }, 'plugin teardown failed on reload');
    }
  }

  /** How much of each declared rate limit an active plugin has used (empty when it declares none). */
  rateBudget(id: string): RateBudget[] {
    return this.#active.get(id)?.budget() ?? [];
  }

  /** The manifest of an active plugin, or undefined. */
  manifest(id: string): PluginManifest | undefined {
    return this.#active.get(id)?.manifest;
  }

  /** The checks and setup shared by every plugin, wherever its definition came from; returns its manifest once active. */
  async #start(
    definition: PluginDefinition,
    dir: string,
    onManifest: (manifest: PluginManifest) => void,
  ): Promise<PluginManifest> {
    const { setupTimeoutMs, coreVersion, logger } = this.#options;
    const manifest = checkManifest(definition.manifest, coreVersion, dir);
    onManifest(manifest);
    checkWidgetBundles(manifest, dir);
    const id = manifest.id;
    if (this.#active.has(id) || this.#statuses.some((status) => status.id === id)) {
      throw new NautilusError(
        'PLUGIN_INVALID',
        `Plugin id ${id} at ${dir} is already used by another plugin; ids must be unique.`,
        {
          fields: [{ path: 'manifest.id', message: 'duplicate' }],
        },
      );
    }
    const context = createPluginContext(manifest, {
      logger,
      bus: this.#options.bus,
      compute: this.compute,
      config: this.#options.pluginConfig[id] ?? {},
      readSecret: this.#options.readSecret,
      fetchTimeoutMs: this.#options.fetchTimeoutMs,
      windowFor: this.#windowFor,
    });
    const declared = manifest;
    const contributions = await withTimeout(`Plugin ${id} setup`, setupTimeoutMs, () => definition.setup(context), id);
    checkContributions(declared, contributions);
    this.#active.set(id, { dir, definition, manifest, contributions, budget: () => (context.fetch as PluginFetch).budget() });
    return manifest;
  }

  #record(
    dir: string,
    source: PluginSource,
    manifest: PluginManifest | undefined,
    started: number,
    error: NautilusError | null,
  ): void {
    this.#statuses.push({
      id: manifest?.id ?? basename(dir),
      name: manifest?.name ?? basename(dir),
      version: manifest?.version ?? null,
      description: manifest?.description ?? '',
      dir,
      source,
      state: error ? 'failed' : 'active',
      error: error ? { code: error.code, message: error.message, fields: error.fields } : null,
      loadMs: Math.round(performance.now() - started),
      contributes: manifest?.contributes ?? {},
      permissions: manifest?.permissions ?? null,
    });
  }
}

/** Keeps a NautilusError (stamping the plugin id), wraps anything else with `code` and `context`. */
function stamp(error: unknown, pluginId: string | undefined, code: NautilusError['code'], context: string): NautilusError {
  const wrapped = isNautilusError(error)
    ? error
    : new NautilusError(code, `${context}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  wrapped.plugin ??= pluginId;
  return wrapped;
}
