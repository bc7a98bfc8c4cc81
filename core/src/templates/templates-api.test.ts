import { readFile } from 'node:fs/promises';
import { listTemplates, loadTemplate, stringifyTemplate } from '@nautilus/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { createUser } from '../auth/users.ts';
import { createDashboard, getDashboard } from '../dashboards/dashboard-store.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { TemplateService } from './template-service.ts';

/** A dashboard using two widget plugins, a variable and two data sources, with options set. */
function deskDocument(): Record<string, any> {
  const bars = (symbol: string, timeframe: string) => ({ dataSource: 'nautilus.sim-market/bars', params: { symbol, timeframe } });
  return {
    schemaVersion: 1,
    title: 'Round trip desk',
    description: 'Exported, then imported elsewhere',
    tags: ['equities', 'test'],
    variables: [
      { name: 'symbol', label: 'Stock', type: 'instrument', default: 'SIM:MSFT' },
      { name: 'size', type: 'custom', options: ['S', 'M'], default: 'M' },
    ],
    timeRange: { from: 'now-14d', to: 'now' },
    refresh: '30s',
    panels: [
      {
        id: 'price',
        type: 'nautilus.widgets-core/candlestick',
        pluginVersion: '0.1.0',
        title: 'Price',
        gridPos: { x: 0, y: 0, w: 16, h: 10 },
        query: bars('$symbol', '1h'),
        options: { smaEnabled: true, smaPeriod: 30 },
      },
      {
        id: 'notes',
        type: 'nautilus.widgets-core/text',
        pluginVersion: '0.1.0',
        title: 'Notes',
        gridPos: { x: 16, y: 0, w: 8, h: 4 },
        options: { markdown: '**size** $size' },
      },
      {
        id: 'instruments',
        type: 'nautilus.widgets-core/table',
        pluginVersion: '0.1.0',
        title: 'Instruments',
        gridPos: { x: 16, y: 4, w: 8, h: 6 },
        query: { dataSource: 'nautilus.sim-market/instruments', params: { assetClass: 'stock' } },
        options: { maxRows: 20 },
      },
    ],
  };
}

