import { describe, expect, it } from 'vitest';
import { checkDashboard, type DashboardDocument, emptyDashboard } from '../index.ts';

function withPanels(panels: DashboardDocument['panels'], variables: DashboardDocument['variables'] = []): DashboardDocument {
  return { ...emptyDashboard('t'), panels, variables };
}
const panel = (id: string, x: number, w: number, params: Record<string, unknown> = {}): DashboardDocument['panels'][number] => ({
  id,
  type: 'acme.widgets/chart',
  pluginVersion: '1.0.0',
  title: id,
  gridPos: { x, y: 0, w, h: 4 },
  query: { dataSource: 'acme.data/bars', params },
  options: {},
});

describe('checkDashboard', () => {
  it('accepts a sound document', () => {
    expect(
      checkDashboard(withPanels([panel('a', 0, 12, { symbol: '$symbol' })], [{ name: 'symbol', type: 'text', default: 'X' }])),
    ).toEqual([]);
  });
  it('names a panel that overflows the 24-column grid', () => {
    expect(checkDashboard(withPanels([panel('a', 20, 8)]))).toEqual([
      { path: 'panels[0].gridPos.w', message: 'x + w must be <= 24 (x=20, w=8)' },
    ]);
  });
  it('names duplicate panel ids', () => {
    expect(checkDashboard(withPanels([panel('a', 0, 4), panel('a', 4, 4)]))).toEqual([
      { path: 'panels[1].id', message: "duplicate panel id 'a'" },
    ]);
  });
  it('names a reference to an undefined variable, in both spellings', () => {
    const issues = checkDashboard(withPanels([panel('a', 0, 4, { symbol: '${ticker}', note: 'x $other y' })]));
    expect(issues.map((issue) => issue.message)).toEqual([
      "references undefined variable '$ticker'",
      "references undefined variable '$other'",
    ]);
  });
  it('names a custom variable whose default is not an option', () => {
    const issues = checkDashboard(withPanels([], [{ name: 'tf', type: 'custom', options: ['1h', '1d'], default: '5m' }]));
    expect(issues).toEqual([{ path: 'variables[0].default', message: "'5m' is not one of its options" }]);
  });
  it('names a bad or inverted time range', () => {
    expect(checkDashboard({ ...emptyDashboard('t'), timeRange: { from: 'yesterday', to: 'now' } })[0]?.path).toBe(
      'timeRange.from',
    );
    expect(checkDashboard({ ...emptyDashboard('t'), timeRange: { from: 'now', to: 'now-1d' } })).toEqual([
      { path: 'timeRange.from', message: 'must be before timeRange.to' },
    ]);
  });
});
