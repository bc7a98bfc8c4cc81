import { isNautilusError, type KernelBuffers, type KernelParams } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { NORMAL_QUANTILE_99, normalDensity, studentT5Density, studentT5Quantile } from './test-distributions.ts';
import { gpuForTests } from './test-gpu.ts';
import { mcVar } from './test-host.ts';
import { portfolioAssets, portfolioDailyStd, portfolioInputs } from './test-portfolio.ts';

type Run = (inputs: KernelBuffers, params: KernelParams, signal?: AbortSignal) => Promise<KernelBuffers>;

const { gpu, skipReason } = await gpuForTests();
const never = new AbortController().signal;

const implementations: { name: string; run: Run | undefined }[] = [
  { name: 'the CPU (f64)', run: (inputs, params, signal = never) => mcVar.cpu(inputs, params, signal) },
  {
    name: `WebGPU (f32)${gpu ? ` on ${gpu.backend}` : ` (${skipReason})`}`,
    run: gpu ? (inputs, params, signal = never) => mcVar.webgpu!.run(gpu, inputs, params, signal) : undefined,
  },
];

const one = (value: number) => Float64Array.of(value);
const sum = (values: ArrayLike<number> | undefined) => Array.from(values ?? []).reduce((total, value) => total + value, 0);

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isNautilusError(error)) throw new Error(`expected a NautilusError, got ${String(error)}`);
  return { code: error.code, fields: error.fields };
}