/** Rows that make up stored dashboards: a half-made import would leave some of these behind. */
async function rowCounts(harness: Harness): Promise<{ dashboards: number; versions: number; grants: number }> {
  const db = harness.services.db;
  const count = async (table: 'dashboards' | 'dashboard_versions' | 'object_grants') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    dashboards: await count('dashboards'),
    versions: await count('dashboard_versions'),
    grants: await count('object_grants'),
  };
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`templates on ${dialect.name}`, () => {
    let database: TestDatabase;
    let fresh: TestDatabase;
    let api: Harness;
    let freshDb: Database;
    let editor: Auth;
    let viewer: Auth;

    beforeAll(async () => {
      database = await dialect.create();
      fresh = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      freshDb = await openDatabase(fresh.options);
    }, 120_000);
    afterAll(async () => {
      await freshDb?.close();
      await api?.close();
      await database?.drop();
      await fresh?.drop();
    });

    it('exports byte-identical files, and an import on a fresh database gives the same dashboard', async () => {
      const created = await api.call('dashboards.create', { document: deskDocument() }, editor);
      const first = await api.call('templates.export', { id: created.data.id }, viewer);
      expect(first.status, JSON.stringify(first.error)).toBe(200);
      const second = await api.call('templates.export', { id: created.data.id }, editor);
      expect(second.data.text).toBe(first.data.text);
      expect(first.data.fileName).toBe('round-trip-desk.json');
      const template = JSON.parse(first.data.text);
      expect(template.requires.map((entry: any) => [entry.plugin, entry.range, entry.version])).toEqual([
        ['nautilus.sim-market', '^0.1.0', '0.1.0'],
        ['nautilus.widgets-core', '^0.1.0', '0.1.0'],
      ]);
      expect(template.requires[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/);

      // Another server: a fresh database, the same plugins.
      const owner = await createUser(freshDb.db, { username: 'importer', password: 'a long enough password', role: 'editor' });
      const elsewhere = new TemplateService(freshDb.db, () => api.services.plugins.list());
      const plan = await elsewhere.dryRun({ id: owner.id, role: 'editor' }, { template });
      expect(plan).toMatchObject({ ok: true, errors: [], warnings: [], missingPanels: [], existing: [] });
      const imported = await elsewhere.import({ id: owner.id, role: 'editor' }, { template });
      expect(imported).toMatchObject({ version: 1, replaced: false, missingPanels: [] });
      expect(imported.id).not.toBe(created.data.id);
      const { document } = await getDashboard(freshDb.db, imported.id);
      const { template: provenance, ...rest } = document;
      expect(rest).toEqual(deskDocument());
      expect(provenance).toEqual({ id: 'round-trip-desk', version: '1.0.0' });
      // Exported again from there: the same file.
      expect((await elsewhere.export({ id: owner.id, role: 'editor' }, imported.id)).text).toBe(first.data.text);
    });

    it('imports with a mapping: the data source and variable given replace the defaults', async () => {
      const created = await api.call('dashboards.create', { document: deskDocument() }, editor);
      const template = JSON.parse((await api.call('templates.export', { id: created.data.id }, editor)).data.text);
      const mapping = { bars: 'nautilus.core/bars', symbol: 'SIM:NVDA' };
      const imported = await api.call('templates.import', { template, mapping }, editor);
      expect(imported.status, JSON.stringify(imported.error)).toBe(200);
      const { document } = await getDashboard(api.services.db, imported.data.id);
      expect(document.panels[0]?.query?.dataSource).toBe('nautilus.core/bars');
      expect(document.panels[2]?.query?.dataSource).toBe('nautilus.sim-market/instruments');
      expect(document.variables[0]?.default).toBe('SIM:NVDA');

      // A value the source will refuse is a warning by field: the import works, the panel would show the error.
      const warned = await api.call('templates.dryRun', { template, mapping: { symbol: 'SIM:NOPE' } }, editor);
      expect(warned.data.ok).toBe(true);
      expect(warned.data.warnings.map((warning: any) => warning.path)).toEqual(['dashboard.panels[0].query.params.symbol']);
      expect(warned.data.warnings[0].message).toMatch(/^must be one of .*\(panel 'Price' will show this error\)$/);

      const refused = await api.call(
        'templates.import',
        { template, mapping: { bars: 'nautilus.sim-market/instruments', size: 'XL' } },
        editor,
      );
      expect(refused.status).toBe(400);
      expect(refused.error.data.nautilus.fields).toEqual([
        { path: 'mapping.size', message: "'XL' is not one of its options" },
        { path: 'mapping.bars', message: "'nautilus.sim-market/instruments' returns table; this input needs ohlcv" },
      ]);
    });

    it('imports a template whose plugin is missing: the dashboard is made, those panels kept with their type and listed', async () => {
      const template = JSON.parse(stringifyTemplate(await loadTemplate('equity-trader')));
      template.dashboard.panels.push({
        id: 'sectors',
        type: 'acme.heatmaps/sectors',
        pluginVersion: '2.0.0',
        title: 'Sector heat',
        gridPos: { x: 0, y: 19, w: 24, h: 6 },
        query: { dataSource: 'acme.feeds/sectors', params: {} },
        options: { palette: 'warm' },
      });
      template.inputs.push({
        type: 'dataSource',
        name: 'sectors',
        label: 'Sectors',
        frames: ['table'],
        default: 'acme.feeds/sectors',
      });
      template.requires.push(
        { plugin: 'acme.feeds', range: '^1.0.0', version: '1.0.0', digest: null },
        { plugin: 'acme.heatmaps', range: '^2.0.0', version: '2.0.0', digest: null },
      );
      const plan = await api.call('templates.dryRun', { template }, editor);
      expect(plan.data.ok).toBe(true);
      expect(
        plan.data.plugins.filter((check: any) => check.status !== 'ok').map((check: any) => [check.plugin, check.status]),
      ).toEqual([
        ['acme.feeds', 'missing'],
        ['acme.heatmaps', 'missing'],
      ]);
      const imported = await api.call('templates.import', { template }, editor);
      expect(imported.status, JSON.stringify(imported.error)).toBe(200);
      expect(imported.data.missingPanels).toEqual([
        {
          id: 'sectors',
          title: 'Sector heat',
          type: 'acme.heatmaps/sectors',
          reasons: [
            'acme.heatmaps is not installed; install it (^2.0.0) and its panels draw',
            'acme.feeds is not installed; install it (^1.0.0) and its panels draw',
          ],
        },
      ]);
      const stored = await api.call('dashboards.get', { id: imported.data.id }, editor);
      expect(stored.data.document.panels.at(-1)).toMatchObject({ type: 'acme.heatmaps/sectors', options: { palette: 'warm' } });
      expect(stored.data.document.panels).toHaveLength(template.dashboard.panels.length);
    });

    it('shows the semantic diff of a newer version before replacing, then replaces with the conflict check', async () => {
      const made = await api.call('templates.instantiate', { id: 'fx-monitor', mapping: { pair: 'SIM:USDJPY' } }, editor);
      expect(made.status, JSON.stringify(made.error)).toBe(200);
      const newer = JSON.parse(stringifyTemplate(await loadTemplate('fx-monitor')));
      newer.version = '1.1.0';
      newer.dashboard.panels = newer.dashboard.panels.filter((panel: any) => panel.id !== 'notes');
      newer.dashboard.panels[0].query.params.timeframe = '5m';
      newer.dashboard.panels[0].options.bollingerEnabled = true;
      newer.dashboard.panels.push({
        id: 'gold',
        type: 'nautilus.widgets-core/stat',
        pluginVersion: '0.1.0',
        title: 'Gold',
        gridPos: { x: 16, y: 8, w: 8, h: 3 },
        query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: 'SIM:GC', timeframe: '1h' } },
        options: {},
      });
      const plan = await api.call(
        'templates.dryRun',
        { template: newer, mapping: { pair: 'SIM:USDJPY' }, replace: { dashboardId: made.data.id } },
        editor,
      );
      expect(plan.status, JSON.stringify(plan.error)).toBe(200);
      const existing = plan.data.existing.find((dashboard: any) => dashboard.id === made.data.id);
      expect(existing).toMatchObject({ templateVersion: '1.0.0', newer: true, version: 1 });
      expect(existing.diff.added).toEqual([{ id: 'gold', title: 'Gold' }]);
      expect(existing.diff.removed).toEqual([{ id: 'notes', title: 'Sessions' }]);
      expect(existing.diff.changed).toEqual([
        {
          id: 'price',
          title: 'Price (15m)',
          kinds: ['query', 'options'],
          changes: [
            { path: 'query.params.timeframe', before: '15m', after: '5m' },
            { path: 'options.bollingerEnabled', after: true },
          ],
        },
      ]);
      expect(plan.data.errors).toEqual([]);
      // Nothing replaced yet.
      expect((await api.call('dashboards.get', { id: made.data.id }, editor)).data.version).toBe(1);

      const replace = { dashboardId: made.data.id, baseVersion: 1 };
      const replaced = await api.call('templates.import', { template: newer, mapping: { pair: 'SIM:USDJPY' }, replace }, editor);
      expect(replaced.data).toMatchObject({ id: made.data.id, version: 2, replaced: true });
      const stored = await api.call('dashboards.get', { id: made.data.id }, editor);
      expect(stored.data.document.template).toEqual({ id: 'fx-monitor', version: '1.1.0' });
      expect(stored.data.document.panels.map((panel: any) => panel.id)).toContain('gold');
      const history = await api.call('dashboards.history', { id: made.data.id }, editor);
      expect(history.data[0].message).toBe('Replaced from template fx-monitor 1.1.0');
      // Replacing over a version that is no longer current changes nothing.
      const stale = await api.call('templates.import', { template: newer, replace }, editor);
      expect(stale.error.data.nautilus.code).toBe('CONFLICT');
      expect((await api.call('dashboards.get', { id: made.data.id }, editor)).data.version).toBe(2);
      // Re-importing the same version says so.
      const again = await api.call('templates.dryRun', { template: newer, replace: { dashboardId: made.data.id } }, editor);
      expect(again.data.warnings).toContainEqual({
        path: 'template.version',
        message: `1.1.0 is not newer than 1.1.0, which '${stored.data.document.title}' was made from`,
      });
    });

    it('refuses to replace a dashboard that was not made from the template', async () => {
      const other = await createDashboard(
        api.services.db,
        (await api.services.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id,
        deskDocument(),
      );
      const template = await loadTemplate('crypto-desk');
      const answer = await api.call('templates.import', { template, replace: { dashboardId: other.id, baseVersion: 1 } }, editor);
      expect(answer.status).toBe(400);
      expect(answer.error.data.nautilus.fields[0]?.path).toBe('replace.dashboardId');
    });

    it('instantiates every gallery template with its defaults, with every plugin present and no error', async () => {
      for (const info of await listTemplates()) {
        const plan = await api.call('templates.dryRun', { template: await loadTemplate(info.id) }, editor);
        expect(plan.data.errors, info.id).toEqual([]);
        expect(plan.data.missingPanels, info.id).toEqual([]);
        expect(
          plan.data.plugins.every((check: any) => check.status === 'ok'),
          info.id,
        ).toBe(true);
        const made = await api.call('templates.instantiate', { id: info.id }, editor);
        expect(made.status, `${info.id}: ${JSON.stringify(made.error)}`).toBe(200);
        const stored = await api.call('dashboards.get', { id: made.data.id }, editor);
        expect(stored.data.document.panels).toHaveLength(info.panelCount);
      }
      const gallery = await api.call('templates.gallery', undefined, viewer);
      expect(gallery.data.map((info: any) => info.id)).toHaveLength(7);
    });

    it('answers a bad or future file with errors by field in the dry run, and refuses to import it', async () => {
      const future = await api.call('templates.dryRun', { template: { templateVersion: 3 } }, editor);
      expect(future.data).toMatchObject({
        ok: false,
        errors: [
          {
            path: 'template.templateVersion',
            message: '3 is newer than this Nautilus understands (2); upgrade Nautilus to import this template',
          },
        ],
      });
      const v1 = JSON.parse(
        await readFile(new URL('../../../templates/fixtures/v1-market-overview.json', import.meta.url), 'utf8'),
      );
      const migrated = await api.call('templates.dryRun', { template: v1 }, editor);
      expect(migrated.data).toMatchObject({ ok: true, template: { id: 'market-overview', migratedFrom: 1 } });
      v1.dashboard.panels[0].gridPos.w = 30;
      const refused = await api.call('templates.import', { template: v1 }, editor);
      expect(refused.status).toBe(400);
      expect(refused.error.data.nautilus.fields[0]?.path).toBe('template.dashboard.panels[0].gridPos.w');
    });

    it('lets viewers see the gallery and export, but not import', async () => {
      const answer = await api.call('templates.instantiate', { id: 'fx-monitor' }, viewer);
      expect(answer.error.data.nautilus.code).toBe('FORBIDDEN');
    });

    it('never leaves a half dashboard: fuzzed imports either create one whole dashboard or change no row', async () => {
      const base = JSON.parse(stringifyTemplate(await loadTemplate('equity-trader')));
      let state = 7;
      const random = () => {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
        return state / 2 ** 31;
      };
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
      const odd: unknown[] = [null, 0, -1, '', 'x'.repeat(300), [], {}, true, 'acme.x/y', '$nope', 99, { a: 1 }];
      const mutate = (): { template: unknown; mapping?: Record<string, string> } => {
        const template = structuredClone(base);
        const what = Math.floor(random() * 10);
        const panel = pick(template.dashboard.panels) as any;
        if (what === 0) panel.gridPos.w = pick([0, 25, 30, -1, 'wide']);
        else if (what === 1) panel.id = pick(['', 'price', 'a b', 'x'.repeat(80)]);
        else if (what === 2) panel.query = pick([{ dataSource: 'bad', params: {} }, { params: {} }, null]);
        else if (what === 3) template.inputs[Math.floor(random() * template.inputs.length)].default = pick(odd);
        else if (what === 4) template.requires = pick([[], [{ plugin: 'x' }], null]);
        else if (what === 5) template.dashboard.variables[0] = pick(odd);
        else if (what === 6)
          return {
            template,
            mapping: { [pick(['bars', 'symbol', 'nope'])]: pick(['nautilus.core/bars', 'acme.x/y', 'SIM:MSFT', '!!']) },
          };
        else if (what === 7) template.templateVersion = pick([0, 3, '2', null]);
        else if (what === 8) template.dashboard.title = pick(['', 'x'.repeat(300), 'Fine title']);
        else panel.type = pick(['acme.missing/widget', 'Bad Type', 'nautilus.widgets-core/nope']);
        return { template };
      };
      let created = 0;
      for (let index = 0; index < 120; index++) {
        const input = mutate();
        const before = await rowCounts(api);
        const answer = await api.call('templates.import', input, editor);
        const after = await rowCounts(api);
        expect(answer.status, JSON.stringify(input).slice(0, 300)).toBeLessThan(500);
        if (answer.status === 200) {
          created++;
          expect(after.dashboards).toBe(before.dashboards + 1);
          expect(after.versions).toBe(before.versions + 1);
          const stored = await api.call('dashboards.get', { id: answer.data.id }, editor);
          expect(stored.status).toBe(200);
        } else {
          expect(answer.error.data.nautilus.code, JSON.stringify(answer.error)).toBe('VALIDATION');
          expect(answer.error.data.nautilus.fields.length).toBeGreaterThan(0);
          expect(after).toEqual(before);
        }
      }
      // Both outcomes were exercised.
      expect(created).toBeGreaterThan(5);
      expect(created).toBeLessThan(115);
    }, 120_000);
  });
}
