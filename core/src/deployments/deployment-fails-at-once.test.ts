import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { THROWS_AFTER } from '../../test/strategies.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:BTCUSD', timeframe: '1m' };

/** Strategies that break before they ever go live: the deployment ends inside its own start. */
const FAILS_AT_ONCE = {
  'on its first warm-up bar': { source: THROWS_AFTER(0), reason: 'position book corrupted', phase: 'onBar' },
  'in onStart': {
    source: `
export default defineStrategy({
  onStart() { throw new Error('cannot size the book'); },
  onBar() {},
});
`,
    reason: 'cannot size the book',
    phase: 'onStart',
  },
  'in onStart with no warm-up bars': {
    source: `
export default defineStrategy({
  onStart() { throw new Error('refuses to start cold'); },
  onBar() {},
});
`,
    reason: 'refuses to start cold',
    phase: 'onStart',
    warmupBars: 0,
  },
} as const;

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`a deployment that fails at once on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    const lines: { level: number; msg: string; deployment?: string; err?: { message?: string } }[] = [];

    beforeAll(async () => {
      database = await dialect.create();
      const sink = new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      });
      api = await openHarness(database, { plugins: 'first-party', logger: pino({ level: 'info' }, sink) });
      editor = await api.loginAs('editor');
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    for (const [when, strategy] of Object.entries(FAILS_AT_ONCE)) {
      it(`is recorded as failed with the strategy's reason when it throws ${when}`, async () => {
        const created = await api.call('strategies.create', { source: strategy.source, name: `Fails ${when}` }, editor);
        expect(created.error).toBeUndefined();
        const deployed = await api.call(
          'deployments.deploy',
          { ...market, strategyId: created.data.id, warmupBars: 'warmupBars' in strategy ? strategy.warmupBars : 10 },
          editor,
        );
        expect(deployed.error).toBeUndefined();
        expect(deployed.data).toMatchObject({ status: 'failed', error: { details: { phase: strategy.phase } } });
        expect(deployed.data.stopReason).toContain(strategy.reason);
        const stored = (await api.call('deployments.get', { id: deployed.data.id }, editor)).data;
        expect(stored).toMatchObject({ status: 'failed', stopReason: deployed.data.stopReason });
        expect(api.services.deployments.runningHere()).not.toContain(deployed.data.id);
        // A strategy's own failure is no server error: nothing about this deployment is logged as one.
        const broken = lines.filter(
          (line) =>
            (line.level >= 50 && line.deployment === deployed.data.id) ||
            line.msg === 'could not record a failed deployment' ||
            /before initialization/.test(line.err?.message ?? ''),
        );
        expect(broken).toEqual([]);
      });
    }
  });
}
