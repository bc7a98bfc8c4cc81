#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { isNautilusError, TIMEFRAMES } from '@nautilus/sdk';
import { Command, Option } from 'commander';
import { createApiKey } from './auth/api-keys.ts';
import { generatePassword } from './auth/passwords.ts';
import { createUser, findUserByName } from './auth/users.ts';
import { type BacktestCommandOptions, backtestCommand, describeCommandError } from './backtests/backtest-command.ts';
import { backupCommand, restoreCommand } from './backup/backup-command.ts';
import { MemoryBus } from './bus/memory-bus.ts';
import { type Config, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { ROLES } from './db/tables.ts';
import { createLogger } from './logger.ts';
import {
  confirm,
  describeDependents,
  describeReview,
  keygen,
  loadInstalledInto,
  signFolder,
  stageSpec,
  withInstaller,
} from './plugins/install/install-command.ts';
import { SCAFFOLD_KINDS } from './plugins/scaffold/scaffold-kinds.ts';
import { scaffoldPlugin } from './plugins/scaffold/scaffold-plugin.ts';
import { isThirdParty, trustWarning } from './plugins/trust-warning.ts';
import { loadPlugins, startServer } from './server.ts';
import { reexecWithoutSecrets, takeHandedOverSecrets } from './server-secrets.ts';
import { runWorkerCommand, type WorkerCommandOptions } from './sweeps/worker-command.ts';
import { exportCommand, type ImportCommandOptions, importCommand, withTemplateContext } from './templates/templates-command.ts';
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

const plugins = program.command('plugins').description('inspect, install and sign plugins');
plugins
  .command('list')
  .description('load every plugin as the server would and show its state')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) => {
    reexecWithoutSecrets();
    const config = loadConfig();
    const host = await loadPlugins(config, createLogger('silent'), new MemoryBus());
    const unlisted = await loadInstalledInto(config, host);
    if (unlisted) console.error(`note: ${unlisted}`);
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

plugins
  .command('install <package>')
  .description(
    'install a plugin package: a tarball (npm pack), a URL, a folder, or <name>[@<version>] from the npm registry (NAUTILUS_NPM_REGISTRY); prints what it declares and asks first',
  )
  .option('--integrity <sri>', 'the sha512 the package must have: sha512-<base64>')
  .option('--yes', 'approve without asking')
  .action(async (spec: string, options: { integrity?: string; yes?: boolean }) => {
    await withInstaller(loadConfig(), async (installer) => {
      const review = await stageSpec(installer, spec, options.integrity);
      console.log(describeReview(review));
      if (review.refusal) {
        process.exitCode = 1;
        return;
      }
      if (!options.yes && !(await confirm(`Install ${review.pluginId}@${review.version} with these permissions?`))) {
        console.log('Not installed: it stays staged for review on the Plugins page (or run again with --yes).');
        process.exitCode = 1;
        return;
      }
      const plugin = await installer.approve(review.pluginId, review.version, review.integrity);
      console.log(
        `installed ${plugin.pluginId}@${plugin.version}; a server loads it at start (a running one sharing this database over Redis loads it now)`,
      );
    });
  });
plugins
  .command('uninstall <plugin-id>')
  .description('uninstall an installed plugin; lists the dashboards and deployments using it and asks first')
  .option('--yes', 'uninstall without asking')
  .action(async (pluginId: string, options: { yes?: boolean }) => {
    await withInstaller(loadConfig(), async (installer) => {
      console.log(describeDependents(await installer.dependents(pluginId)));
      if (!options.yes && !(await confirm(`Uninstall ${pluginId}?`))) {
        console.log('Not uninstalled (run again with --yes to skip the question).');
        process.exitCode = 1;
        return;
      }
      await installer.uninstall(pluginId);
      console.log(`uninstalled ${pluginId}`);
    });
  });
plugins
  .command('keygen <name>')
  .description('make an ed25519 signing key: writes the private key file (keep it secret) and prints the public key to trust')
  .option('--out <file>', 'where to write the private key (default <name>.nautilus-key.pem)')
  .action((name: string, options: { out?: string }) => {
    const key = keygen(name, options.out);
    console.log(`private key: ${key.file} (mode 0600; keep it secret)\nkey id:      ${key.keyId}\npublic key:  ${key.publicKey}`);
    console.log(`Trust it on the Plugins page, or: nautilus plugins trust "${name}" ${key.publicKey}`);
  });
plugins
  .command('sign <dir>')
  .description('sign a plugin folder as it will be packed: writes nautilus-signature.json (sha512 of every file, signed)')
  .requiredOption('--key <file>', 'the private key file from `plugins keygen`')
  .action((dir: string, options: { key: string }) => {
    const signed = signFolder(dir, options.key);
    console.log(`signed ${signed.files} files with key ${signed.keyId} into ${signed.file}`);
  });
plugins
  .command('trust <name> <public-key>')
  .description('trust a signing key (ed25519:<base64>, as keygen prints it) under a name')
  .action(async (name: string, publicKey: string) => {
    const key = await withInstaller(loadConfig(), (installer) => installer.trust.addKey(name, publicKey, null));
    console.log(`trusted ${key.name} (${key.keyId})`);
  });
plugins
  .command('untrust <key-id>')
  .description('stop trusting a signing key')
  .action(async (keyId: string) => {
    await withInstaller(loadConfig(), (installer) => installer.trust.removeKey(keyId));
    console.log(`no longer trusted: ${keyId}`);
  });
plugins
  .command('new <id>')
  .description('scaffold a plugin package that builds, tests and packs on its own, against a packed @nautilus/sdk')
  .addOption(new Option('--kind <kind>', 'what the plugin contributes').choices(SCAFFOLD_KINDS).makeOptionMandatory())
  .option('--dir <path>', 'folder to create (default ./nautilus-plugin-<id with dashes>)')
  .option('--sdk <spec>', 'how devDependencies name @nautilus/sdk, e.g. file:../nautilus-sdk-0.1.0.tgz (default ^<version>)')
  .option('--widget-kit <spec>', 'how a widget plugin names @nautilus/widget-kit, e.g. file:../nautilus-widget-kit-0.1.0.tgz')
  .action((id: string, options: { kind: string; dir?: string; sdk?: string; widgetKit?: string }) => {
    const made = scaffoldPlugin({
      id,
      kind: options.kind,
      dir: options.dir,
      sdkSpec: options.sdk,
      widgetKitSpec: options.widgetKit,
    });
    console.log(
      `created ${made.manifest.id} (${options.kind}) in ${made.dir}:\n${made.files.map((file) => `  ${file}`).join('\n')}`,
    );
    console.log(
      `next: cd ${made.dir} && npm install && npm test && npm pack; then nautilus plugins install ./${made.packageName}-0.1.0.tgz`,
    );
  });

program
  .command('backtest <file>')
  .description('backtest a strategy file, sandboxed, on bars from a data source (no database needed) and print its metrics')
  .requiredOption('--symbol <symbol>', 'instrument, e.g. SIM:AAPL')
  .addOption(new Option('--timeframe <timeframe>', 'bar size').choices(TIMEFRAMES).makeOptionMandatory())
  .requiredOption('--from <time>', "first bar's time: 2024-01-01, 2024-01-01T14:30Z or now-1y")
  .requiredOption('--to <time>', 'end of the range (exclusive)')
  .option('--data-source <ref>', 'bar source <pluginId>/<dataSourceId> (default: NAUTILUS_DEFAULT_BARS, the simulated market)')
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

program
  .command('worker')
  .description(
    'run parameter-sweep backtests from the BullMQ queue (needs REDIS_URL and DATABASE_URL); start any number, on any machine reaching both',
  )
  .option('--concurrency <n>', 'points this worker runs at once', '1')
  .option(
    '--lock-ms <ms>',
    "how long a job's lock lasts: a worker that dies has its point retried by another after about this long",
    '30000',
  )
  .option('--queue <name>', 'the BullMQ queue (NAUTILUS_SWEEP_QUEUE of the servers; default nautilus-sweeps)')
  .action(async (options: WorkerCommandOptions) => {
    reexecWithoutSecrets();
    await runWorkerCommand(loadConfig(), options);
  });

program
  .command('backup <file>')
  .description(
    'write the database and the data dir (secrets key, installed plugins, plugin data) into one file, mode 0600: the embedded database with the server stopped, PostgreSQL (DATABASE_URL) with pg_dump while it runs',
  )
  .option('--data-dir <dir>', 'the data dir to back up (NAUTILUS_DATA_DIR, default ./.nautilus)')
  .action(async (file: string, options: { dataDir?: string }) => {
    console.log(await backupCommand(configWith({ NAUTILUS_DATA_DIR: options.dataDir }), file));
  });

program
  .command('restore <file>')
  .description(
    'restore a backup file into the data dir (and into DATABASE_URL, which must be an empty database, for a PostgreSQL backup); checks the whole file first and refuses a damaged, foreign or newer one',
  )
  .option('--data-dir <dir>', 'the data dir to restore into (NAUTILUS_DATA_DIR, default ./.nautilus)')
  .option('--force', 'when the data dir already holds a database or files, move it aside (kept, renamed) instead of refusing')
  .action(async (file: string, options: { dataDir?: string; force?: boolean }) => {
    console.log(await restoreCommand(configWith({ NAUTILUS_DATA_DIR: options.dataDir }), file, options.force === true));
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

const templates = program
  .command('templates')
  .description('export dashboards as template files and import them (stop the server first when it uses the embedded database)');
templates
  .command('export <dashboard-id>')
  .description(
    'print a dashboard as a template file (the same bytes for the same dashboard): nautilus templates export <id> > file.json',
  )
  .option('--template-id <id>', "the template's kebab-case id (default: the template it came from, else from its title)")
  // Not --version: that one prints Nautilus's own.
  .option('--template-version <version>', "the template's version, major.minor.patch (default: the one it came from, else 1.0.0)")
  .action(async (dashboardId: string, options: { templateId?: string; templateVersion?: string }) => {
    reexecWithoutSecrets();
    const text = await withTemplateContext(loadConfig(), (db, plugins) => exportCommand(db, plugins, dashboardId, options));
    process.stdout.write(text);
  });
templates
  .command('import <file>')
  .description('import a template file: prints what it would do with --dry-run, creates the dashboard otherwise')
  .option(
    '--map <input=value>',
    'an input: a data source <pluginId>/<source> or a variable value; repeat for several',
    (value: string, all: string[]) => [...all, value],
    [],
  )
  .option('--dry-run', 'print what would be created, missing plugins and errors; write nothing')
  .option('--owner <username>', 'who owns the new dashboard (default admin)')
  .option('--replace <dashboard-id>', 'save it as a new version of this dashboard, made from the same template')
  .option('--base-version <n>', 'with --replace: the version you reviewed (default: the current one)')
  .action(async (file: string, options: ImportCommandOptions) => {
    reexecWithoutSecrets();
    const text = await readFile(file, 'utf8');
    const result = await withTemplateContext(loadConfig(), (db, plugins) => importCommand(db, plugins, text, options));
    console.log(result.output);
    if (!result.ok) process.exitCode = 1;
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
