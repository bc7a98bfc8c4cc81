import { describe, expect, it } from 'vitest';
import { exportTemplate, stringifyTemplate, templateIdFrom, validateTemplate } from './index.ts';
import { installedPlugins, reversedKeys, sampleDashboard } from './test-support.ts';

describe('exportTemplate', () => {
  it('gives byte-identical files for two exports of the same dashboard', () => {
    const first = stringifyTemplate(exportTemplate(sampleDashboard(), installedPlugins()));
    const second = stringifyTemplate(exportTemplate(sampleDashboard(), installedPlugins()));
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
  });

  it('does not depend on the order keys were written in, at any depth', () => {
    const shuffled = reversedKeys(sampleDashboard());
    expect(Object.keys(shuffled)[0]).toBe('panels');
    expect(stringifyTemplate(exportTemplate(shuffled, reversedKeys(installedPlugins())))).toBe(
      stringifyTemplate(exportTemplate(sampleDashboard(), installedPlugins())),
    );
  });

  it('puts the format and identity first and the dashboard last', () => {
    const text = stringifyTemplate(exportTemplate(sampleDashboard(), installedPlugins()));
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual(['templateVersion', 'id', 'version', 'name', 'description', 'inputs', 'requires', 'dashboard']);
  });

  it('types the inputs: each data source by the frames it returns, each variable with its default', () => {
    const template = exportTemplate(sampleDashboard(), installedPlugins());
    expect(template.inputs).toEqual([
      { type: 'dataSource', name: 'bars', label: 'Simulated bars', frames: ['ohlcv'], default: 'nautilus.sim-market/bars' },
      { type: 'variable', name: 'symbol', label: 'Instrument', default: 'SIM:AAPL' },
    ]);
  });

  it('locks every plugin the panels use, by widget and by data source, with the installed version and digest', () => {
    const template = exportTemplate(sampleDashboard(), installedPlugins());
    expect(template.requires).toEqual([
      { plugin: 'nautilus.sim-market', range: '^0.1.0', version: '0.1.0', digest: `sha256:${'a'.repeat(64)}` },
      { plugin: 'nautilus.widgets-core', range: '^0.1.0', version: '0.1.0', digest: `sha256:${'b'.repeat(64)}` },
    ]);
  });

  it("locks a plugin that is not installed from its panels' version, with no digest", () => {
    const dashboard = sampleDashboard();
    dashboard.panels.push({
      id: 'heat',
      type: 'acme.heatmaps/grid',
      pluginVersion: '2.3.0',
      title: 'Heat',
      gridPos: { x: 0, y: 10, w: 8, h: 4 },
      query: { dataSource: 'acme.feeds/ticks', params: {} },
      options: {},
    });
    const template = exportTemplate(dashboard, installedPlugins());
    expect(template.requires.filter((entry) => entry.plugin.startsWith('acme'))).toEqual([
      { plugin: 'acme.feeds', range: '*', version: null, digest: null },
      { plugin: 'acme.heatmaps', range: '^2.3.0', version: '2.3.0', digest: null },
    ]);
    expect(template.inputs[1]).toEqual({
      type: 'dataSource',
      name: 'ticks',
      label: 'acme.feeds/ticks',
      frames: [],
      default: 'acme.feeds/ticks',
    });
  });

  it('exports a valid template that reads back to the same bytes', () => {
    const text = stringifyTemplate(exportTemplate(sampleDashboard(), installedPlugins()));
    expect(stringifyTemplate(validateTemplate(JSON.parse(text)))).toBe(text);
  });

  it('takes the id and version of the template a dashboard came from, and leaves the provenance out of the dashboard', () => {
    const dashboard = { ...sampleDashboard(), template: { id: 'equity-trader', version: '1.2.0' } };
    const template = exportTemplate(dashboard, installedPlugins());
    expect([template.id, template.version]).toEqual(['equity-trader', '1.2.0']);
    expect(template.dashboard).not.toHaveProperty('template');
    expect(exportTemplate(dashboard, installedPlugins(), { id: 'mine', version: '2.0.0' })).toMatchObject({
      id: 'mine',
      version: '2.0.0',
    });
    expect(exportTemplate(sampleDashboard(), installedPlugins())).toMatchObject({ id: 'morning-desk', version: '1.0.0' });
  });

  it('makes kebab-case ids from titles', () => {
    expect(templateIdFrom('FX: majors & crosses')).toBe('fx-majors-crosses');
    expect(templateIdFrom('Café résumé')).toBe('cafe-resume');
    expect(templateIdFrom('***')).toBe('dashboard');
  });
});
