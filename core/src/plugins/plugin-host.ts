import {
  type Bus,
  type ComputeService,
  type DataSourceDescriptor,
  type Frame,
  NautilusError,
  type PluginContributions,
  type PluginDefinition,
  type PluginManifest,
  type RiskModel,
  type StreamRequest,
  type StressTest,
} from '@nautilus/sdk';
import type { Logger } from 'pino';
import { createComputeService, type GpuProvider } from '../compute/compute-service.ts';
import { checkContributions, checkWidgetBundles } from './check-contributions.ts';
import { checkManifest } from './check-manifest.ts';
import { discoverPlugins, type PluginSource } from './discover-plugins.ts';
import { HostCounters, stopReason } from './host-counters.ts';
import { widgetAssetPath } from './plugin-assets.ts';
import { type ContextOptions, createPluginContext } from './plugin-context.ts';
import type { PluginFetch, RateBudget } from './plugin-fetch.ts';
import { type IsolationPolicy, type LoadedModule, loadPluginModule } from './plugin-loader.ts';
import { nameOf, PluginRegistry, type PluginStatus } from './plugin-registry.ts';
import { DEFAULT_ROLES, type PluginRoles } from './plugin-roles.ts';
import { type DataQueryRequest, type DataStream, QueryGateway, stamp } from './query-gateway.ts';
import type { QueryTruncation } from './query-limit.ts';
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
  /** Which plugins run in a process of their own, its heap cap, and where their data folders go. */
  isolation?: { policy: IsolationPolicy; memoryMb: number; dataRoot?: string };
  /** Which plugin serves risk models, covariance and default bars; the first-party ones when omitted. */
  roles?: PluginRoles;
}

export type { PluginStatus } from './plugin-registry.ts';
export type { DataQueryRequest, DataStream } from './query-gateway.ts';

/**
 * Loads plugins from folders, validates and starts each one, and is the only way the rest of core
 * calls into them. A plugin that is malformed, incompatible, throws or hangs is recorded as failed,
 * with the reason, and everything else keeps working.
 */
export class PluginHost {
  readonly #options: PluginHostOptions;
  readonly #registry = new PluginRegistry();

  /** Runs kernels contributed by active plugins; handed to every plugin as `ctx.compute`. */
  readonly compute: ComputeService;
  /** Health and circuit state of every data source queried through this host. */
  readonly health = new SourceHealth();
  /** Rate-limit waits, process restarts and bars cache use, for /metrics. */
  readonly counters = new HostCounters();

