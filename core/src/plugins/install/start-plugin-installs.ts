import type { Bus } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Tables } from '../../db/tables.ts';
import { CORE_VERSION } from '../../version.ts';
import type { PluginHost } from '../plugin-host.ts';
import { PluginInstaller } from './plugin-installer.ts';

/**
 * The installer as the server runs it: the approved, enabled installed plugins loaded into `host`
 * (never a staged one), and other instances' install changes followed over the bus.
 */
export async function startPluginInstalls(options: {
  db: Kysely<Tables>;
  host: PluginHost;
  config: Config;
  bus: Bus;
  logger: Logger;
}): Promise<{ installer: PluginInstaller; stop: () => Promise<void> }> {
  const installer = createInstaller(options);
  await installer.loadInstalled();
  const stop = await installer.follow();
  return { installer, stop };
}

/** An installer for this configuration; without a host (the CLI) it records installs for the server to load. */
export function createInstaller(options: {
  db: Kysely<Tables>;
  host?: PluginHost;
  config: Config;
  bus?: Bus;
  logger: Logger;
}): PluginInstaller {
  return new PluginInstaller({
    db: options.db,
    host: options.host,
    dataDir: options.config.dataDir,
    coreVersion: CORE_VERSION,
    registry: options.config.npmRegistry,
    requireSignedByEnvironment: options.config.requireSignedPlugins,
    bus: options.bus,
    logger: options.logger,
  });
}