for (const { name, run } of implementations) {
  describe.skipIf(!run)(`mc-var on ${name}`, () => {
    const mcVarRun = run!;

    it('finds the normal VaR z_c·σ·|exposure|·sqrt(h) of one asset within 3 standard errors, and its standard error', async () => {
      const sigma = 0.02;
      const exposure = -2e6;
      const horizon = 10;
      const paths = 1_000_000;
      const out = await mcVarRun(
        { cholesky: one(sigma), exposures: one(exposure), mean: one(0) },
        { assets: 1, paths, seed: 42, confidence: 0.99, horizonDays: horizon },
      );
      const scale = sigma * Math.abs(exposure) * Math.sqrt(horizon);
      const expectedVar = NORMAL_QUANTILE_99 * scale;
      // Order-statistic standard error sqrt(p(1-p)/N)/f(VaR) with the exact normal density.
      const standardError = Math.sqrt((0.01 * 0.99) / paths) / (normalDensity(NORMAL_QUANTILE_99) / scale);
      expect(Math.abs(out.var![0]! - expectedVar)).toBeLessThan(3 * standardError);
      expect(out.varStdError![0]! / standardError).toBeGreaterThan(0.9);
      expect(out.varStdError![0]! / standardError).toBeLessThan(1.1);
      // ES = σ·φ(z)/(1 - c); its sampling error here is about 0.15%, so 1% is over six of them.
      const expectedEs = (scale * normalDensity(NORMAL_QUANTILE_99)) / 0.01;
      expect(Math.abs(out.es![0]! / expectedEs - 1)).toBeLessThan(0.01);
      expect(out.pnlMoments![0]! / scale).toBeCloseTo(0, 2);
      expect(out.pnlMoments![1]! / scale).toBeCloseTo(1, 2);
    });

    it('finds the unit-variance Student-t VaR of one asset within 3 standard errors', async () => {
      const sigma = 0.015;
      const exposure = 1e6;
      const paths = 1_000_000;
      const out = await mcVarRun(
        { cholesky: one(sigma), exposures: one(exposure), mean: one(0) },
        { assets: 1, paths, seed: 7, confidence: 0.99, dof: 5 },
      );
      const scale = sigma * exposure * Math.sqrt(3 / 5);
      const quantile = studentT5Quantile(0.99);
      const standardError = Math.sqrt((0.01 * 0.99) / paths) / (studentT5Density(quantile) / scale);
      expect(Math.abs(out.var![0]! - quantile * scale)).toBeLessThan(3 * standardError);
      expect(out.pnlMoments![1]! / (sigma * exposure)).toBeCloseTo(1, 1);
    });

    it('shifts VaR by the horizon mean h·Σ exposure·mean', async () => {
      const params = { assets: 1, paths: 100_000, seed: 1, confidence: 0.95, horizonDays: 4 };
      const centred = await mcVarRun({ cholesky: one(0.01), exposures: one(1e6), mean: one(0) }, params);
      const drifting = await mcVarRun({ cholesky: one(0.01), exposures: one(1e6), mean: one(0.001) }, params);
      // Same draws, so the only difference is the 4·1e6·0.001 = 4,000 of expected gain.
      expect(centred.var![0]! - drifting.var![0]!).toBeCloseTo(4000, 1);
      expect(drifting.pnlMoments![0]! - centred.pnlMoments![0]!).toBeCloseTo(4000, 1);
    });

    it('splits ES by asset so that the parts add up to ES', async () => {
      const out = await mcVarRun(portfolioInputs(), { assets: 10, paths: 200_000, seed: 3, confidence: 0.975, dof: 6 });
      expect(out.componentEs).toHaveLength(portfolioAssets.length);
      expect(Math.abs(sum(out.componentEs) / out.es![0]! - 1)).toBeLessThan(1e-5);
      expect(out.es![0]!).toBeGreaterThan(out.var![0]!);
      // The long equity book carries the tail; the short small-cap position gains in it.
      expect(out.componentEs![0]!).toBeGreaterThan(0);
      expect(out.componentEs![2]!).toBeLessThan(0);
    });

    it('gives the same numbers for the same seed and different ones for another', async () => {
      const params = { assets: 10, paths: 50_000, seed: 99, confidence: 0.99 };
      const first = await mcVarRun(portfolioInputs(), params);
      const again = await mcVarRun(portfolioInputs(), params);
      const other = await mcVarRun(portfolioInputs(), { ...params, seed: 100 });
      expect(again).toEqual(first);
      expect(other.var![0]).not.toBe(first.var![0]);
    });

    it('rejects inputs and params that do not fit, naming the field', async () => {
      const inputs = portfolioInputs();
      const params = { assets: 10, paths: 1000, confidence: 0.99 };
      expect(await rejection(mcVarRun({ ...inputs, cholesky: inputs.cholesky.subarray(0, 90) }, params))).toEqual({
        code: 'VALIDATION',
        fields: [{ path: 'inputs.cholesky', message: 'expected 100 values (10×10), got 90' }],
      });
      const upper = inputs.cholesky.slice();
      upper[1] = 0.5;
      expect((await rejection(mcVarRun({ ...inputs, cholesky: upper }, params))).fields[0]?.path).toBe('inputs.cholesky[1]');
      const nan = inputs.exposures.slice();
      nan[3] = Number.NaN;
      expect((await rejection(mcVarRun({ ...inputs, exposures: nan }, params))).fields[0]).toEqual({
        path: 'inputs.exposures[3]',
        message: 'must be finite, got NaN',
      });
      expect((await rejection(mcVarRun({ ...inputs, mean: undefined as never }, params))).fields[0]?.path).toBe('inputs.mean');
      for (const [field, value] of [
        ['assets', 65],
        ['paths', 50_000_001],
        ['paths', 0],
        ['confidence', 1],
        ['confidence', 0.4],
        ['horizonDays', 0.5],
        ['dof', 2],
        ['seed', -1],
      ] as const) {
        expect((await rejection(mcVarRun(inputs, { ...params, [field]: value }))).fields[0]?.path).toBe(`params.${field}`);
      }
    });

    it('refuses fewer paths than the confidence needs (max(1,000, 1/(1 − c))), naming params.paths, and runs exactly that many', async () => {
      const inputs = portfolioInputs();
      for (const [confidence, fewest] of [
        [0.99, 1_000],
        [0.975, 1_000],
        [0.999, 1_000],
        // 1/(1 − c) is 10000.0000000011 and 20000.0000000022 in floating point: exactly 10,000 and 20,000 must do.
        [0.9999, 10_000],
        [0.99995, 20_000],
      ] as const) {
        const params = { assets: 10, paths: fewest, confidence };
        const out = await mcVarRun(inputs, params);
        expect(Number.isFinite(out.var![0]), String(confidence)).toBe(true);
        const refused = await rejection(mcVarRun(inputs, { ...params, paths: fewest - 1 }));
        expect(refused.code).toBe('VALIDATION');
        expect(refused.fields).toEqual([
          {
            path: 'params.paths',
            message: `expected at least ${fewest} paths at confidence ${confidence} (max(1000, 1/(1 − confidence)), so the tail holds at least one whole path), got ${fewest - 1}; raise paths or lower the confidence`,
          },
        ]);
      }
      for (const paths of [1, 2, 100, 999]) {
        expect((await rejection(mcVarRun(inputs, { assets: 10, paths, confidence: 0.5 }))).fields[0]?.path).toBe('params.paths');
      }
    });

    it('stops with the abort reason once the signal aborts', async () => {
      const aborted = AbortSignal.abort(new Error('cancelled by the test'));
      await expect(mcVarRun(portfolioInputs(), { assets: 10, paths: 1000, confidence: 0.99 }, aborted)).rejects.toThrow(
        'cancelled by the test',
      );
      const controller = new AbortController();
      const running = mcVarRun(portfolioInputs(), { assets: 10, paths: 20_000_000, confidence: 0.99 }, controller.signal);
      setTimeout(() => controller.abort(new Error('stopped midway')), 50);
      const started = performance.now();
      await expect(running).rejects.toThrow('stopped midway');
      // 20M paths take seconds; a stop between chunks comes well before (2.5 s allows a loaded CI machine).
      expect(performance.now() - started).toBeLessThan(2500);
    });
  });
}