  /**
   * Rate-limit windows by plugin, host and rule, kept across a plugin's restarts (a settings change
   * must not hand it a fresh quota); in Redis when the server shares them, else in memory.
   */
  readonly #windows = new Map<string, RequestWindow>();
  readonly #windowFor: NonNullable<ContextOptions['windowFor']> = (key, requests, windowMs) => {
    let window = this.#windows.get(key);
    if (!window) {
      window = this.counters.countWaits(
        key,
        this.#options.windowFor?.(key, requests, windowMs) ?? createRequestWindow(requests, windowMs),
      );
      this.#windows.set(key, window);
    }
    return window;
  };

  /** Which plugin serves each role core relies on (configuration; see plugin-roles.ts). */
  readonly roles: PluginRoles;
  readonly #gateway: QueryGateway;

  constructor(options: PluginHostOptions) {
    this.#options = options;
    this.roles = options.roles ?? DEFAULT_ROLES;
    this.#gateway = new QueryGateway({
      resolve: (ref) => this.#registry.resolveDataSource(ref),
      health: this.health,
      callTimeoutMs: options.callTimeoutMs,
      logger: options.logger,
    });
    this.compute = createComputeService({
      findKernel: (ref) => this.#registry.contribution(ref, 'computeKernels'),
      gpu: options.gpu ?? { acquire: async () => ({ unavailable: 'no GPU provider is configured' }) },
    });
  }

  /** Every declared contribution of a kind, with its global reference `<pluginId>/<id>`. */
  contributions<K extends 'riskModels' | 'stressTests' | 'computeKernels'>(kind: K) {
    return this.#registry.contributions(kind);
  }

  /** A risk model by reference; NOT_FOUND names what is installed. */
  riskModel(ref: string): RiskModel {
    return this.#registry.riskModel(ref);
  }

  /** A stress test by reference; NOT_FOUND names what is installed. */
  stressTest(ref: string): StressTest {
    return this.#registry.stressTest(ref);
  }

  list(): PluginStatus[] {
    return this.#registry.list();
  }

  /** Every data source of every active plugin, with its global reference `<pluginId>/<id>`. */
  dataSources(): { ref: string; pluginId: string; descriptor: DataSourceDescriptor }[] {
    return this.#registry.dataSources();
  }

  /** Every widget of every active plugin, with its panel type `<pluginId>/<id>` and bundle URL. */
  widgets() {
    return this.#registry.widgets();
  }

  async loadAll(): Promise<void> {
    for (const candidate of discoverPlugins(this.#options.folders)) {
      await this.#load(candidate.dir, candidate.source);
    }
  }

  /**
   * Loads, validates and starts one plugin folder while the server runs (an install, an enable, an
   * update); the status says whether it is active or failed and why. Its id must not be loaded already:
   * `remove` the old version first.
   */
  async add(dir: string, source: PluginSource): Promise<PluginStatus> {
    await this.#load(dir, source);
    const status = this.#registry.statusOf(dir);
    if (!status) throw new NautilusError('INTERNAL', `Loading the plugin at ${dir} recorded no status`);
    return status;
  }

  /** Stops a plugin (teardown with a timeout) and forgets it and its status; nothing when it is not loaded. */
  async remove(id: string): Promise<void> {
    const plugin = this.#registry.forget(id);
    if (!plugin) return;
    try {
      await withTimeout(`Plugin ${id} teardown`, this.#options.setupTimeoutMs, async () => plugin.definition.teardown?.(), id);
    } catch (error) {
      this.#options.logger.warn({ plugin: id, err: error }, 'plugin teardown failed on removal');
    }
  }

  /** The widget asset behind `/plugins/<pluginId>/<path>`, if the plugin is active and declares it (see plugin-assets.ts). */
  assetPath(pluginId: string, path: string): string | undefined {
    const plugin = this.#registry.active(pluginId);
    return plugin ? widgetAssetPath(plugin.dir, plugin.manifest, path) : undefined;
  }

  /** True when `ref` (`plugin/source`) names a data source of an active plugin. */
  hasDataSource(ref: string): boolean {
    return this.#gateway.hasDataSource(ref);
  }

  /** Validates the params against the source's query schema, runs the query with a timeout, checks the frames. */
  query(ref: string, request: DataQueryRequest): Promise<Frame[]> {
    return this.#gateway.query(ref, request);
  }

  /** {@link query}, saying whether the answer was cut at `maxPoints` (what a panel must tell its user). */
  queryLimited(ref: string, request: DataQueryRequest): Promise<{ frames: Frame[]; truncation?: QueryTruncation }> {
    return this.#gateway.queryLimited(ref, request);
  }

  /**
   * Checks a query's params against the source's schema without running it, so a background job can
   * refuse bad input before it is accepted.
   */
  checkQuery(ref: string, params: Record<string, unknown>): { pluginId: string; descriptor: DataSourceDescriptor } {
    return this.#gateway.checkQuery(ref, params);
  }

  /** Starts a source's live stream through the gateway (checked params and frames, stamped errors). */
  stream(ref: string, request: StreamRequest, emit: (frame: Frame) => void): Promise<DataStream> {
    return this.#gateway.stream(ref, request, emit);
  }

  async teardown(): Promise<void> {
    for (const [id, plugin] of this.#registry.activePlugins()) {
      if (!plugin.definition.teardown) continue;
      try {
        await withTimeout(`Plugin ${id} teardown`, this.#options.setupTimeoutMs, () => plugin.definition.teardown?.(), id);
      } catch (error) {
        this.#options.logger.warn({ plugin: id, err: error }, 'plugin teardown failed');
      }
    }
    this.#registry.clearActive();
  }

  async #load(dir: string, source: PluginSource): Promise<void> {
    const started = performance.now();
    const { setupTimeoutMs, logger } = this.#options;
    let manifest: PluginManifest | undefined;
    let loaded: LoadedModule | undefined;
    try {
      const isolation = this.#options.isolation ?? { policy: 'third-party', memoryMb: 256 };
      loaded = await loadPluginModule(dir, source, { ...isolation, setupTimeoutMs, logger }, (change) => {
        if (change.state === 'failed' && change.error)
          this.counters.restarted(manifest?.id ?? nameOf(dir), stopReason(change.error.message));
        this.#registry.changed(dir, change);
      });
      manifest = await this.#start(loaded.definition, dir, (checked) => {
        manifest = checked;
      });
      this.#registry.record(dir, source, manifest, started, null, loaded.isolation);
      logger.info(
        {
          plugin: manifest.id,
          version: manifest.version,
          ms: Math.round(performance.now() - started),
          isolation: loaded.isolation.mode,
        },
        'plugin loaded',
      );
    } catch (error) {
      const failure = stamp(error, manifest?.id, 'PLUGIN_FAILED', `Plugin ${manifest?.id ?? dir} failed to start`);
      if (loaded?.isolation.mode === 'process') await Promise.resolve(loaded.definition.teardown?.()).catch(() => {});
      this.#registry.record(dir, source, manifest, started, failure, loaded?.isolation ?? null);
      logger.error({ plugin: manifest?.id ?? nameOf(dir), code: failure.code, err: failure.message }, 'plugin failed');
    }
    // Loaded or failed, a plugin Nautilus does not ship gets a plain warning of what it can do here.
    const id = manifest?.id ?? nameOf(dir);
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
      this.#registry.record(dir, source, manifest, started, null);
    } catch (error) {
      const failure = stamp(error, manifest?.id, 'PLUGIN_FAILED', `Built-in ${manifest?.id ?? 'plugin'} failed to start`);
      this.#registry.record(dir, source, manifest, started, failure);
      this.#options.logger.error({ plugin: manifest?.id, code: failure.code, err: failure.message }, 'built-in plugin failed');
    }
  }

  /**
   * Sets an active plugin up again with `config` (its settings changed on the Data sources page, or a
   * secret did): the old instance is torn down only once the new one's setup succeeded, so a bad
   * setting leaves the plugin running as it was and the error says why.
   */
  async reload(id: string, config: Record<string, unknown>): Promise<void> {
    const plugin = this.#registry.active(id);
    if (!plugin) throw new NautilusError('NOT_FOUND', `Plugin ${id} is not active`, { plugin: id });
    const context = createPluginContext(plugin.manifest, {
      logger: this.#options.logger,
      bus: this.#options.bus,
      compute: this.compute,
      config,
      readSecret: this.#options.readSecret,
      fetchTimeoutMs: this.#options.fetchTimeoutMs,
      windowFor: this.#windowFor,
      queryData: (ref, query) => this.#gateway.query(ref, query),
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
    this.#registry.setActive(id, { ...plugin, contributions, budget: () => (context.fetch as PluginFetch).budget() });
    try {
      await withTimeout(`Plugin ${id} teardown`, this.#options.setupTimeoutMs, async () => plugin.definition.teardown?.(), id);
    } catch (error) {
      this.#options.logger.warn({ plugin: id, err: error }, 'plugin teardown failed on reload');
    }
  }

  /** How much of each declared rate limit an active plugin has used (empty when it declares none). */
  rateBudget(id: string): RateBudget[] {
    return this.#registry.active(id)?.budget() ?? [];
  }

  /** The manifest of an active plugin, or undefined. */
  manifest(id: string): PluginManifest | undefined {
    return this.#registry.active(id)?.manifest;
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
    if (this.#registry.taken(id)) {
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
      queryData: (ref, query) => this.#gateway.query(ref, query),
    });
    const declared = manifest;
    const contributions = await withTimeout(`Plugin ${id} setup`, setupTimeoutMs, () => definition.setup(context), id);
    checkContributions(declared, contributions);
    this.#registry.setActive(id, {
      dir,
      definition,
      manifest,
      contributions,
      budget: () => (context.fetch as PluginFetch).budget(),
    });
    return manifest;
  }
}
