#!/usr/bin/env node
import { isNautilusError, TIMEFRAMES } from '@nautilus/sdk';
import { Command, Option } from 'commander';
import { createApiKey } from './auth/api-keys.ts';
import { generatePassword } from './auth/passwords.ts';
import { createUser, findUserByName } from './auth/users.ts';
import { type BacktestCommandOptions, backtestCommand, describeCommandError } from './backtests/backtest-command.ts';
import { MemoryBus } from './bus/memory-bus.ts';
import { type Config, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { ROLES } from './db/tables.ts';
import { createLogger } from './logger.ts';
import { isThirdParty, trustWarning } from './plugins/trust-warning.ts';
import { loadPlugins, startServer } from './server.ts';
import { reexecWithoutSecrets, takeHandedOverSecrets } from './server-secrets.ts';
import { CORE_VERSION } from './version.ts';

// Commands that load plugins first re-execute without the server's secrets in their environment.
takeHandedOverSecrets();

/** Options given on the command line win over the environment. */
function configWith(overrides: Record<string, string | undefined>): Config {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) env[name] = value;
  return loadConfig(env);
}

async function withDatabase<T>(
  config: Config,
  work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

const program = new Command()
  .name('nautilus')
  .description(
    'Nautilus: a plugin-based dashboard and strategy platform for traders.\nConfiguration comes from the environment; see the README.',
  )
  .version(CORE_VERSION);

program
  .command('start')
  .description('start the server (builder app, API at /trpc, /healthz, /metrics)')
  .option('--host <host>', 'address to bind (NAUTILUS_HOST, default 127.0.0.1)')
  .option('--port <port>', 'port to listen on (NAUTILUS_PORT, default 3000; 0 picks a free one)')
  .option('--data-dir <dir>', 'embedded database and installed plugins (NAUTILUS_DATA_DIR, default ./.nautilus)')
  .action(async (options: { host?: string; port?: string; dataDir?: string }) => {
    reexecWithoutSecrets();
    const config = configWith({ NAUTILUS_HOST: options.host, NAUTILUS_PORT: options.port, NAUTILUS_DATA_DIR: options.dataDir });
    const server = await startServer(config);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      server.services.logger.info({ signal }, 'shutting down');
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  });

const plugins = program.command('plugins').description('inspect plugins');
plugins
  .command('list')
  .description('load every plugin as the server would and show its state')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) => {
    reexecWithoutSecrets();
    const config = loadConfig();
    const host = await loadPlugins(config, createLogger('silent'), new MemoryBus());
    const list = host.list();
    await host.teardown();
    if (options.json) {
      console.log(JSON.stringify(list, null, 2));
      // Warnings on stderr keep stdout parseable JSON.
      const thirdParty = list.filter((plugin) => isThirdParty(plugin.source));
      for (const plugin of thirdParty) console.error(`WARNING: ${trustWarning(plugin.id, plugin.source)}`);
      return;
    }
    for (const plugin of list) {
      const what = Object.entries(plugin.contributes)
        .map(([kind, items]) => `${(items as unknown[]).length} ${kind}`)
        .join(', ');
      console.log(
        `${plugin.state === 'active' ? 'active' : 'FAILED'}  ${plugin.id}@${plugin.version ?? '?'}  (${plugin.source})  ${what}`,
      );
      if (plugin.error) console.log(`        ${plugin.error.code}: ${plugin.error.message}`);
      if (isThirdParty(plugin.source)) console.log(`        WARNING: ${trustWarning(plugin.id, plugin.source)}`);
    }
    if (list.some((plugin) => plugin.state === 'failed')) process.exitCode = 1;
  });

program
  .command('backtest <file>')
  .description('backtest a strategy file, sandboxed, on bars from a data source (no database needed) and print its metrics')
  .requiredOption('--symbol <symbol>', 'instrument, e.g. SIM:AAPL')
  .addOption(new Option('--timeframe <timeframe>', 'bar size').choices(TIMEFRAMES).makeOptionMandatory())
  .requiredOption('--from <time>', "first bar's time: 2024-01-01, 2024-01-01T14:30Z or now-1y")
  .requiredOption('--to <time>', 'end of the range (exclusive)')
  .option('--data-source <ref>', 'bar source <pluginId>/<dataSourceId>', 'nautilus.sim-market/bars')
  .option('--param <name=value>', 'a strategy param; repeat for several', (value: string, all: string[]) => [...all, value], [])
  .option('--cash <amount>', 'initial cash (default 100000)')
  .option('--margin <leverage>', 'a margin account with this leverage, 1 to 100 (default: a cash account, no shorts)')
  .option('--json', 'print the whole result as JSON')
  .action(async (file: string, options: BacktestCommandOptions) => {
    reexecWithoutSecrets();
    const config = loadConfig();
    const host = await loadPlugins(config, createLogger('silent'), new MemoryBus());
    try {
      console.log(await backtestCommand(file, options, host, config.backtestMaxBars));
    } catch (error) {
      console.error(`nautilus: ${describeCommandError(error, file)}`);
      process.exitCode = 1;
    } finally {
      await host.teardown();
    }
  });

const users = program.command('users').description('manage users (stop the server first when it uses the embedded database)');
users
  .command('create <username>')
  .description('create a user; prints a random password unless --password-env names a variable holding one')
  .addOption(new Option('--role <role>', 'role').choices(ROLES).default('editor'))
  .option('--password-env <name>', 'read the password from this environment variable')
  .action(async (username: string, options: { role: (typeof ROLES)[number]; passwordEnv?: string }) => {
    const password = options.passwordEnv ? process.env[options.passwordEnv] : generatePassword();
    if (!password) throw new Error(`The variable ${options.passwordEnv} is empty`);
    const user = await withDatabase(loadConfig(), (db) => createUser(db, { username, password, role: options.role }));
    console.log(`created ${user.username} (${user.role})`);
    if (!options.passwordEnv) console.log(`password: ${password}\n(shown once; keep it safe)`);
  });

const apikeys = program.command('apikeys').description('manage API keys');
apikeys
  .command('create')
  .description('create an API key for a user; the key is printed once')
  .requiredOption('--user <username>', 'the user the key acts as')
  .requiredOption('--name <name>', 'what the key is for, e.g. "grafana scraper"')
  .action(async (options: { user: string; name: string }) => {
    const key = await withDatabase(loadConfig(), async (db) => {
      const user = await findUserByName(db, options.user);
      if (!user) throw new Error(`No user '${options.user}'`);
      return createApiKey(db, user.id, options.name);
    });
    console.log(`API key ${key.id} for ${options.user}:\n${key.key}\n(shown once; send it as "Authorization: Bearer <key>")`);
  });

program.parseAsync().catch((error: unknown) => {
  const message = isNautilusError(error)
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  console.error(`nautilus: ${message}`);
  process.exit(1);
});
