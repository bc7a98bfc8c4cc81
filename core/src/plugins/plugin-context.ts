import {
  type Bus,
  type ComputeService,
  NautilusError,
  type PluginCache,
  type PluginContext,
  type PluginLogger,
  type PluginManifest,
} from '@nautilus/sdk';
import type { Logger } from 'pino';

export interface ContextOptions {
  logger: Logger;
  bus: Bus;
  /** Runs kernels contributed by loaded plugins; see core/src/compute. */
  compute: ComputeService;
  config: Record<string, unknown>;
  /** Where secrets come from: the server reads `NAUTILUS_SECRET_<NAME>` once at start, never `process.env` later. */
  readSecret: (name: string) => string | undefined;
  fetchTimeoutMs: number;
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
    fetch: allowListedFetch(pluginId, manifest.permissions.network, options.fetchTimeoutMs),
    cache: new MemoryCache(),
    bus: options.bus,
    compute: options.compute,
  };
}

/** True when `host` (with `port`) is one of the manifest's network entries: `host`, `host:port` or `*.domain`. */
export function hostAllowed(allowed: readonly string[], host: string, port: string): boolean {
  return allowed.some((entry) => {
    const [pattern = '', wantPort] = entry.split(':');
    if (wantPort !== undefined && wantPort !== port) return false;
    return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
  });
}

function allowListedFetch(pluginId: string, allowed: readonly string[], timeoutMs: number): PluginContext['fetch'] {
  const fetchWithin = async (url: URL, init: RequestInit | undefined, redirectsLeft: number): Promise<Response> => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new NautilusError('FORBIDDEN', `Plugin ${pluginId} may only fetch http(s) URLs, not ${url.protocol}`, {
        plugin: pluginId,
      });
    }
    if (!hostAllowed(allowed, url.hostname, url.port)) {
      throw new NautilusError(
        'FORBIDDEN',
        `Plugin ${pluginId} tried to reach ${url.host}, which is not in its manifest's permissions.network (${allowed.join(', ') || 'empty'})`,
        { plugin: pluginId },
      );
    }
    // Redirects are followed by hand so that a redirect cannot lead outside the allow-list.
    const response = await fetch(url, { ...init, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    if (redirectsLeft === 0)
      throw new NautilusError('DATA_SOURCE_ERROR', `Too many redirects from ${url.host}`, { plugin: pluginId });
    return fetchWithin(new URL(location, url), init, redirectsLeft - 1);
  };
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetchWithin(new URL(typeof input === 'string' ? input : input.href), { ...init, signal }, 5);
  };
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
