import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/users.ts';
import { createDashboard, getDashboard, listDashboards } from '../src/dashboards/dashboard-store.ts';
import { openDatabase } from '../src/db/database.ts';
import { dialects, type TestDatabase } from './databases.ts';
import { sampleDocument } from './harness.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = promisify(execFile);

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`nautilus templates on ${dialect.name}`, () => {
    let database: TestDatabase;
    let dashboardId: string;

    /** Runs `nautilus templates …` as a user would, against this suite's database. */
    async function templates(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NAUTILUS_DATA_DIR: database.options.dataDir,
        NAUTILUS_LOG_LEVEL: 'silent',
      };
      if (database.options.databaseUrl) env.DATABASE_URL = database.options.databaseUrl;
      try {
        const { stdout, stderr } = await run(process.execPath, ['--no-node-snapshot', cli, 'templates', ...args], { env });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    }

    /** The database is opened by one process at a time (PGlite): each step opens it, works, closes it. */
    async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
      const opened = await openDatabase(database.options);
      try {
        return await work(opened.db);
      } finally {
        await opened.close();
      }
    }

    beforeAll(async () => {
      database = await dialect.create();
      dashboardId = await withDb(async (db) => {
        const admin = await createUser(db, { username: 'admin', password: 'a long enough password', role: 'admin' });
        await createUser(db, { username: 'trader', password: 'a long enough password', role: 'editor' });
        return (await createDashboard(db, admin.id, sampleDocument('CLI desk'))).id;
      });
    }, 60_000);
    afterAll(async () => {
      await database?.drop();
    });

    it('exports the same bytes twice, imports them in a dry run without writing, then for real', async () => {
      const first = await templates('export', dashboardId);
      expect(first.code, first.stderr).toBe(0);
      const second = await templates('export', dashboardId);
      expect(second.stdout).toBe(first.stdout);
      const template = JSON.parse(first.stdout);
      expect(template).toMatchObject({ templateVersion: 2, id: 'cli-desk', version: '1.0.0', name: 'CLI desk' });
      const file = join(database.options.dataDir, 'cli-desk.json');
      writeFileSync(file, first.stdout);

      const dry = await templates('import', file, '--dry-run', '--map', 'symbol=SIM:MSFT');
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('template cli-desk 1.0.0: CLI desk');
      expect(dry.stdout).toContain('would create "CLI desk" with 1 panels');
      expect(dry.stdout).toContain('variable $symbol = SIM:MSFT');
      expect(dry.stdout).toMatch(/ok\s+nautilus.widgets-core 0.1.0 satisfies \^0.1.0/);
      expect(dry.stdout).toContain('dry run: nothing was written');
      expect(await withDb(async (db) => (await listDashboards(db)).length)).toBe(1);

      const real = await templates('import', file, '--map', 'symbol=SIM:MSFT', '--owner', 'trader');
      expect(real.code, real.stderr).toBe(0);
      const id = /created "CLI desk" ([0-9a-f-]{36}) \(version 1\)/.exec(real.stdout)?.[1] as string;
      expect(id).toBeDefined();
      const listed = await withDb((db) => listDashboards(db));
      expect(listed.find((dashboard) => dashboard.id === id)?.owner).toBe('trader');
      const { document } = await withDb((db) => getDashboard(db, id));
      expect(document.variables[0]?.default).toBe('SIM:MSFT');
      expect(document.template).toEqual({ id: 'cli-desk', version: '1.0.0' });
    }, 120_000);

    it('prints the errors by field and exits 1 for a mapping it cannot use', async () => {
      const exported = await templates('export', dashboardId, '--template-id', 'desk', '--template-version', '2.1.0');
      expect(JSON.parse(exported.stdout)).toMatchObject({ id: 'desk', version: '2.1.0' });
      const file = join(database.options.dataDir, 'desk.json');
      writeFileSync(file, exported.stdout);
      const refused = await templates('import', file, '--map', 'bars=nautilus.sim-market/instruments', '--map', 'nope=1');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('ERROR mapping.nope: is not an input of this template (inputs: bars, symbol)');
      expect(refused.stdout).toContain(
        "ERROR mapping.bars: 'nautilus.sim-market/instruments' returns table; this input needs ohlcv",
      );
      const malformed = await templates('import', file, '--map', 'symbol');
      expect(malformed.code).toBe(1);
      expect(malformed.stderr).toContain('expected input=value');
      expect(await withDb(async (db) => (await listDashboards(db)).length)).toBe(2);
    }, 120_000);
  });
}
