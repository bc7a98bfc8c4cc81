import { describe, expect, it } from 'vitest';
import plugin, * as riskCore from './index.ts';
import { startPlugin } from './test-host.ts';

describe('risk-core plugin', () => {
  it('declares itself as nautilus.risk-core, needing no network or secrets', () => {
    expect(plugin.manifest).toMatchObject({ id: 'nautilus.risk-core', version: '0.1.0', engine: '^0.1.0' });
    expect(plugin.manifest.permissions).toEqual({ network: [], secrets: [] });
  });

  it('implements every risk model and stress test it declares, and nothing else', async () => {
    const { riskModels, stressTests } = await startPlugin();
    const models = plugin.manifest.contributes.riskModels ?? [];
    expect(models.map((model) => model.id).sort()).toEqual(['historical', 'montecarlo', 'parametric']);
    expect(Object.keys(riskModels).sort()).toEqual(models.map((model) => model.id).sort());
    for (const model of models) expect(model.measures).toEqual(['VaR', 'ES']);
    for (const model of Object.values(riskModels)) {
      expect(typeof model.compute).toBe('function');
      expect(typeof model.backtest).toBe('function');
    }
    expect(plugin.manifest.contributes.stressTests?.map((test) => test.id)).toEqual(['scenarios']);
    expect(Object.keys(stressTests)).toEqual(['scenarios']);
  });

  it('exports the pure helpers the core reuses', () => {
    for (const name of [
      'alignPrices',
      'sampleCovariance',
      'ewmaCovariance',
      'correlationFromCovariance',
      'kupiecTest',
      'trafficLight',
    ]) {
      expect(typeof (riskCore as Record<string, unknown>)[name]).toBe('function');
    }
    expect(riskCore.MC_VAR_KERNEL).toBe('nautilus.compute-webgpu/mc-var');
  });
});
