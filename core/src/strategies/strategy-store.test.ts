import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { RHYTHM_TRADER, SMA_CROSSOVER } from '../../test/strategies.ts';
import { createUser } from '../auth/users.ts';
import { type Database, openDatabase } from '../db/database.ts';
import {
  createStrategy,
  deleteStrategy,
  getStrategy,
  listStrategies,
  renameStrategy,
  saveStrategy,
  strategyDiff,
  strategyVersions,
} from './strategy-store.ts';

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw new Error(`expected a NautilusError, got ${String(error)}`);
  return error;
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`strategy store on ${dialect.name}`, () => {
    let database: TestDatabase;
    let opened: Database;
    let userId: string;

    beforeAll(async () => {
      database = await dialect.create();
      opened = await openDatabase(database.options);
      userId = (await createUser(opened.db, { username: 'quant', password: 'correct horse battery staple', role: 'editor' })).id;
    });
    afterAll(async () => {
      await opened?.close();
      await database?.drop();
    });

    it('refuses a source that does not compile with its line and column, and writes nothing', async () => {
      const error = await failure(
        createStrategy(opened.db, userId, {
          source: 'export default defineStrategy({\n  onBar(ctx) {\n    ctx.buy(;\n  },\n});',
        }),
      );
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toMatchObject({ line: 3, column: 13 });
      expect(error.fields[0]?.path).toBe('source');
      const imports = await failure(
        createStrategy(opened.db, userId, {
          source: `import fs from 'node:fs';\nfs.readFileSync('/etc/passwd');\n${SMA_CROSSOVER}`,
        }),
      );
      expect(imports.message).toContain('cannot import "node:fs"');
      expect(await listStrategies(opened.db)).toEqual([]);
    });

    it('keeps every version with a unified diff from the one before, and the params spec each declares', async () => {
      const { id } = await createStrategy(opened.db, userId, { source: SMA_CROSSOVER });
      const first = await getStrategy(opened.db, id);
      expect(first).toMatchObject({ name: 'SMA crossover', version: 1, latestVersion: 1, diff: null, createdBy: 'quant' });
      expect(first.params.fast).toEqual({ type: 'integer', default: 10, min: 1, label: 'Fast SMA' });

      const changed = SMA_CROSSOVER.replace('default: 30', 'default: 50');
      expect(await saveStrategy(opened.db, userId, { id, baseVersion: 1, source: changed, message: 'slower' })).toEqual({
        id,
        version: 2,
        unchanged: false,
        draft: false,
        typeErrors: 0,
      });
      const second = await getStrategy(opened.db, id);
      expect(second.params.slow?.default).toBe(50);
      expect(second.diff).toContain('--- strategy.ts@1');
      expect(second.diff).toContain("-    slow: { type: 'integer', default: 30, min: 2, label: 'Slow SMA' },");
      expect(second.diff).toContain("+    slow: { type: 'integer', default: 50, min: 2, label: 'Slow SMA' },");
      expect((await getStrategy(opened.db, id, 1)).source).toBe(SMA_CROSSOVER);

      const versions = await strategyVersions(opened.db, id);
      expect(versions.map((version) => [version.version, version.message, version.linesAdded, version.linesRemoved])).toEqual([
        [2, 'slower', 1, 1],
        [1, 'Created', 0, 0],
      ]);
      expect((await strategyDiff(opened.db, id, 2)).diff).toBe(second.diff);
    });

    it('refuses a save based on an old version, and writes nothing for an unchanged source or a bad one', async () => {
      const { id } = await createStrategy(opened.db, userId, { source: RHYTHM_TRADER, name: 'Rhythm' });
      await saveStrategy(opened.db, userId, { id, baseVersion: 1, source: `${RHYTHM_TRADER}\n// tweak` });
      const stale = await failure(saveStrategy(opened.db, userId, { id, baseVersion: 1, source: `${RHYTHM_TRADER}\n// other` }));
      expect(stale.code).toBe('CONFLICT');
      expect(stale.details).toMatchObject({ currentVersion: 2 });
      expect(await saveStrategy(opened.db, userId, { id, baseVersion: 2, source: `${RHYTHM_TRADER}\n// tweak` })).toMatchObject({
        version: 2,
        unchanged: true,
      });
      const broken = await failure(saveStrategy(opened.db, userId, { id, baseVersion: 2, source: 'export default 1 +;' }));
      expect(broken.code).toBe('VALIDATION');
      const loadsBadly = await failure(
        saveStrategy(opened.db, userId, {
          id,
          baseVersion: 2,
          source: "export default defineStrategy({ params: { n: { type: 'integer', default: 0, min: 1 } }, onBar() {} });",
        }),
      );
      expect(loadsBadly.fields).toEqual([{ path: 'params.n.default', message: 'must be >= 1, got 0' }]);
      expect((await strategyVersions(opened.db, id)).map((version) => version.version)).toEqual([2, 1]);
    });

    it('refuses a source with type errors against the sdk like a syntax error, with line, column and message', async () => {
      const { id } = await createStrategy(opened.db, userId, { source: SMA_CROSSOVER, name: 'Typed' });
      const broken = SMA_CROSSOVER.replace('ctx.sell(held);', 'ctx.liquidat();');
      const lines = broken.split('\n');
      const line = lines.findIndex((text) => text.includes('ctx.liquidat')) + 1;
      const error = await failure(saveStrategy(opened.db, userId, { id, baseVersion: 1, source: broken }));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toContain("Property 'liquidat' does not exist");
      expect(error.message).toContain('save it as a draft');
      expect(error.details).toMatchObject({
        line,
        column: lines[line - 1]!.indexOf('liquidat') + 1,
        typeErrors: 1,
        draftAllowed: true,
        diagnostics: [expect.objectContaining({ line, message: expect.stringContaining("Did you mean 'liquidate'?") })],
      });
      expect(error.fields).toEqual([{ path: 'source', message: expect.stringContaining(`line ${line}, column`) }]);
      expect((await strategyVersions(opened.db, id)).map((version) => version.version)).toEqual([1]);
      // A new strategy is checked the same way.
      expect((await failure(createStrategy(opened.db, userId, { source: broken, name: 'Never' }))).code).toBe('VALIDATION');
      expect((await listStrategies(opened.db)).some((item) => item.name === 'Never')).toBe(false);
    });

    it('stores a source with type errors as a draft on request, and a clean one asked as a draft as an ordinary version', async () => {
      const { id } = await createStrategy(opened.db, userId, { source: SMA_CROSSOVER, name: 'Drafty' });
      const broken = SMA_CROSSOVER.replace('ctx.sell(held);', 'ctx.liquidat();');
      expect(await saveStrategy(opened.db, userId, { id, baseVersion: 1, source: broken, draft: true })).toEqual({
        id,
        version: 2,
        unchanged: false,
        draft: true,
        typeErrors: 1,
      });
      expect(await getStrategy(opened.db, id)).toMatchObject({ version: 2, draft: true, source: broken });
      expect((await strategyVersions(opened.db, id)).map((version) => [version.version, version.draft])).toEqual([
        [2, true],
        [1, false],
      ]);
      // Syntax errors are refused even as a draft: the version must still load and declare its params.
      expect(
        (await failure(saveStrategy(opened.db, userId, { id, baseVersion: 2, source: 'export default 1 +;', draft: true }))).code,
      ).toBe('VALIDATION');
      const fixed = SMA_CROSSOVER.replace('ctx.sell(held);', 'ctx.liquidate();');
      expect(await saveStrategy(opened.db, userId, { id, baseVersion: 2, source: fixed, draft: true })).toMatchObject({
        version: 3,
        draft: false,
        typeErrors: 0,
      });
      expect((await getStrategy(opened.db, id)).draft).toBe(false);
    });

    it('renames a strategy without a new version, refusing a name another strategy has (ignoring case and spaces)', async () => {
      const { id } = await createStrategy(opened.db, userId, { source: SMA_CROSSOVER, name: 'Renamable' });
      await createStrategy(opened.db, userId, { source: SMA_CROSSOVER, name: 'Taken name' });
      expect(await renameStrategy(opened.db, id, '  Momentum 2  ')).toEqual({ id, name: 'Momentum 2' });
      expect(await getStrategy(opened.db, id)).toMatchObject({ name: 'Momentum 2', version: 1, latestVersion: 1 });
      // Its own name, in another case, is fine.
      expect(await renameStrategy(opened.db, id, 'MOMENTUM 2')).toEqual({ id, name: 'MOMENTUM 2' });
      const taken = await failure(renameStrategy(opened.db, id, ' taken NAME '));
      expect(taken.code).toBe('CONFLICT');
      expect(taken.fields).toEqual([{ path: 'name', message: 'is taken by another strategy' }]);
      expect((await getStrategy(opened.db, id)).name).toBe('MOMENTUM 2');
      const viaSave = await failure(
        saveStrategy(opened.db, userId, { id, baseVersion: 1, source: `${SMA_CROSSOVER}\n// x`, name: 'Taken name' }),
      );
      expect(viaSave.code).toBe('CONFLICT');
      expect((await failure(renameStrategy(opened.db, '00000000-0000-4000-8000-000000000000', 'Nobody'))).code).toBe('NOT_FOUND');
    });

    it('lists strategies and deletes one with its versions', async () => {
      const { id } = await createStrategy(opened.db, userId, { source: SMA_CROSSOVER, name: 'Doomed' });
      expect((await listStrategies(opened.db)).find((item) => item.id === id)).toMatchObject({
        name: 'Doomed',
        latestVersion: 1,
        runningDeployments: 0,
      });
      await deleteStrategy(opened.db, id);
      expect((await failure(getStrategy(opened.db, id))).code).toBe('NOT_FOUND');
      expect((await failure(strategyVersions(opened.db, id))).code).toBe('NOT_FOUND');
      expect((await failure(deleteStrategy(opened.db, id))).code).toBe('NOT_FOUND');
    });
  });
}
