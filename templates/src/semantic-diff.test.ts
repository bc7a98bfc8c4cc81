import { describe, expect, it } from 'vitest';
import { diffDashboards } from './index.ts';
import { reversedKeys, sampleDashboard } from './test-support.ts';

describe('diffDashboards', () => {
  it('finds nothing between a dashboard and itself written in another key order', () => {
    const diff = diffDashboards(sampleDashboard(), reversedKeys(sampleDashboard()));
    expect(diff).toEqual({ added: [], removed: [], changed: [], dashboard: [], identical: true });
  });

  it('names panels added, removed and changed by title, each change by field', () => {
    const before = sampleDashboard();
    const after = sampleDashboard();
    after.title = 'Morning desk v2';
    after.variables[0] = { ...(after.variables[0] as any), default: 'SIM:MSFT' };
    const [price] = after.panels;
    (price as any).query.params.timeframe = '15m';
    (price as any).query.dataSource = 'nautilus.core/bars';
    (price as any).options = { smaEnabled: false, emaEnabled: true };
    (price as any).gridPos = { x: 0, y: 0, w: 24, h: 10 };
    after.panels.splice(1, 1, {
      id: 'volume',
      type: 'nautilus.widgets-core/table',
      pluginVersion: '0.1.0',
      title: 'Daily bars',
      gridPos: { x: 0, y: 10, w: 24, h: 6 },
      options: {},
    });
    const diff = diffDashboards(before, after);
    expect(diff.identical).toBe(false);
    expect(diff.added).toEqual([{ id: 'volume', title: 'Daily bars' }]);
    expect(diff.removed).toEqual([{ id: 'last', title: 'Last close' }]);
    expect(diff.changed).toEqual([
      {
        id: 'price',
        title: 'Price',
        kinds: ['layout', 'query', 'options'],
        changes: [
          { path: 'gridPos', before: { x: 0, y: 0, w: 16, h: 10 }, after: { x: 0, y: 0, w: 24, h: 10 } },
          { path: 'query.dataSource', before: 'nautilus.sim-market/bars', after: 'nautilus.core/bars' },
          { path: 'query.params.timeframe', before: '1h', after: '15m' },
          { path: 'options.emaEnabled', before: undefined, after: true },
          { path: 'options.smaEnabled', before: true, after: false },
        ],
      },
    ]);
    expect(diff.dashboard.map((change) => change.path)).toEqual(['title', 'variables.symbol']);
  });

  it('pairs a panel re-created under another id by its title', () => {
    const after = sampleDashboard();
    (after.panels[1] as any).id = 'last-close';
    const diff = diffDashboards(sampleDashboard(), after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.identical).toBe(true);
  });
});
