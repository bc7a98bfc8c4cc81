import type { Bus } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { ProviderAdmin } from './provider-admin.ts';
import { createSecretBox, loadSecretsKey } from './secret-box.ts';
import { StoredSecrets } from './stored-secrets.ts';

export interface PreparedProviders {
  /** Plugin settings as plugins start with them: saved on the Data sources page, under NAUTILUS_PLUGIN_CONFIG's. */
  pluginConfig: Record<string, Record<string, unknown>>;
  /** `NAUTILUS_SECRET_<NAME>` first, then the secrets entered on the Data sources page. */
  readSecret: (name: string) => string | undefined;
  /** The Data sources page's service; with a bus, changes reach the other instances. */
  admin(plugins: PluginHost, bus?: Bus): ProviderAdmin;
}

/** Opens the stored provider secrets and settings, before the plugins load. */
export async function prepareProviders(db: Kysely<Tables>, config: Config, logger: Logger): Promise<PreparedProviders> {
  const secrets = new StoredSecrets(db, createSecretBox(loadSecretsKey(config.secretsKey, config.dataDir)));
  const unreadable = await secrets.load();
  if (unreadable.length > 0) {
    logger.warn(
      { secrets: unreadable },
      'stored provider secrets do not open with this secrets key (NAUTILUS_SECRETS_KEY or <dataDir>/secrets.key); enter them again on the Data sources page',
    );
  }
  const saved = await ProviderAdmin.savedConfig(db);
  const pluginConfig: Record<string, Record<string, unknown>> = {};
  for (const id of new Set([...Object.keys(saved), ...Object.keys(config.pluginConfig)])) {
    pluginConfig[id] = { ...saved[id], ...config.pluginConfig[id] };
  }
  return {
    pluginConfig,
    readSecret: (name) => (Object.hasOwn(config.secrets, name) ? config.secrets[name] : secrets.get(name)),
    admin: (plugins, bus) =>
      new ProviderAdmin({
        bus,
        db,
        plugins,
        secrets,
        environmentSecrets: config.secrets,
        environmentConfig: config.pluginConfig,
        effectiveConfig: pluginConfig,
      }),
  };
}
