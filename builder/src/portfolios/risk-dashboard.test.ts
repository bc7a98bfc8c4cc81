import { checkDashboard, GRID_COLUMNS, interpolateVariables } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { riskDashboardDocument } from './risk-dashboard.ts';

const document = riskDashboardDocument({
  portfolio: { name: 'Core book' },
  portfolioNames: ['Macro', 'Core book'],
  pluginVersions: { 'nautilus.widgets-risk': '0.2.0', 'nautilus.widgets-core': '0.1.0' },
});

describe('riskDashboardDocument', () => {
  it('passes the dashboard rules (variables defined, panels on the grid, unique ids)', () => {
    expect(checkDashboard(document)).toEqual([]);
  });

  it('has one panel per risk view, drawn by the matching widget', () => {
    const views = document.panels.map((panel) => [panel.query?.params.view, panel.type]);
    expect(views).toEqual([
      ['var', 'nautilus.widgets-risk/var-tile'],
      ['correlation', 'nautilus.widgets-risk/risk-heatmap'],
      ['contribution', 'nautilus.widgets-risk/risk-heatmap'],
      ['limits', 'nautilus.widgets-risk/limit-bars'],
      ['stress', 'nautilus.widgets-risk/pnl-waterfall'],
      ['backtest', 'nautilus.widgets-core/line'],
    ]);
    expect(document.panels.every((panel) => panel.query?.dataSource === 'nautilus.core/risk')).toBe(true);
  });

  it('reads the portfolio from a variable that offers every portfolio and opens on this one', () => {
    expect(document.variables).toEqual([
      { name: 'portfolio', label: 'Portfolio', type: 'custom', options: ['Core book', 'Macro'], default: 'Core book' },
    ]);
    for (const panel of document.panels) {
      expect(interpolateVariables(panel.query?.params, { portfolio: 'Macro' })?.portfolio).toBe('Macro');
    }
  });

  it('lays the panels out without overlaps inside the 24 columns', () => {
    const cells = new Set<string>();
    for (const { gridPos } of document.panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(GRID_COLUMNS);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `cell ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
    // Each band of panels fills the grid's width: no holes a user would have to tidy.
    for (const y of [0, 8, 16]) expect([...cells].filter((cell) => cell.endsWith(`,${y}`))).toHaveLength(GRID_COLUMNS);
  });

  it("records the installed widget plugin's version on each panel", () => {
    expect(document.panels.find((panel) => panel.id === 'var')?.pluginVersion).toBe('0.2.0');
    expect(document.panels.find((panel) => panel.id === 'backtest')?.pluginVersion).toBe('0.1.0');
  });

  it('titles the panels with the confidence asked for', () => {
    const at95 = riskDashboardDocument({ portfolio: { name: 'A' }, portfolioNames: [], confidence: 0.95 });
    expect(at95.panels[0]?.title).toBe('VaR / ES (95 %, 1 day)');
    expect(at95.panels[0]?.query?.params.confidence).toBe(0.95);
    expect(at95.variables[0]?.options).toEqual(['A']);
  });
});
