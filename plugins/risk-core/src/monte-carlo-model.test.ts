import type { ComputeKernel, PluginDefinition, VarRequest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { MC_VAR_KERNEL } from './index.ts';
import { threeAssetMarket } from './test-data.ts';
import { fakeContext, openSignal, startPlugin } from './test-host.ts';

/** The compute-webgpu plugin's own kernel: the real one, run on the CPU here (its WGSL is tested in that plugin). */
async function computeWebgpuKernel(): Promise<ComputeKernel> {
  const module = (await import('@nautilus/plugin-compute-webgpu')) as { default: PluginDefinition };
  const contributions = await module.default.setup(fakeContext());
  const kernel = contributions.computeKernels?.['mc-var'];
  if (!kernel) throw new Error('@nautilus/plugin-compute-webgpu contributes no mc-var kernel');
  return kernel;
}

const kernels: [string, ComputeKernel][] = [['the nautilus.compute-webgpu kernel', await computeWebgpuKernel()]];

const market = threeAssetMarket();
const base: VarRequest = { positions: market.positions, prices: market.prices, confidence: 0.99, horizonDays: 1, lookback: 250 };

for (const [name, kernel] of kernels) {
  describe(`Monte Carlo risk model on ${name}`, async () => {
    const { riskModels } = await startPlugin({ [MC_VAR_KERNEL]: kernel });
    const montecarlo = riskModels.montecarlo!;
    const parametric = riskModels.parametric!;

    it('agrees with parametric VaR (normal, zero mean) within 3 standard errors over 200k paths', async () => {
      const request = { ...base, options: { mean: 'zero', paths: 200_000, seed: 7 } };
      const [simulated, exact] = await Promise.all([
        montecarlo.compute(request, openSignal),
        parametric.compute(request, openSignal),
      ]);
      expect(simulated.method).toBe('montecarlo');
      expect(simulated).toMatchObject({ paths: 200_000, backend: 'cpu' });
      expect(simulated.standardError).toBeGreaterThan(0);
      expect(Math.abs(simulated.var - exact.var)).toBeLessThan(3 * simulated.standardError!);
      // ES has a slightly larger error than VaR; 2 % of it is about 4 standard errors here.
      expect(simulated.es / exact.es).toBeCloseTo(1, 1);
      expect(Math.abs(simulated.es - exact.es)).toBeLessThan(0.02 * exact.es);
    });

    it('splits VaR by componentEs × VaR/ES: components add up to VaR and match the Euler components of a normal', async () => {
      const request = { ...base, options: { mean: 'zero', paths: 200_000, seed: 3 } };
      const [simulated, exact] = await Promise.all([
        montecarlo.compute(request, openSignal),
        parametric.compute(request, openSignal),
      ]);
      expect(simulated.positions.reduce((sum, p) => sum + p.componentVar, 0)).toBeCloseTo(simulated.var, 6);
      simulated.positions.forEach((position, i) => {
        expect(Math.abs(position.componentVar - exact.positions[i]!.componentVar)).toBeLessThan(0.03 * exact.var);
        // Standalone VaR is the closed form of the same distribution.
        expect(position.standaloneVar).toBeCloseTo(exact.positions[i]!.standaloneVar, 8);
      });
      expect(simulated.notes.join(' ')).toMatch(/VaR\/ES/);
    });

    it('adds h·mean and sqrt(h)·σ like the parametric model does', async () => {
      const request = { ...base, horizonDays: 10, options: { paths: 200_000, seed: 11 } };
      const [simulated, exact] = await Promise.all([
        montecarlo.compute(request, openSignal),
        parametric.compute(request, openSignal),
      ]);
      expect(Math.abs(simulated.var - exact.var)).toBeLessThan(3 * simulated.standardError!);
    });

    it('simulates Student-t returns scaled to unit variance', async () => {
      const request = { ...base, options: { mean: 'zero', paths: 200_000, seed: 5, distribution: 't', degreesOfFreedom: 5 } };
      const [simulated, exact] = await Promise.all([
        montecarlo.compute(request, openSignal),
        parametric.compute(request, openSignal),
      ]);
      expect(Math.abs(simulated.var - exact.var)).toBeLessThan(3 * simulated.standardError!);
      const normal = await parametric.compute({ ...base, options: { mean: 'zero' } }, openSignal);
      expect(simulated.var).toBeGreaterThan(normal.var);
    });

    it('simulates perfectly correlated assets (a singular covariance) instead of failing', async () => {
      const prices = { ...market.prices, 'SIM:AAA2': market.prices['SIM:AAA']! };
      const positions = [
        { symbol: 'SIM:AAA', quantity: 1000 },
        { symbol: 'SIM:AAA2', quantity: 500 },
        { symbol: 'SIM:CCC', quantity: 5000 },
      ];
      const request = { ...base, positions, prices, options: { mean: 'zero', paths: 100_000 } };
      const [simulated, exact] = await Promise.all([
        montecarlo.compute(request, openSignal),
        parametric.compute(request, openSignal),
      ]);
      expect(Number.isFinite(simulated.var)).toBe(true);
      expect(Math.abs(simulated.var - exact.var)).toBeLessThan(3 * simulated.standardError!);
    });

    it('gives a zero position zero risk and an empty portfolio zero VaR without running the kernel', async () => {
      const positions = [...market.positions, { symbol: 'SIM:BBB', quantity: 0 }];
      const result = await montecarlo.compute({ ...base, positions, options: { paths: 20_000 } }, openSignal);
      expect(result.positions[3]).toMatchObject({ value: 0, componentVar: 0, standaloneVar: 0 });
      const empty = await montecarlo.compute({ ...base, positions: [{ symbol: 'SIM:AAA', quantity: 0 }] }, openSignal);
      expect([empty.var, empty.es, empty.paths]).toEqual([0, 0, 0]);
    });

    it('is reproducible: the same seed gives the same VaR', async () => {
      const request = { ...base, options: { paths: 20_000, seed: 99 } };
      const first = await montecarlo.compute(request, openSignal);
      const second = await montecarlo.compute(request, openSignal);
      expect(second.var).toBe(first.var);
    });

    it('backtests with backtestPaths a day, close to the parametric backtest of the same covariance', async () => {
      const request = { ...base, lookback: 100, window: 60, options: { mean: 'zero', backtestPaths: 20_000 } };
      const [simulated, exact] = await Promise.all([
        montecarlo.backtest!(request, openSignal),
        parametric.backtest!(request, openSignal),
      ]);
      expect(simulated.method).toBe('montecarlo');
      expect(simulated.days).toBe(60);
      simulated.series.var.forEach((v, day) => {
        expect(Math.abs(v / exact.series.var[day]! - 1)).toBeLessThan(0.08);
      });
      expect(simulated.series.pnl).toEqual(exact.series.pnl);
    });
  });
}

describe('Monte Carlo risk model input checks', () => {
  it('fails with NOT_FOUND telling the user to install nautilus.compute-webgpu', async () => {
    const { riskModels } = await startPlugin();
    await expect(riskModels.montecarlo!.compute(base, openSignal)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/install.*nautilus\.compute-webgpu/),
    });
  });

  it('rejects fewer paths than the confidence level needs, naming options.paths', async () => {
    const { riskModels } = await startPlugin({ [MC_VAR_KERNEL]: (kernels[0] as [string, ComputeKernel])[1] });
    await expect(
      riskModels.montecarlo!.compute({ ...base, confidence: 0.9999, options: { paths: 5000 } }, openSignal),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [expect.objectContaining({ path: 'options.paths' })],
    });
  });
});
