import { describe, expect, it } from 'vitest';
import { checkDashboard, type DashboardDocument, isNautilusError, migrateDashboard } from '../index.ts';
import v0 from './fixtures/v0-dashboard.json' with { type: 'json' };

describe('migrateDashboard', () => {
  it('migrates the synthetic v0 fixture to a v1 document on the 24-column grid', () => {
    const { document, from, applied } = migrateDashboard(v0);
    const migrated = document as DashboardDocument;
    expect(from).toBe(0);
    expect(applied).toHaveLength(1);
    expect(migrated.schemaVersion).toBe(1);
    expect(migrated.title).toBe('Morning desk');
    expect(migrated.variables).toEqual([{ name: 'symbol', type: 'instrument', default: 'SIM:AAPL' }]);
    expect(migrated.panels.map((panel) => panel.gridPos)).toEqual([
      { x: 0, y: 0, w: 16, h: 6 },
      { x: 16, y: 0, w: 8, h: 6 },
      { x: 0, y: 6, w: 24, h: 2 },
    ]);
    expect(migrated.panels[0]).toMatchObject({
      id: 'price',
      type: 'nautilus.widgets-core/candlestick',
      query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$symbol', timeframe: '1h' } },
      options: { volume: true },
    });
    expect(migrated.panels[1]?.query?.params).toEqual({ symbol: 'SIM:SPY', timeframe: '1d' });
    expect(migrated.panels[2]).toMatchObject({ id: 'panel-3', type: 'nautilus.widgets-core/text' });
    expect(migrated.panels[2]?.query).toBeUndefined();
    expect(checkDashboard(migrated)).toEqual([]);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(v0);
    migrateDashboard(copy);
    expect(copy).toEqual(v0);
  });

  it('leaves a current document as it is', () => {
    const current = migrateDashboard(v0).document;
    expect(migrateDashboard(current)).toEqual({ document: current, from: 1, applied: [] });
  });

  it('rejects a document from a newer Nautilus, naming schemaVersion', () => {
    try {
      migrateDashboard({ schemaVersion: 99 });
      expect.unreachable();
    } catch (error) {
      expect(isNautilusError(error) && error.code).toBe('VALIDATION');
      expect((error as { fields: unknown }).fields).toEqual([
        { path: 'schemaVersion', message: expect.stringContaining('upgrade') },
      ]);
    }
  });

  it('rejects something that is not an object', () => {
    expect(() => migrateDashboard([1, 2])).toThrow(/expected a JSON object/);
  });
});
