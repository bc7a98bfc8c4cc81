import { fileURLToPath } from 'node:url';
import { type Logger, pino } from 'pino';
import type { Services } from '../src/api/context.ts';
import { appRouter } from '../src/api/router.ts';
import { createPasswordCheckBudget } from '../src/auth/password-check-budget.ts';
import { createUser, ensureAdmin } from '../src/auth/users.ts';
import type { ClosableBus } from '../src/bus/create-bus.ts';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { loadConfig } from '../src/config.ts';
import { loadCorePlugin } from '../src/core-plugin.ts';
import { openDatabase } from '../src/db/database.ts';
import type { Role } from '../src/db/tables.ts';
import { createApp } from '../src/http/app.ts';
import { createMetrics } from '../src/http/metrics.ts';
import { createLiveHub, registerCoreSources } from '../src/live/create-live-hub.ts';
import { startPluginInstalls } from '../src/plugins/install/start-plugin-installs.ts';
import { prepareProviders } from '../src/providers/prepare-providers.ts';
import { loadPlugins } from '../src/server.ts';
import { startStrategyServices } from '../src/strategy-services.ts';
import type { TestDatabase } from './databases.ts';

export const FIXTURE_PLUGINS = fileURLToPath(new URL('./fixtures/plugins', import.meta.url));
export const PASSWORD = 'correct horse battery staple';

export interface Auth {
  cookie?: string;
  apiKey?: string;
  /** The client address the app sees (in-process requests have no socket; `in-process` by default). */
  address?: string;
}

export interface CallResult<T = any> {
  status: number;
  data: T;
  error: {
    message: string;
    data: {
      nautilus: { code: string; message: string; fields: { path: string; message: string }[]; details: Record<string, unknown> };
    };
  };
  headers: Headers;
}

/** The real app (Hono + tRPC + database + plugins) driven in-process over fetch Requests. */
export interface Harness {
  services: Services;
  call<T = any>(procedure: string, input?: unknown, auth?: Auth, kind?: 'query' | 'mutation'): Promise<CallResult<T>>;
  /** A raw request to the app, e.g. a subscription read as a stream; `address` is the client address the app sees. */
  request(path: string, init?: RequestInit, address?: string): Promise<Response>;
  /** Creates a user of `role` (admin exists already) and returns their session cookie. */
  loginAs(role: Role): Promise<Auth>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** `fixtures` (default): the test plugins, some failing on purpose; `first-party`: plugins/* (the simulated market). */
  plugins?: 'fixtures' | 'first-party';
  /** A bus to share with another harness (two instances); a fresh in-process bus by default. */
  bus?: ClosableBus;
  /** Short leases for takeover tests. */
  leaseMs?: number;
  /** Extra configuration variables (e.g. NAUTILUS_ALLOWED_HOSTS). */
  env?: Record<string, string>;
  /** Where the server's log lines go; silent by default. */
  logger?: Logger;
}

/** Whether the router declares `procedure` a query or a mutation (unknown ones are sent as queries). */
function procedureType(procedure: string): string | undefined {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def
    .procedures;
  return procedures[procedure]?._def.type;
}

export async function openHarness(database: TestDatabase, options: HarnessOptions = {}): Promise<Harness> {
  const firstParty = options.plugins === 'first-party';
  const config = loadConfig({
    NAUTILUS_DATA_DIR: database.options.dataDir,
    DATABASE_URL: database.options.databaseUrl,
    NAUTILUS_LOG_LEVEL: 'silent',
    NAUTILUS_PLUGIN_SETUP_TIMEOUT_MS: firstParty ? '10000' : '500',
    NAUTILUS_PLUGIN_CALL_TIMEOUT_MS: firstParty ? '15000' : '500',
    ...options.env,
  });
  if (!firstParty) config.pluginFolders = [{ dir: FIXTURE_PLUGINS, source: 'extra' }];
  else config.pluginFolders = config.pluginFolders.filter((folder) => folder.source === 'first-party');
  const opened = await openDatabase(database.options);
  const logger = options.logger ?? pino({ level: 'silent' });
  const bus = options.bus ?? new MemoryBus();
  const providers = await prepareProviders(opened.db, config, logger);
  const plugins = await loadPlugins(config, logger, bus, undefined, providers);
  const installs = await startPluginInstalls({ db: opened.db, host: plugins, config, bus, logger });
  const risk = await loadCorePlugin(plugins, opened.db);
  const live = createLiveHub({ bus, config, logger, instanceId: 'harness' });
  const strategy = await startStrategyServices({
    live,
    db: opened.db,
    plugins,
    bus,
    logger,
    config,
    feedLeaseMs: options.leaseMs,
    deploymentLeaseMs: options.leaseMs,
  });
  const services: Services = {
    db: opened.db,
    plugins,
    bus,
    config,
    metrics: createMetrics(() => plugins, opened.poolStats),
    logger,
    backtests: strategy.backtests,
    sweeps: strategy.sweeps,
    feeds: strategy.feeds,
    deployments: strategy.deployments,
    risk,
    passwordChecks: createPasswordCheckBudget(config, logger),
    providers: providers.admin(plugins, bus),
    pluginInstalls: installs.installer,
    live,
  };
  registerCoreSources(live, { db: opened.db, plugins, feeds: strategy.feeds, bus, logger });
  const unfollow = await services.providers.follow(logger);
  const app = createApp(services);
  await ensureAdmin(opened.db, PASSWORD);

  const call: Harness['call'] = async (procedure, input, auth = {}, kind) => {
    const mutation = (kind ?? procedureType(procedure)) === 'mutation';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.apiKey) headers.authorization = `Bearer ${auth.apiKey}`;
    const url = mutation
      ? `http://127.0.0.1/trpc/${procedure}`
      : `http://127.0.0.1/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
    const response = await app.request(
      url,
      { method: mutation ? 'POST' : 'GET', headers, ...(mutation ? { body: JSON.stringify(input ?? null) } : {}) },
      { clientAddress: auth.address },
    );
    const body = (await response.json()) as { result?: { data: unknown }; error?: CallResult['error'] };
    return {
      status: response.status,
      data: body.result?.data as any,
      error: body.error as CallResult['error'],
      headers: response.headers,
    };
  };

  let users = 0;
  return {
    services,
    call,
    request: async (path, init, address) => app.request(`http://127.0.0.1${path}`, init, { clientAddress: address }),
    async loginAs(role) {
      const username = role === 'admin' ? 'admin' : `${role}-${++users}`;
      if (role !== 'admin') await createUser(opened.db, { username, password: PASSWORD, role });
      const result = await call('auth.login', { username, password: PASSWORD });
      if (result.status !== 200) throw new Error(`login failed: ${JSON.stringify(result.error)}`);
      const cookie = (result.headers.get('set-cookie') ?? '').split(';')[0] as string;
      return { cookie };
    },
    async close() {
      await unfollow();
      await installs.stop();
      await live.close(1001, 'closing');
      await strategy.close();
      await plugins.teardown();
      await opened.close();
    },
  };
}

/** A valid v1 dashboard document with one panel. */
export function sampleDocument(title = 'Desk'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    title,
    tags: ['equities'],
    variables: [{ name: 'symbol', type: 'instrument', default: 'SIM:AAPL' }],
    timeRange: { from: 'now-7d', to: 'now' },
    refresh: 'off',
    panels: [
      {
        id: 'price',
        type: 'nautilus.widgets-core/candlestick',
        pluginVersion: '0.1.0',
        title: 'Price',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$symbol', timeframe: '1h' } },
        options: {},
      },
    ],
  };
}
