import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import { endIdleSessionProcesses, prepareSessionProcesses, prepareTypeCheck } from '@nautilus/runtime';
import type { Logger } from 'pino';
import type { Services } from './api/context.ts';
import { createPasswordCheckBudget } from './auth/password-check-budget.ts';
import { ensureAdmin } from './auth/users.ts';
import { createBus, redactUrl } from './bus/create-bus.ts';
import { RedisBus } from './bus/redis-bus.ts';
import type { GpuProvider } from './compute/compute-service.ts';
import { createWebGpuProvider, type WebGpuProvider } from './compute/webgpu-provider.ts';
import type { Config } from './config.ts';
import { loadCorePlugin } from './core-plugin.ts';
import { describeModeChanges, tightenDataDir } from './db/data-dir-modes.ts';
import { openDatabase } from './db/database.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { registerServiceMetrics } from './http/service-metrics.ts';
import { createStartupGate, type FetchHandler } from './http/startup-gate.ts';
import { createLiveHub, registerCoreSources } from './live/create-live-hub.ts';
import { LiveGateway, reject } from './live/live-gateway.ts';
import { createLogger } from './logger.ts';
import { bookChannelSource } from './market/book-channel-source.ts';
import { startPluginInstalls } from './plugins/install/start-plugin-installs.ts';
import type { ContextOptions } from './plugins/plugin-context.ts';
import { PluginHost } from './plugins/plugin-host.ts';
import { createSharedRequestWindow } from './plugins/shared-request-window.ts';
import { type PreparedProviders, prepareProviders } from './providers/prepare-providers.ts';
import { keepAlertsPruned } from './risk/alert-store.ts';
import { removeServerSecrets } from './server-secrets.ts';
import { startStrategyServices } from './strategy-services.ts';
import { CORE_VERSION } from './version.ts';

export interface NautilusServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Where the one-time admin password goes; stdout by default. */
  print?: (text: string) => void;
}

/**
 * Loads plugins the way the server does, for the server and for `nautilus plugins list`. The GPU
 * device is made only when a kernel first asks for it, so commands that run none never touch it.
 * The server's secrets leave `process.env` first: plugins get theirs only through `ctx.secrets`.
 */
export async function loadPlugins(
  config: Config,
  logger: Logger,
  bus: Services['bus'],
  gpu: GpuProvider = gpuProvider(config, logger),
  providers?: Pick<PreparedProviders, 'pluginConfig' | 'readSecret'>,
): Promise<PluginHost> {
  const host = new PluginHost({
    coreVersion: CORE_VERSION,
    folders: config.pluginFolders,
    logger,
    bus,
    pluginConfig: providers?.pluginConfig ?? config.pluginConfig,
    readSecret: providers?.readSecret ?? ((name) => (Object.hasOwn(config.secrets, name) ? config.secrets[name] : undefined)),
    setupTimeoutMs: config.pluginSetupTimeoutMs,
    callTimeoutMs: config.pluginCallTimeoutMs,
    fetchTimeoutMs: config.pluginFetchTimeoutMs,
    windowFor: sharedWindows(bus, logger),
    gpu,
    isolation: { policy: config.pluginIsolation, memoryMb: config.pluginMemoryMb, dataRoot: join(config.dataDir, 'plugin-data') },
    roles: config.pluginRoles,
  });
  removeServerSecrets(process.env);
  await host.loadAll();
  return host;
}

/**
 * With Redis, providers' rate limits are counted across every instance (a quota belongs to the API
 * key, not to one server); without it each instance keeps its own count.
 */
function sharedWindows(bus: Services['bus'], logger: Logger): ContextOptions['windowFor'] {
  if (!(bus instanceof RedisBus)) return undefined;
  let warned = false;
  return (key, requests, windowMs) =>
    createSharedRequestWindow(bus.commands, key, requests, windowMs, (error) => {
      if (warned) return;
      warned = true;
      logger.warn({ err: error }, 'Redis failed a rate-limit check: provider limits are counted per instance until it answers');
    });
}

function gpuProvider(config: Config, logger: Logger): WebGpuProvider {
  return createWebGpuProvider({ mode: config.webgpu, onWarning: (message, fields) => logger.warn(fields, message) });
}

function adminBanner(username: string, password: string, url: string): string {
  const line = '='.repeat(72);
  return [
    line,
    '  Nautilus created the first user. This password is shown only this once.',
    `    username: ${username}`,
    `    password: ${password}`,
    `  Log in at ${url} and keep the password somewhere safe.`,
    line,
    '',
  ].join('\n');
}

/** What start-up waits for, in order; `/readyz` names those still running. */
const STARTUP_STEPS = ['database', 'bus', 'plugins', 'strategy services', 'first admin'] as const;

