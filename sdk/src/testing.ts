/**
 * A test kit for plugin authors (`@nautilus/sdk/testing`): the `ctx` a plugin's setup receives,
 * with the global fetch instead of the host's (whose allow-list, rate limits and retries core tests),
 * and a helper that expects a NautilusError.
 */
import { isNautilusError, type NautilusError } from './errors.ts';
import type { PluginContext } from './plugin.ts';

const silent = () => {};

export interface TestContextOptions {
  pluginId: string;
  config?: Record<string, unknown>;
  /** Secrets by name; a name not given reads as unset. */
  secrets?: Record<string, string | undefined>;
  /** Stands in for `ctx.fetch`; the global fetch by default. */
  fetch?: PluginContext['fetch'];
}

/** A plugin context for unit tests: silent logger, no-op cache and bus, no compute kernels. */
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
  };
}

/** The NautilusError `promise` rejects with; throws when it resolves or rejects with anything else. */
export async function caughtError(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure, but it succeeded');
    },
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw error;
  return error;
}
