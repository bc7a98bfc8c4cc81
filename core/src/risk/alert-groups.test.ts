import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { listAlertGroups, markAlertsRead } from './alert-groups.ts';
import { type AlertInput, pruneAlerts, recordAlerts } from './alert-store.ts';

const run = { kind: 'backtest', id: 'run-1', name: 'SMA v1 on SIM:MSFT 1d' } as const;
const book = { kind: 'portfolio', id: 'p-1', name: 'Core book' } as const;

const finding = (limit: AlertInput['limit'], level: 'warn' | 'hard', event: string): AlertInput => ({
  limit,
  level,
  threshold: 10,
  value: 12,
  message: `${limit}: 12 exceeds ${level} limit 10`,
  details: { event },
});

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`alert groups and read state on ${dialect.name}`, () => {
    let database: TestDatabase;
    let opened: Database;
    const bus = new MemoryBus();

    /** Moves every alert of a source back in time, so the groups have a known order. */
    const age = (sourceId: string, minutes: number) =>
      sql`update risk_alerts set created_at = created_at - ${sql.lit(minutes)} * interval '1 minute' where source_id = ${sourceId}`.execute(
        opened.db,
      );

    beforeAll(async () => {
      database = await dialect.create();
      opened = await openDatabase(database.options);
      for (const [id, username] of [
        ['u-ann', 'ann'],
        ['u-bob', 'bob'],
      ] as const) {
        await opened.db
          .insertInto('users')
          .values({ id, username, password_hash: 'x', role: 'viewer', disabled_at: null })
          .execute();
      }
      // The run: three maxPosition denials and a warning, one maxDrawdown breach.
      await recordAlerts(opened.db, bus, run, [
        finding('maxPosition', 'hard', 'denial'),
        finding('maxPosition', 'hard', 'denial'),
        finding('maxPosition', 'warn', 'warning'),
        finding('maxPosition', 'hard', 'denial'),
        finding('maxDrawdown', 'hard', 'breach'),
      ]);
      await age(run.id, 10);
      // The portfolio, later: two gross exposure warnings.
      await recordAlerts(opened.db, bus, book, [
        finding('maxGrossExposure', 'warn', 'warning'),
        finding('maxGrossExposure', 'warn', 'warning'),
      ]);
    });
    afterAll(async () => {
      await opened?.close();
      await database?.drop();
    });

    it('groups alerts per source and limit with counts, the newest group first, hard when any alert is', async () => {
      const { groups, unread } = await listAlertGroups(opened.db, 'u-ann');
      expect(unread).toBe(7);
      expect(groups.map((group) => [group.source.id, group.limit, group.count, group.unread, group.level])).toEqual([
        ['p-1', 'maxGrossExposure', 2, 2, 'warn'],
        ['run-1', 'maxDrawdown', 1, 1, 'hard'],
        ['run-1', 'maxPosition', 4, 4, 'hard'],
      ]);
      const position = groups[2]!;
      expect(position.source).toEqual(run);
      expect(position.latest).toMatchObject({ limit: 'maxPosition', source: run });
      expect(Date.parse(position.firstAt)).toBeLessThanOrEqual(Date.parse(position.latestAt));
    });

    it('filters by source kind, source and limit', async () => {
      const byKind = await listAlertGroups(opened.db, 'u-ann', { sourceKind: 'portfolio' });
      expect(byKind.groups.map((group) => group.limit)).toEqual(['maxGrossExposure']);
      const bySource = await listAlertGroups(opened.db, 'u-ann', { sourceId: 'run-1', limit: 'maxDrawdown' });
      expect(bySource.groups.map((group) => [group.limit, group.count])).toEqual([['maxDrawdown', 1]]);
      // The badge's total ignores the filter.
      expect(bySource.unread).toBe(7);
      expect((await listAlertGroups(opened.db, 'u-ann', { limit: 'maxVar' })).groups).toEqual([]);
    });

    it('marks a group read for one user only, and the unread filter then hides it', async () => {
      const marked = await markAlertsRead(opened.db, 'u-ann', {
        groups: [{ sourceKind: 'backtest', sourceId: 'run-1', limit: 'maxPosition' }],
        upTo: new Date(),
      });
      expect(marked).toBe(4);
      const ann = await listAlertGroups(opened.db, 'u-ann', { unread: true });
      expect(ann.unread).toBe(3);
      expect(ann.groups.map((group) => group.limit)).toEqual(['maxGrossExposure', 'maxDrawdown']);
      const all = await listAlertGroups(opened.db, 'u-ann');
      expect(all.groups.find((group) => group.limit === 'maxPosition')).toMatchObject({ count: 4, unread: 0 });
      expect((await listAlertGroups(opened.db, 'u-bob')).unread).toBe(7);
      // Marking again changes nothing.
      const again = await markAlertsRead(opened.db, 'u-ann', {
        groups: [{ sourceKind: 'backtest', sourceId: 'run-1', limit: 'maxPosition' }],
        upTo: new Date(),
      });
      expect(again).toBe(0);
    });

    it('leaves alerts newer than what the user was shown unread', async () => {
      const shown = await listAlertGroups(opened.db, 'u-bob', { sourceKind: 'portfolio' });
      const upTo = new Date(shown.groups[0]!.latestAt);
      await recordAlerts(opened.db, bus, book, [finding('maxGrossExposure', 'warn', 'warning')]);
      await sql`update risk_alerts set created_at = created_at + interval '1 minute' where id = (select id from risk_alerts order by created_at desc limit 1)`.execute(
        opened.db,
      );
      expect(await markAlertsRead(opened.db, 'u-bob', { filter: { sourceKind: 'portfolio' }, upTo })).toBe(2);
      const after = await listAlertGroups(opened.db, 'u-bob', { sourceKind: 'portfolio' });
      expect(after.groups[0]).toMatchObject({ count: 3, unread: 1 });
    });

    it('marks all read within a filter, and read rows go with pruned alerts and deleted users', async () => {
      expect(await markAlertsRead(opened.db, 'u-ann', { filter: { sourceKind: 'backtest' }, upTo: new Date() })).toBe(1);
      expect((await listAlertGroups(opened.db, 'u-ann')).unread).toBe(3);
      expect(await markAlertsRead(opened.db, 'u-ann', { filter: {}, upTo: new Date(Date.now() + 120_000) })).toBe(3);
      expect((await listAlertGroups(opened.db, 'u-ann')).unread).toBe(0);
      await opened.db.deleteFrom('users').where('id', '=', 'u-bob').execute();
      const reads = await opened.db.selectFrom('risk_alert_reads').select(['user_id']).execute();
      expect(new Set(reads.map((read) => read.user_id))).toEqual(new Set(['u-ann']));
      await pruneAlerts(opened.db, 0, Date.now() + 3_600_000);
      expect(await opened.db.selectFrom('risk_alert_reads').selectAll().execute()).toEqual([]);
    });
  });
}