/**
 * Serves HTTP on `config.host:config.port` at once (answering 503 with Retry-After, and `/readyz`
 * with what is still starting), then opens the database (migrating it), the bus and the plugins,
 * starts the strategy services and creates the first admin on an empty database; only then does the
 * API answer.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<NautilusServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  const tightened = tightenDataDir(config.dataDir);
  if (tightened.length > 0) {
    logger.warn(
      { dataDir: config.dataDir, changed: tightened.length },
      `tightened permissions other users had on the data dir: ${describeModeChanges(tightened)}`,
    );
  }
  const gate = createStartupGate(STARTUP_STEPS);
  // WebSocket upgrades: `GET /live` once the app is ready (503 before), nothing else.
  let gateway: LiveGateway | undefined;
  const http = await listen(config, gate, (request, socket, head) => {
    if (gateway?.handles(request)) void gateway.upgrade(request, socket, head);
    else if (gateway) reject(socket, 404, 'Not Found');
    else reject(socket, 503, 'Service Unavailable');
  });
  const { url } = http;
  logger.info({ url }, 'Nautilus is starting');
  const cleanup: (() => Promise<void>)[] = [];
  const close = async () => {
    gate.stopping();
    // Live clients are told first (1001), so they reconnect to another instance while this one stops.
    await gateway?.close();
    await http.close();
    await runAll(cleanup);
  };
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onConnectionError: (error) =>
        logger.warn({ err: error }, 'an idle database connection failed; the pool opens a new one on the next query'),
    });
    cleanup.unshift(() => database.close());
    gate.done('database');
    const bus = await createBus(config.redisUrl, (error) => logger.error({ err: error }, 'bus error'));
    cleanup.unshift(() => bus.close());
    gate.done('bus');
    const live = createLiveHub({ bus, config, logger, instanceId: randomUUID() });
    const gpu = gpuProvider(config, logger);
    cleanup.unshift(() => gpu.destroy());
    let plugins: PluginHost | undefined;
    const metrics = createMetrics(
      () => plugins,
      database.poolStats,
      () => live.stats,
    );
    const providers = await prepareProviders(database.db, config, logger);
    plugins = await loadPlugins(config, logger, bus, gpu, providers);
    // Installed plugins come from the install store: approved and enabled ones only.
    const installs = await startPluginInstalls({ db: database.db, host: plugins, config, bus, logger });
    cleanup.unshift(installs.stop);
    const risk = await loadCorePlugin(plugins, database.db);
    cleanup.unshift(() => (plugins as PluginHost).teardown());
    gate.done('plugins');
    // Resumes deployments left running; closed before the plugins, the bus and the database go.
    const strategy = await startStrategyServices({ db: database.db, plugins, bus, logger, config, live });
    registerCoreSources(live, { db: database.db, plugins, feeds: strategy.feeds, bus, logger });
    live.register(bookChannelSource({ plugins, feeds: strategy.books, bus, hub: live, logger }));
    cleanup.unshift(() => strategy.close());
    const stopPruning = keepAlertsPruned(database.db, config.alertRetentionDays, (error) =>
      logger.warn({ err: error }, 'could not prune old risk alerts'),
    );
    cleanup.unshift(async () => stopPruning());
    gate.done('strategy services');
    const providerAdmin = providers.admin(plugins, bus);
    const unfollow = await providerAdmin.follow(logger);
    cleanup.unshift(unfollow);
    const services: Services = {
      db: database.db,
      plugins,
      bus,
      config,
      metrics,
      logger,
      backtests: strategy.backtests,
      feeds: strategy.feeds,
      deployments: strategy.deployments,
      sweeps: strategy.sweeps,
      risk,
      passwordChecks: createPasswordCheckBudget(config, logger),
      providers: providerAdmin,
      pluginInstalls: installs.installer,
      live,
    };
    registerServiceMetrics(metrics.registry, { services, queryErrors: database.queryErrors });
    const app = createApp(services);

    // Last, so that a start-up that fails never leaves an admin whose password nobody saw.
    const admin = await ensureAdmin(database.db, config.adminPassword);
    if (admin?.generated) print(adminBanner(admin.username, admin.password, url));
    else if (admin) logger.info({ username: admin.username }, 'created the first admin with NAUTILUS_ADMIN_PASSWORD');
    gate.open(app);
    gateway = new LiveGateway({ hub: live, services });
    // The first backtest then finds a strategy session process waiting instead of starting one.
    prepareSessionProcesses().catch((error: unknown) =>
      logger.warn({ err: error }, 'could not start a strategy session process ahead of time'),
    );
    cleanup.push(async () => endIdleSessionProcesses());
    // The first strategy save then finds the type checker warm (TypeScript and its library load in ~2 s).
    setTimeout(
      () =>
        void prepareTypeCheck().catch((error: unknown) =>
          logger.warn({ err: error }, 'could not prepare the strategy type check'),
        ),
      1_000,
    ).unref();

    logger.info(
      {
        url,
        version: CORE_VERSION,
        database: database.kind === 'postgres' ? redactUrl(config.databaseUrl ?? '') : `pglite:${config.dataDir}`,
        bus: bus.kind,
        plugins: plugins.list().map((plugin) => `${plugin.id}:${plugin.state}`),
      },
      'Nautilus is listening',
    );
    return { url, services, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Binds the port (0 picks a free one) and serves `handler`; `close` stops taking connections and drops open ones. */
async function listen(
  config: Config,
  handler: FetchHandler,
  upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: handler.fetch, hostname: config.host, port: config.port });
  server.on('upgrade', upgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

async function runAll(steps: (() => Promise<void>)[]): Promise<void> {
  for (const step of steps.splice(0)) await step().catch(() => {});
}