describe.skipIf(!gpu)(`mc-var: WebGPU (f32) against the CPU (f64)${gpu ? '' : ` (${skipReason})`}`, () => {
  const webgpu = (inputs: KernelBuffers, params: KernelParams) => mcVar.webgpu!.run(gpu!, inputs, params, never);
  const cpu = (inputs: KernelBuffers, params: KernelParams) => mcVar.cpu(inputs, params, never);

  /**
   * The contract: VaR and ES agree within max(3·SE, 1e-3·value). Both draw the very same numbers
   * (same integer words, f32 against f64 arithmetic), so they in fact agree far closer: within
   * 1e-4 relative, about the spacing of neighbouring order statistics at 1M paths.
   */
  function expectAgreement(gpuOut: KernelBuffers, cpuOut: KernelBuffers) {
    const standardError = cpuOut.varStdError![0]!;
    for (const measure of ['var', 'es'] as const) {
      const expected = cpuOut[measure]![0]!;
      const difference = Math.abs(gpuOut[measure]![0]! - expected);
      expect(difference).toBeLessThanOrEqual(Math.max(3 * standardError, 1e-3 * Math.abs(expected)));
      expect(difference).toBeLessThanOrEqual(1e-4 * Math.abs(expected));
    }
    for (let i = 0; i < cpuOut.componentEs!.length; i++) {
      expect(Math.abs(gpuOut.componentEs![i]! - cpuOut.componentEs![i]!)).toBeLessThanOrEqual(1e-4 * cpuOut.es![0]!);
    }
    expect(gpuOut.pnlMoments![1]! / cpuOut.pnlMoments![1]!).toBeCloseTo(1, 5);
    expect(gpuOut.varStdError![0]! / standardError).toBeCloseTo(1, 2);
  }

  it('agrees on ten correlated assets, normal and Student-t, over a 10-day horizon', async () => {
    for (const dof of [0, 4, 5]) {
      const params = { assets: 10, paths: 1_000_000, seed: 2024, confidence: 0.99, horizonDays: 10, dof };
      expectAgreement(await webgpu(portfolioInputs(), params), await cpu(portfolioInputs(), params));
    }
  });

  it('agrees on 10M paths, which the GPU keeps in chunks of 4M', async () => {
    const params = { assets: 3, paths: 10_000_000, seed: 5, confidence: 0.999 };
    const inputs = {
      cholesky: Float64Array.of(0.01, 0, 0, 0.004, 0.009, 0, -0.002, 0.001, 0.02),
      exposures: Float64Array.of(1e6, 2e6, -5e5),
      mean: new Float64Array(3),
    };
    expectAgreement(await webgpu(inputs, params), await cpu(inputs, params));
  });

  it('matches the analytic VaR of the ten-asset portfolio', async () => {
    const out = await webgpu(portfolioInputs(), { assets: 10, paths: 1_000_000, seed: 8, confidence: 0.99 });
    const sigma = portfolioDailyStd();
    const meanPnl = sum(portfolioInputs().mean.map((mean, i) => mean * portfolioInputs().exposures[i]!));
    const standardError = Math.sqrt((0.01 * 0.99) / 1_000_000) / (normalDensity(NORMAL_QUANTILE_99) / sigma);
    expect(Math.abs(out.var![0]! - (NORMAL_QUANTILE_99 * sigma - meanPnl))).toBeLessThan(3 * standardError);
  });
});
