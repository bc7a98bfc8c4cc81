import { describe, expect, it } from 'vitest';
import { applyInputs, exportTemplate, validateTemplate } from './index.ts';
import { installedPlugins, sampleDashboard } from './test-support.ts';

const template = () => exportTemplate(sampleDashboard(), installedPlugins(), { id: 'desk', version: '1.1.0' });

describe('applyInputs', () => {
  it('maps a data source into every query that used it and sets variable defaults', () => {
    const { dashboard, issues } = applyInputs(template(), { bars: 'nautilus.core/bars', symbol: 'SIM:MSFT' });
    expect(issues).toEqual([]);
    expect(dashboard.panels.map((panel) => panel.query?.dataSource)).toEqual(['nautilus.core/bars', 'nautilus.core/bars']);
    expect(dashboard.variables[0]?.default).toBe('SIM:MSFT');
    expect(dashboard.template).toEqual({ id: 'desk', version: '1.1.0' });
  });

  it('keeps the defaults when nothing is mapped, and leaves the template untouched', () => {
    const original = template();
    const { dashboard } = applyInputs(original);
    expect(dashboard.panels[0]?.query?.dataSource).toBe('nautilus.sim-market/bars');
    expect(dashboard.variables[0]?.default).toBe('SIM:AAPL');
    expect(original.dashboard).not.toHaveProperty('template');
  });

  it('names each bad mapping by its input', () => {
    const { issues } = applyInputs(template(), { ticker: 'SIM:MSFT', bars: 'not a ref', symbol: 'x'.repeat(201) });
    expect(issues).toEqual([
      { path: 'mapping.ticker', message: 'is not an input of this template (inputs: bars, symbol)' },
      {
        path: 'mapping.bars',
        message: 'expected a data source as <pluginId>/<source>, e.g. nautilus.sim-market/bars; got "not a ref"',
      },
      { path: 'mapping.symbol', message: 'is 201 characters; the limit is 200' },
    ]);
  });

  it("names a value outside a custom variable's options by its input", () => {
    const dashboard = {
      ...sampleDashboard(),
      variables: [{ name: 'symbol', type: 'custom' as const, options: ['SIM:AAPL', 'SIM:MSFT'], default: 'SIM:AAPL' }],
    };
    const sized = validateTemplate(exportTemplate(dashboard, installedPlugins()));
    expect(applyInputs(sized, { symbol: 'SIM:MSFT' }).issues).toEqual([]);
    expect(applyInputs(sized, { symbol: 'SIM:NVDA' }).issues).toEqual([
      { path: 'mapping.symbol', message: "'SIM:NVDA' is not one of its options" },
    ]);
  });
});
