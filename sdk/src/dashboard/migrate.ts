import { NautilusError } from '../errors.ts';
import { DASHBOARD_SCHEMA_VERSION } from './document.ts';

type Json = Record<string, unknown>;

/** One pure step from schema version `from` to `from + 1`. It must not mutate its input. */
export interface DashboardMigration {
  from: number;
  describe: string;
  up(document: Json): Json;
}

const asRecord = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asInt = (value: unknown, fallback: number): number => (Number.isInteger(value) ? (value as number) : fallback);

/**
 * v0 is the pre-release format: `name`, a 12-column grid of `widgets` with `layout {col,row,width,height}`,
 * `kind`, and a data source named inline with `symbol` and `interval`.
 */
const v0ToV1: DashboardMigration = {
  from: 0,
  describe: 'v0 widgets on a 12-column grid become v1 panels on the 24-column grid',
  up(document) {
    const symbol = typeof document.symbol === 'string' ? document.symbol : undefined;
    const panels = asArray(document.widgets).map((raw, index) => {
      const widget = asRecord(raw);
      const layout = asRecord(widget.layout);
      const kind = typeof widget.kind === 'string' ? widget.kind : 'text';
      const panel: Json = {
        id: typeof widget.key === 'string' && widget.key ? widget.key : `panel-${index + 1}`,
        type: `nautilus.widgets-core/${kind}`,
        pluginVersion: '0.1.0',
        title: typeof widget.title === 'string' ? widget.title : '',
        gridPos: {
          x: asInt(layout.col, 0) * 2,
          y: asInt(layout.row, 0),
          w: asInt(layout.width, 6) * 2,
          h: asInt(layout.height, 4),
        },
        options: { ...asRecord(widget.settings) },
      };
      if (typeof widget.datasource === 'string') {
        const widgetSymbol = typeof widget.symbol === 'string' ? widget.symbol : undefined;
        panel.query = {
          dataSource: widget.datasource === 'sim' ? 'nautilus.sim-market/bars' : widget.datasource,
          params: {
            symbol: widgetSymbol === undefined || widgetSymbol === symbol ? '$symbol' : `SIM:${widgetSymbol}`,
            timeframe: typeof widget.interval === 'string' ? widget.interval : '1d',
          },
        };
      }
      return panel;
    });
    return {
      schemaVersion: 1,
      title: typeof document.name === 'string' && document.name ? document.name : 'Untitled',
      tags: [],
      variables: symbol ? [{ name: 'symbol', type: 'instrument', default: `SIM:${symbol}` }] : [],
      timeRange: { from: 'now-30d', to: 'now' },
      refresh: 'off',
      panels,
    };
  },
};

/** Every migration, in order; `migrations[n]` goes from version n to n + 1. */
export const dashboardMigrations: readonly DashboardMigration[] = [v0ToV1];

/**
 * Brings a stored or imported document up to the current schema version by running each pure step in
 * turn. A document without `schemaVersion` is v0. The result still needs validating.
 */
export function migrateDashboard(input: unknown): { document: unknown; from: number; applied: string[] } {
  const record = asRecord(input);
  if (record !== input) {
    throw NautilusError.validation('dashboard document', [{ path: '', message: 'expected a JSON object' }]);
  }
  const from = record.schemaVersion === undefined ? 0 : record.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    throw NautilusError.validation('dashboard document', [
      { path: 'schemaVersion', message: `expected an integer from 0 to ${DASHBOARD_SCHEMA_VERSION}` },
    ]);
  }
  if (from > DASHBOARD_SCHEMA_VERSION) {
    throw NautilusError.validation('dashboard document', [
      {
        path: 'schemaVersion',
        message: `${from} is newer than this Nautilus understands (${DASHBOARD_SCHEMA_VERSION}); upgrade Nautilus`,
      },
    ]);
  }
  let document: Json = record;
  const applied: string[] = [];
  for (let version = from; version < DASHBOARD_SCHEMA_VERSION; version++) {
    const step = dashboardMigrations[version];
    if (!step || step.from !== version) throw new NautilusError('INTERNAL', `No dashboard migration from version ${version}`);
    document = step.up(structuredClone(document));
    applied.push(step.describe);
  }
  return { document, from, applied };
}
