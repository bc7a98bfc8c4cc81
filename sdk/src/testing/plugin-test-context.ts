import type { PluginContext } from '../plugin.ts';

const silent = () => {};

export interface TestContextOptions {
  pluginId: string;
  config?: Record<string, unknown>;
  /** Secrets by name; a name not given reads as unset. */
  secrets?: Record<string, string | undefined>;
  /** Stands in for `ctx.fetch`; the global fetch by default. */
  fetch?: PluginContext['fetch'];
  /** Stands in for `ctx.data` (the host's data sources); absent by default. */
  data?: PluginContext['data'];
}

/**
 * A plugin context for unit tests: silent logger, no-op cache and bus, no compute kernels, and the
 * global fetch instead of the host's (whose allow-list, rate limits and retries core tests).
 */
export function pluginTestContext(options: TestContextOptions): PluginContext {
  const secrets = options.secrets ?? {};
  return {
    pluginId: options.pluginId,
    logger: { debug: silent, info: silent, warn: silent, error: silent },
    config: options.config ?? {},
    secrets: { get: (name) => (Object.hasOwn(secrets, name) ? secrets[name] : undefined) },
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    cache: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    bus: { publish: async () => {}, subscribe: async () => async () => {} },
    compute: { run: () => Promise.reject(new Error(`${options.pluginId} runs no compute kernels in tests`)) },
    ...(options.data ? { data: options.data } : {}),
  };
}
