import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/users.ts';
import { readBackupFile, sha256 } from '../src/backup/backup-file.ts';
import { createDashboard, saveDashboard } from '../src/dashboards/dashboard-store.ts';
import { type DatabaseOptions, openDatabase } from '../src/db/database.ts';
import { createSecretBox, loadSecretsKey } from '../src/providers/secret-box.ts';
import { StoredSecrets } from '../src/providers/stored-secrets.ts';
import { createPortfolio } from '../src/risk/portfolio-store.ts';
import { createStrategy, saveStrategy } from '../src/strategies/strategy-store.ts';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { trpcOverHttp } from '../src/testing/trpc-over-http.ts';
import { dialects, type TestDatabase } from './databases.ts';
import { sampleDocument } from './harness.ts';
import { SMA_CROSSOVER } from './strategies.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = promisify(execFile);
const PASSWORD = 'a long enough password';
const SECRET = 'sk-live-0123456789abcdef';
const pglite = dialects.find((dialect) => dialect.name === 'pglite');
const postgres = dialects.find((dialect) => dialect.name === 'postgres');

/** Runs the real CLI as a user would; answers its exit code and both streams. */
async function nautilus(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const merged: NodeJS.ProcessEnv = { ...process.env, NAUTILUS_LOG_LEVEL: 'silent', DATABASE_URL: undefined, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  try {
    const { stdout, stderr } = await run(process.execPath, ['--no-node-snapshot', cli, ...args], { env: merged });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function withDb<T>(options: DatabaseOptions, work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) {
  const opened = await openDatabase(options);
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

/** Users with several dashboard and strategy versions, a portfolio, a sealed provider secret, plugin files. */
async function seed(options: DatabaseOptions): Promise<void> {
  await withDb(options, async (db) => {
    const admin = await createUser(db, { username: 'admin', password: PASSWORD, role: 'admin' });
    await createUser(db, { username: 'trader', password: PASSWORD, role: 'editor' });
    const dashboard = await createDashboard(db, admin.id, sampleDocument('Desk v1'));
    await saveDashboard(db, admin.id, { id: dashboard.id, baseVersion: 1, document: sampleDocument('Desk v2') });
    await saveDashboard(db, admin.id, {
      id: dashboard.id,
      baseVersion: 2,
      document: sampleDocument('Desk v3'),
      message: 'third',
    });
    const strategy = await createStrategy(db, admin.id, { source: SMA_CROSSOVER });
    await saveStrategy(db, admin.id, { id: strategy.id, baseVersion: 1, source: `${SMA_CROSSOVER}\n// v2\n` });
    await createPortfolio(db, admin.id, {
      name: 'Core book',
      capital: 100_000,
      dataSource: 'nautilus.sim-market/bars',
      positions: [{ symbol: 'SIM:AAPL', quantity: 10 }],
    });
    const secrets = new StoredSecrets(db, createSecretBox(loadSecretsKey(undefined, options.dataDir)));
    await secrets.set('SIM_API_KEY', SECRET);
  });
  const pluginFile = join(options.dataDir, 'plugins', 'acme.widgets', '1.0.0', 'package.json');
  mkdirSync(dirname(pluginFile), { recursive: true });
  writeFileSync(pluginFile, '{"name":"acme-widgets","version":"1.0.0"}\n');
  mkdirSync(join(options.dataDir, 'plugin-data', 'acme.widgets'), { recursive: true });
  writeFileSync(join(options.dataDir, 'plugin-data', 'acme.widgets', 'state.json'), '{"cursor":42}\n');
}

/** Every row of every table, as text, in a fixed order: two databases holding the same data compare equal. */
async function tableContents(options: DatabaseOptions): Promise<Record<string, string[]>> {
  return withDb(options, async (db) => {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
    const contents: Record<string, string[]> = {};
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t order by 1`.execute(db);
      contents[name] = rows.rows.map((row) => row.row);
    }
    return contents;
  });
}

async function openedSecret(options: DatabaseOptions): Promise<{ unreadable: string[]; value: string | undefined }> {
  return withDb(options, async (db) => {
    const secrets = new StoredSecrets(db, createSecretBox(loadSecretsKey(undefined, options.dataDir)));
    const unreadable = await secrets.load();
    return { unreadable, value: secrets.get('SIM_API_KEY') };
  });
}

/** Each path under `dir` with its mode and the sha256 of its bytes: equal before and after means untouched. */
function snapshot(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => {
      const stats = statSync(path);
      const hash = stats.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'dir';
      return `${path} ${(stats.mode & 0o777).toString(8)} ${hash}`;
    });
}

/** Repacks a backup with an edited manifest (the parts as they were), as a forger or a newer Nautilus would. */
async function repack(file: string, out: string, edit: (manifest: any) => void): Promise<void> {
  const { manifest, parts } = await readBackupFile(file);
  const stage = mkdtempSync(join(tmpdir(), 'nautilus-repack-'));
  edit(manifest);
  writeFileSync(join(stage, 'manifest.json'), JSON.stringify(manifest));
  for (const [path, bytes] of parts) {
    mkdirSync(dirname(join(stage, path)), { recursive: true });
    writeFileSync(join(stage, path), bytes);
  }
  await create({ gzip: true, file: out, cwd: stage, portable: true }, ['manifest.json', ...parts.keys()]);
  rmSync(stage, { recursive: true, force: true });
}

describe.skipIf(!pglite || pglite.skip)('nautilus backup and restore, embedded database', () => {
  const root = mkdtempSync(join(tmpdir(), 'nautilus-backup-e2e-'));
  const source = join(root, 'source');
  const backup = join(root, 'nautilus.backup');
  let before: Record<string, string[]>;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await seed({ dataDir: source });
    before = await tableContents({ dataDir: source });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up into one 0600 file whose manifest comes first and describes every part', async () => {
    const result = await nautilus(['backup', backup], { NAUTILUS_DATA_DIR: source });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`backed up to ${backup}`);
    expect(result.stderr).toContain('backup: reading the embedded database');
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readdirSync(root).sort()).toEqual(['nautilus.backup', 'source']);
    const { manifest, parts } = await readBackupFile(backup);
    expect(manifest).toMatchObject({ format: 'nautilus-backup', formatVersion: 1, secretsKey: 'data-dir' });
    expect(manifest.database.kind).toBe('pglite');
    expect(manifest.database.migrations).toContain('0001_initial');
    expect(manifest.database.rowCounts).toMatchObject({ users: 2, dashboard_versions: 3, strategy_versions: 2, portfolios: 1 });
    expect([...parts.keys()].sort()).toEqual([
      'data/plugin-data/acme.widgets/state.json',
      'data/plugins/acme.widgets/1.0.0/package.json',
      'data/secrets.key',
      'database/pglite.tar',
    ]);
    expect(parts.get('data/secrets.key')?.toString()).toBe(readFileSync(join(source, 'secrets.key'), 'utf8'));
  }, 180_000);

  it('refuses a backup file inside the data dir it backs up', async () => {
    const inside = join(source, 'nautilus.backup');
    const result = await nautilus(['backup', inside], { NAUTILUS_DATA_DIR: source });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`VALIDATION: ${inside} is inside the data dir ${source}`);
    expect(existsSync(inside)).toBe(false);
  }, 180_000);

  it('restores into a new data dir the same rows of every table, a secret that decrypts, and the plugin files', async () => {
    const target = join(root, 'restored');
    const result = await nautilus(['restore', backup, '--data-dir', target], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`restored ${backup} into ${target}`);
    expect(await tableContents({ dataDir: target })).toEqual(before);
    expect(before.dashboard_versions).toHaveLength(3);
    expect(await openedSecret({ dataDir: target })).toEqual({ unreadable: [], value: SECRET });
    expect(statSync(join(target, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(target, 'plugin-data', 'acme.widgets', 'state.json'), 'utf8')).toBe('{"cursor":42}\n');
    expect(readdirSync(root).filter((name) => name.includes('.restore-'))).toEqual([]);
  }, 180_000);

  it('starts a server on the restored data dir where a user logs in, and refuses a backup while it runs', async () => {
    const target = join(root, 'restored');
    server = await startServerProcess({ NAUTILUS_DATA_DIR: target });
    const login = await trpcOverHttp(server.url, 'auth.login', { username: 'trader', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.cookie).toBeTruthy();

    const file = join(root, 'while-running.backup');
    const refused = await nautilus(['backup', file], { NAUTILUS_DATA_DIR: target });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('CONFLICT: Cannot back up while a server uses the embedded database');
    expect(refused.stderr).toContain(`in use by process ${server.child.pid}`);
    expect(refused.stderr).toContain('Stop that Nautilus first');
    expect(existsSync(file)).toBe(false);
    expect(await server.stop()).toBe(0);
    server = undefined;
  }, 240_000);

  it('refuses a data dir that holds a database without --force, and with --force moves it aside', async () => {
    const target = join(root, 'restored');
    const untouched = snapshot(root);
    const refused = await nautilus(['restore', backup], { NAUTILUS_DATA_DIR: target });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`CONFLICT: The data dir ${target} already holds a database (db/)`);
    expect(refused.stderr).toContain('--force');
    expect(snapshot(root)).toEqual(untouched);

    const forced = await nautilus(['restore', backup, '--force'], { NAUTILUS_DATA_DIR: target });
    expect(forced.code, forced.stderr).toBe(0);
    const aside = /kept at (\S+)/.exec(forced.stdout)?.[1] as string;
    expect(aside.startsWith(`${target}.before-restore-`)).toBe(true);
    expect(existsSync(join(aside, 'db', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(aside, 'nautilus.pid'))).toBe(false);
    expect(await tableContents({ dataDir: target })).toEqual(before);
  }, 180_000);

  describe('refuses a damaged, foreign or newer file, naming the fault, and touches nothing', () => {
    const damaged = join(root, 'damaged');
    const cases: { name: string; make: (file: string) => Promise<void>; says: string }[] = [
      {
        name: 'a changed byte in the middle',
        make: async (file) => {
          const bytes = readFileSync(backup);
          const middle = Math.floor(bytes.length / 2);
          bytes[middle] = (bytes[middle] as number) ^ 0xff;
          writeFileSync(file, bytes);
        },
        says: 'it is corrupt',
      },
      {
        name: 'a truncated file',
        make: async (file) => writeFileSync(file, readFileSync(backup).subarray(0, 100_000)),
        says: 'it is truncated',
      },
      {
        name: 'a file that is not gzip-compressed',
        make: async (file) => writeFileSync(file, 'PGDMP this is a pg_dump file, not ours'),
        says: 'it is not a Nautilus backup (not gzip-compressed)',
      },
      {
        name: 'a foreign tarball',
        make: async (file) => {
          const folder = mkdtempSync(join(tmpdir(), 'nautilus-foreign-'));
          writeFileSync(join(folder, 'package.json'), '{"name":"left-pad"}');
          await create({ gzip: true, file, cwd: folder, portable: true }, ['package.json']);
          rmSync(folder, { recursive: true, force: true });
        },
        says: 'it does not start with manifest.json',
      },
      {
        name: 'gzip of something that is not a tarball',
        make: async (file) => writeFileSync(file, gzipSync(Buffer.alloc(2_000, 7))),
        says: 'cannot be restored',
      },
      {
        name: 'a manifest whose sha256 does not match a part',
        make: (file) =>
          repack(backup, file, (manifest) => {
            const key = manifest.parts.find((part: { path: string }) => part.path === 'data/secrets.key');
            key.sha256 = sha256(Buffer.from('another key'));
          }),
        says: "the part 'data/secrets.key' does not match its sha256 in the manifest",
      },
      {
        name: 'a part swapped for other bytes of the same size',
        make: async (file) => {
          await repack(backup, file, () => {});
          // Re-gzip the tarball with the plugin-data file's content changed in place.
          const tar = gunzipSync(readFileSync(file));
          const at = tar.indexOf('{"cursor":42}');
          tar.write('{"cursor":43}', at);
          writeFileSync(file, gzipSync(tar));
        },
        says: "the part 'data/plugin-data/acme.widgets/state.json' does not match its sha256",
      },
      {
        name: 'a newer format version',
        make: (file) =>
          repack(backup, file, (manifest) => {
            manifest.formatVersion = 2;
            manifest.nautilusVersion = '9.0.0';
          }),
        says: 'it is format version 2, made by Nautilus 9.0.0; this Nautilus reads up to version 1',
      },
      {
        name: 'a database migrated by a newer Nautilus',
        make: (file) =>
          repack(backup, file, (manifest) => {
            manifest.database.migrations.push('9999_from_the_future');
          }),
        says: 'was migrated by a newer Nautilus (migrations 9999_from_the_future are unknown',
      },
    ];
    beforeAll(() => {
      cpSync(source, damaged, { recursive: true });
    });

    for (const { name, make, says } of cases) {
      it(`refuses ${name}`, async () => {
        const file = join(root, 'bad.backup');
        await make(file);
        const listing = () => [...readdirSync(root).sort(), ...snapshot(damaged)];
        const untouched = listing();
        const result = await nautilus(['restore', file, '--force'], { NAUTILUS_DATA_DIR: damaged });
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain('nautilus: VALIDATION:');
        expect(result.stderr).toContain(says);
        expect(result.stderr).toContain('Nothing was changed');
        expect(listing()).toEqual(untouched);
      }, 180_000);
    }
  });
});

describe.skipIf(!postgres || postgres.skip)('nautilus backup and restore, PostgreSQL', () => {
  let from: TestDatabase;
  let into: TestDatabase;
  const root = mkdtempSync(join(tmpdir(), 'nautilus-backup-pg-e2e-'));
  const backup = join(root, 'nautilus-pg.backup');
  const hasPgDump = (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, 'pg_dump')));

  beforeAll(async () => {
    from = await (postgres as NonNullable<typeof postgres>).create();
    into = await (postgres as NonNullable<typeof postgres>).create();
    await seed(from.options);
  }, 240_000);
  afterAll(async () => {
    await from?.drop();
    await into?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('says pg_dump is missing, and where the README explains the manual path, when it is not on PATH', async () => {
    const result = await nautilus(['backup', join(root, 'none.backup')], {
      DATABASE_URL: from.options.databaseUrl,
      NAUTILUS_DATA_DIR: from.options.dataDir,
      PATH: dirname(process.execPath),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('NOT_FOUND: pg_dump is not on PATH');
    expect(result.stderr).toContain('pg_dump -Fc "$DATABASE_URL" > nautilus.dump');
    expect(existsSync(join(root, 'none.backup'))).toBe(false);
  }, 180_000);

  it.skipIf(!hasPgDump)(
    'backs up with pg_dump and restores into an empty database the same rows and a secret that decrypts',
    async () => {
      const made = await nautilus(['backup', backup], {
        DATABASE_URL: from.options.databaseUrl,
        NAUTILUS_DATA_DIR: from.options.dataDir,
      });
      expect(made.code, made.stderr).toBe(0);
      expect(statSync(backup).mode & 0o777).toBe(0o600);
      const { manifest } = await readBackupFile(backup);
      expect(manifest.database).toMatchObject({ kind: 'postgres', part: 'database/postgres.dump' });
      expect(manifest.database.rowCounts).toMatchObject({ users: 2, dashboard_versions: 3, strategy_versions: 2 });

      const dataDir = join(root, 'restored');
      const restored = await nautilus(['restore', backup, '--data-dir', dataDir], { DATABASE_URL: into.options.databaseUrl });
      expect(restored.code, restored.stderr).toBe(0);
      const target = { dataDir, databaseUrl: into.options.databaseUrl };
      expect(await tableContents(target)).toEqual(await tableContents(from.options));
      expect(await openedSecret(target)).toEqual({ unreadable: [], value: SECRET });

      const again = await nautilus(['restore', backup, '--data-dir', join(root, 'again'), '--force'], {
        DATABASE_URL: into.options.databaseUrl,
      });
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('CONFLICT: The database at DATABASE_URL already holds tables');
      expect(existsSync(join(root, 'again'))).toBe(false);
    },
    120_000,
  );
});
