import {
  type Bus,
  type ComputeService,
  type DataQuery,
  type Frame,
  NautilusError,
  type PluginCache,
  type PluginContext,
  type PluginLogger,
  type PluginManifest,
} from '@nautilus/sdk';
import type { Logger } from 'pino';
import { createPluginFetch, type PluginFetchOptions } from './plugin-fetch.ts';

export interface ContextOptions {
  logger: Logger;
  bus: Bus;
  /** Runs kernels contributed by loaded plugins; see core/src/compute. */
  compute: ComputeService;
  config: Record<string, unknown>;
  /** Where secrets come from: the server reads `NAUTILUS_SECRET_<NAME>` once at start, never `process.env` later. */
  readSecret: (name: string) => string | undefined;
  fetchTimeoutMs: number;
  /** Where rate-limit windows live: shared over Redis when configured (see shared-request-window.ts). */
  windowFor?: PluginFetchOptions['windowFor'];
  /** Runs a query on any active data source (the host's query gateway); `ctx.data` only where given. */
  queryData?: (ref: string, query: DataQuery) => Promise<Frame[]>;
}

/** Builds the `ctx` a plugin's setup receives: everything scoped to what its manifest declared. */
export function createPluginContext(manifest: PluginManifest, options: ContextOptions): PluginContext {
  const pluginId = manifest.id;
  const log = options.logger.child({ plugin: pluginId });
  const logger: PluginLogger = {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
  return {
    pluginId,
    logger,
    config: Object.freeze({ ...options.config }),
    secrets: {
      get(name) {
        if (!manifest.permissions.secrets.includes(name)) {
          throw new NautilusError(
            'FORBIDDEN',
            `Plugin ${pluginId} read secret ${name}, which its manifest does not declare in permissions.secrets`,
            {
              plugin: pluginId,
            },
          );
        }
        return options.readSecret(name);
      },
    },
    fetch: createPluginFetch(pluginId, withConfiguredBase(manifest.permissions, options.config), options.fetchTimeoutMs, {
      selfSignedTlsHost: selfSignedTlsHost(options.config),
      windowFor: options.windowFor,
    }),
    cache: new MemoryCache(),
    bus: options.bus,
    compute: options.compute,
    ...(options.queryData ? { data: dataAccess(manifest, options.queryData) } : {}),
  };
}

/** `ctx.data`: queries only the sources the manifest declares in `permissions.dataSources`, like secrets. */
function dataAccess(manifest: PluginManifest, queryData: NonNullable<ContextOptions['queryData']>): PluginContext['data'] {
  const declared = new Set(manifest.permissions.dataSources ?? []);
  return {
    query(dataSource, query) {
      if (!declared.has(dataSource)) {
        return Promise.reject(
          new NautilusError(
            'FORBIDDEN',
            `Plugin ${manifest.id} queried ${dataSource}, which its manifest does not declare in permissions.dataSources`,
            { plugin: manifest.id },
          ),
        );
      }
      return queryData(dataSource, { params: query.params, range: query.range, maxPoints: query.maxPoints });
    },
  };
}

/**
 * A `baseUrl` the admin set in the plugin's configuration (a proxy, a mirror, a test server) joins its
 * network allow-list, and the manifest's rate limits apply to it as well: it stands in for the
 * provider. Plugins cannot set their own configuration, so this widens nothing a plugin controls.
 */
export function withConfiguredBase(
  declared: PluginManifest['permissions'],
  config: Record<string, unknown>,
): PluginManifest['permissions'] {
  const permissions = withQuotaOverride(declared, config);
  const extra = configuredHosts(config).filter((host) => !permissions.network.includes(host));
  const host = configuredBaseHost(config);
  if (host === undefined || permissions.network.includes(host)) {
    return extra.length === 0 ? permissions : { ...permissions, network: [...permissions.network, ...extra] };
  }
  const limits = permissions.rateLimits ?? [];
  // A provider on two hosts (query1/query2) declares each limit twice: the base URL gets it once.
  const forBase = [...new Map(limits.map((rule) => [`${rule.requests}/${rule.perSeconds}`, { ...rule, host }])).values()];
  return {
    ...permissions,
    network: [...permissions.network, host, ...extra.filter((entry) => entry !== host)],
    rateLimits: [...limits, ...forBase],
  };
}

/**
 * An admin's `rateLimits: [{ requests, perSeconds }]` replaces the manifest's on every host it
 * declared limits for: a paid plan's quota (Alpha Vantage premium, say) instead of the free tier's.
 * Entries that are not whole positive numbers are ignored, and then so is the override.
 */
function withQuotaOverride(
  permissions: PluginManifest['permissions'],
  config: Record<string, unknown>,
): PluginManifest['permissions'] {
  const override = config.rateLimits;
  if (!Array.isArray(override) || override.length === 0) return permissions;
  const rules = override.filter(
    (rule): rule is { requests: number; perSeconds: number } =>
      typeof rule === 'object' &&
      rule !== null &&
      Number.isInteger((rule as { requests?: unknown }).requests) &&
      ((rule as { requests: number }).requests as number) > 0 &&
      typeof (rule as { perSeconds?: unknown }).perSeconds === 'number' &&
      ((rule as { perSeconds: number }).perSeconds as number) > 0,
  );
  if (rules.length !== override.length) return permissions;
  const hosts = [...new Set((permissions.rateLimits ?? []).map((rule) => rule.host))];
  return {
    ...permissions,
    rateLimits: hosts.flatMap((host) => rules.map((rule) => ({ host, requests: rule.requests, perSeconds: rule.perSeconds }))),
  };
}

/** `host` or `host:port` of an admin-configured http(s) `baseUrl`, if any. */
function configuredBaseHost(config: Record<string, unknown>): string | undefined {
  const base = config.baseUrl;
  if (typeof base !== 'string' || !URL.canParse(base)) return undefined;
  const url = new URL(base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

/**
 * `allowedHosts` an admin configured (`host`, `host:port` or `*.domain`): hosts a plugin downloads
 * from besides its provider, e.g. the many hosts data.gov's files live on. Entries that are not host
 * patterns are ignored (the plugin reports them); `*` alone is never accepted.
 */
function configuredHosts(config: Record<string, unknown>): string[] {
  const hosts = config.allowedHosts;
  if (!Array.isArray(hosts)) return [];
  return hosts.filter(
    (entry): entry is string =>
      typeof entry === 'string' &&
      /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i.test(entry),
  );
}

/**
 * The configured baseUrl's host when the admin set `allowSelfSignedTls: true` (a local gateway such
 * as IBKR's Client Portal uses a self-signed certificate): only that host, never globally.
 */
function selfSignedTlsHost(config: Record<string, unknown>): string | undefined {
  return config.allowSelfSignedTls === true ? configuredBaseHost(config) : undefined;
}

/** A bounded in-memory cache with TTLs; values are stored as JSON so callers cannot share references. */
class MemoryCache implements PluginCache {
  readonly #entries = new Map<string, { text: string; expires: number }>();
  readonly #maxEntries = 10_000;

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return JSON.parse(entry.text) as T;
  }
  async set(key: string, value: unknown, ttlMs = 3_600_000): Promise<void> {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { text: JSON.stringify(value), expires: Date.now() + ttlMs });
  }
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}
