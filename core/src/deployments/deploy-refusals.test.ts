import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { RHYTHM_TRADER, THROWS_AFTER, waitFor } from '../../test/strategies.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:BTCUSD', timeframe: '1m', warmupBars: 3 };
const replay = { bars: 30, speed: 600 };
const TYPE_BROKEN = RHYTHM_TRADER.replace('ctx.sell(ctx.position.quantity)', 'ctx.liquidat()');

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`deploy and rollback refusals on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let strategyId: string;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    const save = async (baseVersion: number, source: string, draft?: boolean) => {
      const saved = await api.call(
        'strategies.save',
        { id: strategyId, baseVersion, source, ...(draft ? { draft } : {}) },
        editor,
      );
      expect(saved.error).toBeUndefined();
      return saved.data;
    };
    const deploy = (version: number) =>
      api.call(
        'deployments.deploy',
        { strategyId, version, ...market, replay, ...(version > 1 ? { params: { hold: 2 } } : {}) },
        editor,
      );
    const status = async (id: string) => (await api.call('deployments.get', { id }, editor)).data.status;

    it('refuses a type-broken save over the API with the diagnostics, and takes it only as a draft', async () => {
      // v1 fails on its first bar, so its last run fails.
      strategyId = (await api.call('strategies.create', { source: THROWS_AFTER(0), name: 'Refusals' }, editor)).data.id;
      const refused = await api.call('strategies.save', { id: strategyId, baseVersion: 1, source: TYPE_BROKEN }, editor);
      expect(refused.error.data.nautilus).toMatchObject({
        code: 'VALIDATION',
        details: { typeErrors: 1, draftAllowed: true, diagnostics: [{ message: expect.stringContaining('liquidat') }] },
      });
      expect(await save(1, RHYTHM_TRADER)).toMatchObject({ version: 2, draft: false });
      expect(await save(2, TYPE_BROKEN, true)).toMatchObject({ version: 3, draft: true, typeErrors: 1 });
      const versions = (await api.call('strategies.versions', { id: strategyId }, editor)).data;
      expect(versions.map((item: { version: number; draft: boolean }) => [item.version, item.draft])).toEqual([
        [3, true],
        [2, false],
        [1, false],
      ]);
    });

    it('refuses to deploy a draft, naming the version', async () => {
      const refused = await deploy(3);
      expect(refused.error.data.nautilus).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'version' }] });
      expect(refused.error.data.nautilus.fields[0]?.message).toContain('version 3 is a draft');
      expect((await api.call('deployments.list', { strategyId }, editor)).data).toEqual([]);
    });

    it('refuses to deploy a version stored before saves were type-checked that does not type-check', async () => {
      await api.services.db
        .updateTable('strategy_versions')
        .set({ source: TYPE_BROKEN })
        .where('strategy_id', '=', strategyId)
        .where('version', '=', 2)
        .execute();
      const refused = await deploy(2);
      expect(refused.error.data.nautilus.code).toBe('VALIDATION');
      expect(refused.error.data.nautilus.message).toMatch(
        /^Version 2 cannot be deployed: The strategy has type errors at line \d+/,
      );
      expect(refused.error.data.nautilus.details).toMatchObject({
        diagnostics: [{ message: expect.stringContaining('liquidat') }],
      });
      await api.services.db
        .updateTable('strategy_versions')
        .set({ source: RHYTHM_TRADER })
        .where('strategy_id', '=', strategyId)
        .where('version', '=', 2)
        .execute();
    });

    it('asks before rolling back to a version whose last run failed, and skips or refuses drafts', async () => {
      const failing = (await deploy(1)).data;
      await waitFor(
        () => status(failing.id),
        (current) => current === 'failed',
      );

      const current = await deploy(2);
      expect(current.error).toBeUndefined();
      const asked = await api.call('deployments.rollback', { id: current.data.id }, editor);
      expect(asked.error.data.nautilus).toMatchObject({
        code: 'CONFLICT',
        fields: [{ path: 'confirm' }],
        details: { confirm: 'last-run-failed', version: 1, lastRun: { kind: 'deployment', id: failing.id, status: 'failed' } },
      });
      expect(asked.error.data.nautilus.message).toContain('position book corrupted');
      expect(await status(current.data.id)).toBe('running');

      const confirmed = await api.call('deployments.rollback', { id: current.data.id, confirm: true }, editor);
      expect(confirmed.error).toBeUndefined();
      expect(confirmed.data.stopped).toMatchObject({ id: current.data.id, status: 'stopped' });
      expect(confirmed.data.deployed).toMatchObject({ version: 1, rollbackOf: current.data.id });

      // v4 is clean; rolling back from it skips the draft v3 and lands on v2 (its last run was stopped, not failed).
      expect(await save(3, `${RHYTHM_TRADER}\n// v4`)).toMatchObject({ version: 4, draft: false });
      const fromFour = (await deploy(4)).data;
      const toDraft = await api.call('deployments.rollback', { id: fromFour.id, version: 3 }, editor);
      expect(toDraft.error.data.nautilus).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'version' }] });
      expect(toDraft.error.data.nautilus.fields[0]?.message).toContain('version 3 is a draft');
      const skipped = await api.call('deployments.rollback', { id: fromFour.id }, editor);
      expect(skipped.error).toBeUndefined();
      expect(skipped.data.deployed).toMatchObject({ status: 'running', version: 2 });
      await api.call('deployments.stop', { id: skipped.data.deployed.id }, editor);
    });

    it('renames over the API with a conflict on a taken name', async () => {
      await api.call('strategies.create', { source: RHYTHM_TRADER, name: 'Other one' }, editor);
      const renamed = await api.call('strategies.rename', { id: strategyId, name: 'Refusals renamed' }, editor);
      expect(renamed.data).toEqual({ id: strategyId, name: 'Refusals renamed' });
      const taken = await api.call('strategies.rename', { id: strategyId, name: 'other ONE' }, editor);
      expect(taken.error.data.nautilus).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'name' }] });
      const blank = await api.call('strategies.rename', { id: strategyId, name: '   ' }, editor);
      expect(blank.error.data.nautilus).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'name' }] });
      const viewer = await api.loginAs('viewer');
      expect((await api.call('strategies.rename', { id: strategyId, name: 'Viewer' }, viewer)).error.data.nautilus.code).toBe(
        'FORBIDDEN',
      );
    });
  });
}
