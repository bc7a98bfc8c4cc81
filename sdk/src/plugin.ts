import type { Bus } from './bus.ts';
import type { ComputeKernel, ComputeKernelDescriptor, ComputeService } from './contributions/compute-kernel.ts';
import type { DataQuery, DataSource, DataSourceDescriptor } from './contributions/data-source.ts';
import type { RiskModel, RiskModelDescriptor, StressTest, StressTestDescriptor } from './contributions/risk-model.ts';
import type { WidgetDescriptor } from './contributions/widget.ts';
import type { Frame } from './frames.ts';

/** A plugin's static description; the host validates it before running any of the plugin's code. */
export interface PluginManifest {
  /** Namespaced, lower case, dot-separated: `nautilus.sim-market`, `acme.fred`. */
  id: string;
  name: string;
  /** The plugin's own version, semver. */
  version: string;
  /** Semver range of Nautilus core versions the plugin supports, e.g. `^0.1.0`. */
  engine: string;
  description: string;
  contributes: {
    dataSources?: DataSourceDescriptor[];
    widgets?: WidgetDescriptor[];
    riskModels?: RiskModelDescriptor[];
    stressTests?: StressTestDescriptor[];
    computeKernels?: ComputeKernelDescriptor[];
  };
  permissions: {
    /** Hosts the plugin's `ctx.fetch` may reach: `api.example.com` or `*.example.com`. */
    network: string[];
    /** Names of secrets the plugin may read with `ctx.secrets.get`. */
    secrets: string[];
    /**
     * The providers' documented request limits: at most `requests` in any `perSeconds` window to
     * `host` (an entry of `network`, written the same way). The host holds back each request
     * `ctx.fetch` would send past it, retries included, so a plugin writes no limiter of its own.
     * @example [{ host: 'api.stlouisfed.org', requests: 2, perSeconds: 1 }]
     */
    rateLimits?: RateLimitRule[];
    /**
     * Data sources of other plugins the plugin may query with `ctx.data.query` (`plugin/source` refs):
     * a plugin combining sources (factors) declares what it reads, as it declares hosts and secrets.
     */
    dataSources?: string[];
  };
}

/** One entry of `permissions.rateLimits`. */
export interface RateLimitRule {
  host: string;
  requests: number;
  perSeconds: number;
}

export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A key-value cache private to the plugin. Values are JSON. */
export interface PluginCache {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The only door from a plugin to its host (no globals): handed to `setup`. */
export interface PluginContext {
  readonly pluginId: string;
  readonly logger: PluginLogger;
  /** Plugin settings from the operator (`NAUTILUS_PLUGIN_CONFIG`), `{}` when none. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Reads a secret declared in `permissions.secrets`; undefined when unset; FORBIDDEN when undeclared. */
  readonly secrets: { get(name: string): string | undefined };
  /**
   * `fetch` that only reaches the hosts in `permissions.network`, within `permissions.rateLimits`,
   * under the host's timeout. A GET or HEAD answered 429, 500, 502, 503 or 504, or failing on the
   * network, is tried again (3 attempts in all) after the `Retry-After` it names or an exponential
   * back-off with jitter, as long as that fits in the timeout; the last answer is returned.
   */
  readonly fetch: (input: string | URL, init?: RequestInit) => Promise<Response>;
  readonly cache: PluginCache;
  /**
   * A folder of the plugin's own that it may read and write (an isolated plugin can write nowhere
   * else); undefined when the host gives it none.
   */
  readonly dataDir?: string;
  readonly bus: Bus;
  /** Runs compute kernels contributed by any loaded plugin, on the GPU when one is available. */
  readonly compute: ComputeService;
  /**
   * Queries another plugin's data source through the host (params checked against its schema, its
   * timeout, its frames checked), for the sources declared in `permissions.dataSources`; FORBIDDEN for
   * any other. Absent where the host offers no data access.
   */
  readonly data?: PluginDataAccess;
}

/** `ctx.data`: the host's data sources, as a plugin may read them. */
export interface PluginDataAccess {
  /** `dataSource` is `plugin/source`; `query.range` in epoch ms as a panel's query has it. */
  query(dataSource: string, query: DataQuery): Promise<Frame[]>;
}

/** What `setup` returns: one implementation per contribution declared in the manifest. */
export interface PluginContributions {
  dataSources?: Record<string, DataSource<any>>;
  riskModels?: Record<string, RiskModel>;
  stressTests?: Record<string, StressTest>;
  computeKernels?: Record<string, ComputeKernel>;
}

export interface PluginDefinition {
  manifest: PluginManifest;
  /** Runs once at load, with a timeout; returns the implementations of the declared contributions. */
  setup(ctx: PluginContext): PluginContributions | Promise<PluginContributions>;
  /** Runs at shutdown, with a timeout. */
  teardown?(): void | Promise<void>;
}

/**
 * Declares a plugin. Export the result as the package's default export.
 * @example
 * export default definePlugin({
 *   manifest: { id: 'acme.quotes', name: 'Quotes', version: '1.0.0', engine: '^0.1.0', description: '…',
 *               contributes: { dataSources: [...] }, permissions: { network: ['api.acme.com'], secrets: [] } },
 *   setup(ctx) { return { dataSources: { quotes: { query: async (q) => [...] } } }; },
 * });
 */
export function definePlugin(definition: PluginDefinition): PluginDefinition {
  return definition;
}
