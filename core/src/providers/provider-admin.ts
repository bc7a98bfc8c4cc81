import { randomUUID } from 'node:crypto';
import { type Bus, type Frame, NautilusError, type PluginManifest, resolveTimeRange } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { SourceHealthReport } from '../plugins/source-health.ts';
import type { StoredSecrets } from './stored-secrets.ts';

/** Settings an admin may give a provider on the Data sources page; the plugin validates them further at setup. */
export const providerConfigSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  userAgent: z.string().max(200).optional(),
  allowedHosts: z.array(z.string().max(255)).max(50).optional(),
  allowSelfSignedTls: z.boolean().optional(),
  /** A paid plan's quota instead of the manifest's free-tier limits, on the same hosts. */
  rateLimits: z
    .array(
      z.strictObject({
        requests: z.number().int().min(1).max(1_000_000),
        perSeconds: z
          .number()
          .positive()
          .max(31 * 86_400),
      }),
    )
    .min(1)
    .max(5)
    .optional(),
});
export type ProviderConfig = z.infer<typeof providerConfigSchema>;

/** A secret's state: from the environment (wins, cannot be changed here), stored here, or missing. */
export type SecretState = 'environment' | 'stored' | 'missing';

export interface ProviderView {
  id: string;
  name: string;
  description: string;
  hosts: string[];
  /** Each declared limit (and its copy for a configured base URL) with what is used of it now. */
  rateLimits: { host: string; requests: number; perSeconds: number; used: number; remaining: number }[];
  secrets: { name: string; state: SecretState }[];
  /** Settings saved here; `environmentConfig` keys (NAUTILUS_PLUGIN_CONFIG) win over them. */
  config: ProviderConfig;
  environmentConfig: string[];
  dataSources: { ref: string; name: string; health: SourceHealthReport }[];
  canTest: boolean;
}

const configKey = (id: string) => `plugin-config.${id}`;

/** Where an instance says it changed a provider's key or settings, so the others set it up again too. */
export const PROVIDERS_TOPIC = 'nautilus.providers.changed';

/**
 * What the Data sources page manages: the provider plugins (those reaching a network or reading a
 * secret), their secrets (write-only, sealed at rest), their settings, a connection test and health.
 * A change sets the plugin up again at once; a setting the plugin refuses is not kept.
 */
export class ProviderAdmin {
  readonly #db: Kysely<Tables>;
  readonly #plugins: PluginHost;
  readonly #secrets: StoredSecrets;
  readonly #environmentSecrets: Readonly<Record<string, string>>;
  /** NAUTILUS_PLUGIN_CONFIG, by plugin id. */
  readonly #environmentConfig: Readonly<Record<string, Record<string, unknown>>>;
  /** The config the host sets plugins up with, kept in step (environment over saved). */
  readonly #effective: Record<string, Record<string, unknown>>;
  readonly #bus: Bus | undefined;
  /** This instance, so it does not set a plugin up twice on its own message. */
  readonly #origin = randomUUID();

  constructor(options: {
    bus?: Bus;
    db: Kysely<Tables>;
    plugins: PluginHost;
    secrets: StoredSecrets;
    environmentSecrets: Readonly<Record<string, string>>;
    environmentConfig: Readonly<Record<string, Record<string, unknown>>>;
    effectiveConfig: Record<string, Record<string, unknown>>;
  }) {
    this.#db = options.db;
    this.#plugins = options.plugins;
    this.#secrets = options.secrets;
    this.#environmentSecrets = options.environmentSecrets;
    this.#environmentConfig = options.environmentConfig;
    this.#effective = options.effectiveConfig;
    this.#bus = options.bus;
  }

