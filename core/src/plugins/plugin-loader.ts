import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { NautilusError, type PluginDefinition } from '@nautilus/sdk';
import type { Logger } from 'pino';
import type { PluginSource } from './discover-plugins.ts';
import { pluginEntry } from './discover-plugins.ts';
import { IN_PROCESS_REPORT, type IsolationReport, processIsolationReport } from './isolation/enforcement.ts';
import { type IsolatedPluginOptions, loadIsolatedPlugin } from './isolation/isolated-plugin.ts';
import { withTimeout } from './with-timeout.ts';

/**
 * Which plugins run in a process of their own: `third-party` (the default) isolates every plugin
 * Nautilus does not ship (installed, or from NAUTILUS_PLUGIN_DIRS); `all` isolates first-party
 * plugins too. First-party plugins are reviewed and released with core, and one of them needs the
 * server's GPU device, which cannot cross a process boundary.
 */
export type IsolationPolicy = 'all' | 'third-party';

export interface LoaderOptions {
  policy: IsolationPolicy;
  memoryMb: number;
  /** Each isolated plugin gets `<root>/<plugin id>` to write in. */
  dataRoot?: string;
  setupTimeoutMs: number;
  logger: Logger;
}

export interface LoadedModule {
  definition: PluginDefinition;
  isolation: IsolationReport;
}

/**
 * Imports a plugin folder's module, in the server's process or in one of its own per the policy, and
 * checks that the manifest it exports is the one its package.json declares (when it declares one,
 * as installable packages do, so permissions can be read before any code runs).
 */
export async function loadPluginModule(
  dir: string,
  source: PluginSource,
  options: LoaderOptions,
  onState: IsolatedPluginOptions['onState'],
): Promise<LoadedModule> {
  const entry = pluginEntry(dir);
  const declared = declaredManifest(dir);
  const isolated = options.policy === 'all' || source === 'installed' || source === 'extra';
  let definition: PluginDefinition;
  if (isolated) {
    const id = typeof declared?.id === 'string' && /^[a-z0-9][a-z0-9.-]*$/i.test(declared.id) ? declared.id : basename(dir);
    definition = await loadIsolatedPlugin({
      dir,
      entry,
      memoryMb: options.memoryMb,
      dataDir: options.dataRoot ? join(options.dataRoot, id) : undefined,
      setupTimeoutMs: options.setupTimeoutMs,
      logger: options.logger,
      onState,
    });
  } else {
    const module = (await withTimeout(
      `Loading the plugin module at ${dir}`,
      options.setupTimeoutMs,
      () => import(pathToFileURL(entry).href),
    )) as { default?: unknown };
    const candidate = module.default as PluginDefinition | undefined;
    if (!candidate || typeof candidate !== 'object' || typeof candidate.setup !== 'function' || !('manifest' in candidate)) {
      throw new NautilusError('PLUGIN_INVALID', `Plugin at ${dir} must default-export definePlugin({ manifest, setup })`, {
        fields: [{ path: 'default export', message: 'expected { manifest, setup }' }],
      });
    }
    definition = candidate;
  }
  if (declared !== undefined && !isDeepStrictEqual(JSON.parse(JSON.stringify(definition.manifest)), declared)) {
    if (isolated) await definition.teardown?.();
    throw new NautilusError(
      'PLUGIN_INVALID',
      `Plugin at ${dir} exports a manifest that differs from the "nautilus" manifest in its package.json; they must be the same (the package.json one is what the admin approved).`,
      { fields: [{ path: 'package.json#nautilus', message: 'differs from the module manifest' }] },
    );
  }
  return { definition, isolation: isolated ? processIsolationReport(options.memoryMb) : IN_PROCESS_REPORT };
}

/** The manifest a package declares statically in package.json under `nautilus`, if it does. */
export function declaredManifest(dir: string): Record<string, unknown> | undefined {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { nautilus?: unknown };
  return pkg.nautilus && typeof pkg.nautilus === 'object' ? (pkg.nautilus as Record<string, unknown>) : undefined;
}
