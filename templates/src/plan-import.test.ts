import { describe, expect, it } from 'vitest';
import { exportTemplate, planImport } from './index.ts';
import { caretSatisfies, installedPlugins, sampleDashboard } from './test-support.ts';

const options = { satisfies: caretSatisfies };

function withForeignPanel() {
  const dashboard = sampleDashboard();
  dashboard.panels.push({
    id: 'heat',
    type: 'acme.heatmaps/grid',
    pluginVersion: '2.3.0',
    title: 'Sector heat',
    gridPos: { x: 0, y: 10, w: 8, h: 4 },
    query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$symbol', timeframe: '1d' } },
    options: {},
  });
  return exportTemplate(dashboard, installedPlugins());
}

describe('planImport', () => {
  it('plans a clean import: every plugin ok, nothing missing', () => {
    const plan = planImport(exportTemplate(sampleDashboard(), installedPlugins()), {}, installedPlugins(), options);
    expect(plan.ok).toBe(true);
    expect(plan.plugins.map((check) => [check.plugin, check.status])).toEqual([
      ['nautilus.sim-market', 'ok'],
      ['nautilus.widgets-core', 'ok'],
    ]);
    expect(plan.missingPanels).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('keeps the panels of a missing plugin, with their type, and lists them', () => {
    const plan = planImport(withForeignPanel(), {}, installedPlugins(), options);
    expect(plan.ok).toBe(true);
    expect(plan.dashboard.panels.map((panel) => panel.type)).toContain('acme.heatmaps/grid');
    expect(plan.plugins.find((check) => check.plugin === 'acme.heatmaps')).toMatchObject({ status: 'missing', range: '^2.3.0' });
    expect(plan.missingPanels).toEqual([
      {
        id: 'heat',
        title: 'Sector heat',
        type: 'acme.heatmaps/grid',
        reasons: ['acme.heatmaps is not installed; install it (^2.3.0) and its panels draw'],
      },
    ]);
  });

  it('calls an installed version outside the range incompatible, and a failed plugin failed', () => {
    const installed = installedPlugins();
    (installed[2] as any).version = '0.2.0';
    (installed[0] as any).state = 'failed';
    const plan = planImport(exportTemplate(sampleDashboard(), installedPlugins()), {}, installed, options);
    expect(plan.plugins.map((check) => check.status)).toEqual(['failed', 'incompatible']);
    expect(plan.missingPanels.map((panel) => panel.id)).toEqual(['price', 'last']);
  });

  it('checks a mapped source exists and returns a frame the input needs, naming the input', () => {
    const template = exportTemplate(sampleDashboard(), installedPlugins());
    expect(planImport(template, { bars: 'nautilus.core/bars' }, installedPlugins(), options).ok).toBe(true);
    const wrongKind = planImport(template, { bars: 'nautilus.sim-market/instruments' }, installedPlugins(), options);
    expect(wrongKind.errors).toEqual([
      { path: 'mapping.bars', message: "'nautilus.sim-market/instruments' returns table; this input needs ohlcv" },
    ]);
    const absent = planImport(template, { bars: 'acme.feeds/bars' }, installedPlugins(), options);
    expect(absent.ok).toBe(false);
    expect(absent.errors[0]?.path).toBe('mapping.bars');
  });

  it('warns when a plugin of the same version declares other contributions than at export', () => {
    const installed = installedPlugins();
    (installed[0] as any).digest = `sha256:${'c'.repeat(64)}`;
    const plan = planImport(exportTemplate(sampleDashboard(), installedPlugins()), {}, installed, options);
    expect(plan.ok).toBe(true);
    expect(plan.warnings).toEqual([
      {
        path: 'requires[0].digest',
        message: 'nautilus.sim-market 0.1.0 here declares other contributions than the one the template was exported with',
      },
    ]);
  });

  it('lists a panel whose plugin is there but lacks the widget', () => {
    const dashboard = sampleDashboard();
    (dashboard.panels[1] as any).type = 'nautilus.widgets-core/gauge';
    const plan = planImport(exportTemplate(dashboard, installedPlugins()), {}, installedPlugins(), options);
    expect(plan.missingPanels).toEqual([
      {
        id: 'last',
        title: 'Last close',
        type: 'nautilus.widgets-core/gauge',
        reasons: ["nautilus.widgets-core has no widget 'gauge'"],
      },
    ]);
  });
});
