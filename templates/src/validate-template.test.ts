import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from './index.ts';

const panel = {
  id: 'price',
  type: 'nautilus.widgets-core/candlestick',
  pluginVersion: '0.1.0',
  title: 'Price',
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$symbol', timeframe: '1h' } },
  options: {},
};

function templateFile(dashboard: Record<string, unknown> = {}) {
  return {
    template: {
      id: 'test',
      name: 'Test',
      description: '',
      inputs: [{ name: 'symbol', label: 'Instrument', default: 'SIM:AAPL' }],
    },
    dashboard: {
      schemaVersion: 1,
      title: 'Test',
      tags: [],
      variables: [{ name: 'symbol', type: 'instrument', default: 'SIM:AAPL' }],
      timeRange: { from: 'now-30d', to: 'now' },
      refresh: 'off',
      panels: [panel],
      ...dashboard,
    },
  };
}

function rejection(json: unknown): NautilusError {
  try {
    validateTemplate(json);
  } catch (error) {
    if (isNautilusError(error)) return error;
    throw error;
  }
  throw new Error('expected validateTemplate to throw');
}

describe('validateTemplate', () => {
  it('accepts a valid template and returns it unchanged', () => {
    const file = templateFile();
    expect(validateTemplate(file)).toEqual(file);
  });

  it('rejects a panel that overflows the 24-column grid, naming its width', () => {
    const error = rejection(templateFile({ panels: [{ ...panel, gridPos: { x: 20, y: 0, w: 8, h: 4 } }] }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([{ path: 'dashboard.panels[0].gridPos.w', message: 'x + w must be <= 24 (x=20, w=8)' }]);
  });

  it('turns schema errors into field paths that name the value', () => {
    const error = rejection(templateFile({ panels: [{ ...panel, gridPos: { x: 0, y: 0, w: 30, h: 4 } }], refresh: 'hourly' }));
    expect(error.fields).toContainEqual({ path: 'dashboard.panels[0].gridPos.w', message: 'must be <= 24, got 30' });
    expect(error.fields).toContainEqual({
      path: 'dashboard.refresh',
      message: 'must be equal to one of the allowed values ("off", "5s", "30s", "1m", "5m"), got "hourly"',
    });
  });

  it('names missing and unexpected properties themselves', () => {
    const { title: _title, ...untitled } = templateFile().dashboard;
    const error = rejection({ ...templateFile(), dashboard: { ...untitled, colour: 'blue' } });
    expect(error.fields).toEqual([
      { path: 'dashboard.title', message: 'is required' },
      { path: 'dashboard.colour', message: 'is not allowed here' },
    ]);
  });

  it('rejects a query that references an undefined variable', () => {
    const query = { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$ticker' } };
    const error = rejection(templateFile({ panels: [{ ...panel, query }] }));
    expect(error.fields).toEqual([
      { path: 'dashboard.panels[0].query.params', message: "references undefined variable '$ticker'" },
    ]);
  });

  it('rejects bad template metadata and an input that names no dashboard variable', () => {
    const file = templateFile();
    expect(rejection({ ...file, template: { ...file.template, id: 'Market Overview' } }).fields[0]?.path).toBe('template.id');
    const orphan = { ...file.template, inputs: [{ name: 'account', label: 'Account', default: 'main' }] };
    expect(rejection({ ...file, template: orphan }).fields).toEqual([
      { path: 'template.inputs[0].name', message: "the dashboard has no variable 'account'" },
    ]);
  });

  it('migrates a v0 dashboard inside a template, then validates it', () => {
    const v0 = {
      name: 'Legacy overview',
      symbol: 'AAPL',
      widgets: [
        {
          key: 'chart',
          kind: 'candlestick',
          title: 'Price',
          layout: { col: 0, row: 0, width: 8, height: 6 },
          datasource: 'sim',
          interval: '1h',
        },
        { key: 'last', kind: 'stat', title: 'Last', layout: { col: 8, row: 0, width: 4, height: 3 } },
      ],
    };
    const { dashboard } = validateTemplate({ template: templateFile().template, dashboard: v0 });
    expect(dashboard.schemaVersion).toBe(1);
    expect(dashboard.title).toBe('Legacy overview');
    expect(dashboard.variables).toEqual([{ name: 'symbol', type: 'instrument', default: 'SIM:AAPL' }]);
    // 12-column v0 cells are twice as wide on the 24-column grid.
    expect(dashboard.panels.map((p) => p.gridPos)).toEqual([
      { x: 0, y: 0, w: 16, h: 6 },
      { x: 16, y: 0, w: 8, h: 3 },
    ]);
    expect(dashboard.panels[0]?.query).toEqual({
      dataSource: 'nautilus.sim-market/bars',
      params: { symbol: '$symbol', timeframe: '1h' },
    });
  });

  it('reports a v0 dashboard that migrates into an invalid one under dashboard.*', () => {
    const v0 = { name: 'Too wide', widgets: [{ key: 'a', kind: 'table', layout: { col: 8, row: 0, width: 6, height: 3 } }] };
    expect(rejection({ template: { ...templateFile().template, inputs: [] }, dashboard: v0 }).fields).toEqual([
      { path: 'dashboard.panels[0].gridPos.w', message: 'x + w must be <= 24 (x=16, w=12)' },
    ]);
  });

  it('rejects a dashboard from a newer schema version', () => {
    expect(rejection(templateFile({ schemaVersion: 99 })).fields[0]?.path).toBe('dashboard.schemaVersion');
  });
});
