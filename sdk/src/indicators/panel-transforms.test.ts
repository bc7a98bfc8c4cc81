import { describe, expect, it } from 'vitest';
import { checkDashboard, type DashboardDocument, emptyDashboard, INDICATOR_CATALOGUE, type PanelTransform } from '../index.ts';

const withTransforms = (transforms: PanelTransform[]): DashboardDocument => ({
  ...emptyDashboard('t'),
  panels: [
    {
      id: 'p',
      type: 'acme.widgets/chart',
      pluginVersion: '1.0.0',
      title: 'p',
      gridPos: { x: 0, y: 0, w: 12, h: 4 },
      query: { dataSource: 'acme.data/bars', params: {} },
      transforms,
      options: {},
    },
  ],
});

describe('panel indicator transforms', () => {
  it('accepts catalogue indicators with params in range or left to their defaults', () => {
    expect(checkDashboard(withTransforms([{ indicator: 'rsi', params: { period: 7 } }, { indicator: 'macd' }]))).toEqual([]);
  });

  it('names the transform and field of an unknown indicator, a bad param and an unknown param', () => {
    const issues = checkDashboard(
      withTransforms([{ indicator: 'rsj' }, { indicator: 'bbands', params: { period: 0, width: 2 } }]),
    );
    expect(issues).toEqual([
      { path: 'panels[0].transforms[0].indicator', message: "unknown indicator 'rsj'" },
      { path: 'panels[0].transforms[1].params.period', message: 'expected a whole number from 1 to 100000, got 0' },
      { path: 'panels[0].transforms[1].params.width', message: "'bbands' has no parameter 'width'" },
    ]);
  });

  it('describes every param like a JSON Schema property with its default inside its range', () => {
    for (const definition of INDICATOR_CATALOGUE) {
      expect(definition.outputs.length).toBeGreaterThan(0);
      for (const param of definition.params) {
        expect(param.minimum <= param.default && param.default <= param.maximum, `${definition.id}.${param.name}`).toBe(true);
        expect(param.description.length).toBeGreaterThan(0);
      }
    }
  });
});