  /**
   * Follows the other instances' changes (over the bus; Redis when there are several): reads the
   * stored secrets and the plugin's saved settings again and sets that plugin up again. Returns the
   * unsubscribe.
   */
  async follow(logger: Logger): Promise<() => Promise<void>> {
    if (!this.#bus) return async () => {};
    return this.#bus.subscribe(PROVIDERS_TOPIC, async (message) => {
      const { pluginId, origin } = (message ?? {}) as { pluginId?: unknown; origin?: unknown };
      if (origin === this.#origin || typeof pluginId !== 'string' || !this.#plugins.manifest(pluginId)) return;
      try {
        await this.#secrets.load();
        const saved = (await ProviderAdmin.savedConfig(this.#db))[pluginId] ?? {};
        const effective = { ...saved, ...(this.#environmentConfig[pluginId] ?? {}) };
        await this.#plugins.reload(pluginId, effective);
        this.#effective[pluginId] = effective;
      } catch (error) {
        logger.warn({ err: error, plugin: pluginId }, 'could not apply a provider change made on another instance');
      }
    });
  }

  async #announce(pluginId: string): Promise<void> {
    await this.#bus?.publish(PROVIDERS_TOPIC, { pluginId, origin: this.#origin });
  }

  /** Saved settings of every plugin, merged under the environment's, before plugins load. */
  static async savedConfig(db: Kysely<Tables>): Promise<Record<string, ProviderConfig>> {
    const rows = await db.selectFrom('data_settings').select(['key', 'value']).where('key', 'like', 'plugin-config.%').execute();
    const saved: Record<string, ProviderConfig> = {};
    for (const row of rows) {
      const parsed = providerConfigSchema.safeParse(typeof row.value === 'string' ? JSON.parse(row.value) : row.value);
      if (parsed.success) saved[row.key.slice('plugin-config.'.length)] = parsed.data;
    }
    return saved;
  }

  #providers(): PluginManifest[] {
    return this.#plugins
      .list()
      .filter((status) => status.state === 'active')
      .map((status) => this.#plugins.manifest(status.id))
      .filter((manifest): manifest is PluginManifest => manifest !== undefined)
      .filter((manifest) => manifest.permissions.network.length > 0 || manifest.permissions.secrets.length > 0);
  }

  #manifest(id: string): PluginManifest {
    const manifest = this.#providers().find((item) => item.id === id);
    if (!manifest) {
      throw new NautilusError('NOT_FOUND', `No provider plugin ${id} is active`, {
        fields: [{ path: 'pluginId', message: 'not an active provider plugin' }],
      });
    }
    return manifest;
  }

  async list(): Promise<ProviderView[]> {
    const saved = await ProviderAdmin.savedConfig(this.#db);
    return this.#providers().map((manifest) => this.#view(manifest, saved[manifest.id] ?? {}));
  }

  #view(manifest: PluginManifest, config: ProviderConfig): ProviderView {
    const sources = manifest.contributes.dataSources ?? [];
    return {
      id: manifest.id,
      name: manifest.name,
      description: manifest.description,
      hosts: [...manifest.permissions.network],
      rateLimits: this.#plugins.rateBudget(manifest.id).map((rule) => ({ ...rule })),
      secrets: manifest.permissions.secrets.map((name) => ({
        name,
        state: Object.hasOwn(this.#environmentSecrets, name) ? 'environment' : this.#secrets.has(name) ? 'stored' : 'missing',
      })),
      config,
      environmentConfig: Object.keys(this.#environmentConfig[manifest.id] ?? {}),
      dataSources: sources.map((source) => {
        const ref = `${manifest.id}/${source.id}`;
        return { ref, name: source.name, health: this.#plugins.health.report(ref) };
      }),
      canTest: sources.some((source) => source.connectionTest !== undefined),
    };
  }

  async setSecret(id: string, name: string, value: string): Promise<ProviderView> {
    const manifest = this.#manifest(id);
    if (!manifest.permissions.secrets.includes(name)) {
      throw new NautilusError('VALIDATION', `Plugin ${id} declares no secret ${name}`, {
        fields: [{ path: 'name', message: `one of ${manifest.permissions.secrets.join(', ') || '(none)'}` }],
      });
    }
    if (Object.hasOwn(this.#environmentSecrets, name)) {
      throw new NautilusError(
        'CONFLICT',
        `${name} comes from the environment (NAUTILUS_SECRET_${name}), which wins; change it there.`,
        {
          fields: [{ path: 'name', message: 'set in the environment' }],
        },
      );
    }
    await this.#secrets.set(name, value);
    await this.#plugins.reload(id, this.#effective[id] ?? {});
    await this.#announce(id);
    return this.#view(manifest, (await ProviderAdmin.savedConfig(this.#db))[id] ?? {});
  }

  async clearSecret(id: string, name: string): Promise<ProviderView> {
    const manifest = this.#manifest(id);
    if (!manifest.permissions.secrets.includes(name)) {
      throw new NautilusError('VALIDATION', `Plugin ${id} declares no secret ${name}`, {
        fields: [{ path: 'name', message: 'not declared' }],
      });
    }
    await this.#secrets.delete(name);
    await this.#plugins.reload(id, this.#effective[id] ?? {});
    await this.#announce(id);
    return this.#view(manifest, (await ProviderAdmin.savedConfig(this.#db))[id] ?? {});
  }

  /** Saves settings once the plugin has started with them; a setting it refuses leaves everything as it was. */
  async setConfig(id: string, input: unknown): Promise<ProviderView> {
    const manifest = this.#manifest(id);
    const parsed = providerConfigSchema.safeParse(input);
    if (!parsed.success) {
      throw NautilusError.validation(
        'provider settings',
        parsed.error.issues.map((issue) => ({ path: ['config', ...issue.path].join('.'), message: issue.message })),
      );
    }
    const effective = { ...parsed.data, ...(this.#environmentConfig[id] ?? {}) };
    await this.#plugins.reload(id, effective);
    this.#effective[id] = effective;
    const value = JSON.stringify(parsed.data);
    await this.#db
      .insertInto('data_settings')
      .values({ key: configKey(id), value, updated_at: new Date() })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute();
    await this.#announce(id);
    return this.#view(manifest, parsed.data);
  }

  /** Runs the provider's declared connection test; the answer says how long it took and what came back. */
  async test(id: string): Promise<{ ok: boolean; source: string; ms: number; message: string }> {
    const manifest = this.#manifest(id);
    const source = (manifest.contributes.dataSources ?? []).find((item) => item.connectionTest);
    if (!source?.connectionTest) {
      throw new NautilusError('VALIDATION', `Plugin ${id} declares no connection test`, {
        fields: [{ path: 'pluginId', message: 'no test' }],
      });
    }
    const ref = `${id}/${source.id}`;
    const started = performance.now();
    try {
      const frames = await this.#plugins.query(ref, {
        params: source.connectionTest.params,
        range: resolveTimeRange({ from: 'now-7d', to: 'now' }, Date.now()),
        maxPoints: 100,
      });
      const ms = Math.round(performance.now() - started);
      return { ok: true, source: ref, ms, message: `${source.name} answered in ${ms} ms: ${describe(frames)}` };
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      return { ok: false, source: ref, ms, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

function describe(frames: Frame[]): string {
  const frame = frames[0];
  if (!frame) return 'no data';
  if (frame.kind === 'table') return `${frame.rows.length} rows`;
  if (frame.kind === 'ohlcv') return `${frame.time.length} bars`;
  if (frame.kind === 'timeseries') return `${frame.series.reduce((sum, series) => sum + series.time.length, 0)} points`;
  if (frame.kind === 'book' || frame.kind === 'bookDelta')
    return `${frame.bids.price.length + frame.asks.price.length} book levels`;
  return `value ${frame.value}`;
}
