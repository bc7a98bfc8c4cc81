import { isNautilusError, type KernelBuffers, type KernelParams } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { gpuForTests } from './test-gpu.ts';
import { covariance } from './test-host.ts';

type Run = (inputs: KernelBuffers, params: KernelParams) => Promise<KernelBuffers>;

const { gpu, skipReason } = await gpuForTests();
const never = new AbortController().signal;

/**
 * WebGPU computes in f32: its entries must be within 1e-4 of the f64 value, relative, plus 1e-9
 * absolute for entries near zero (daily returns make covariances of about 1e-4).
 */
const RELATIVE = 1e-4;
const ABSOLUTE = 1e-9;

const implementations: { name: string; run: Run | undefined; tolerance: number }[] = [
  { name: 'the CPU (f64)', run: (inputs, params) => covariance.cpu(inputs, params, never), tolerance: 1e-12 },
  {
    name: `WebGPU (f32)${gpu ? ` on ${gpu.backend}` : ` (${skipReason})`}`,
    run: gpu ? (inputs, params) => covariance.webgpu!.run(gpu, inputs, params, never) : undefined,
    tolerance: RELATIVE,
  },
];

function expectClose(actual: ArrayLike<number> | undefined, expected: number[], relative: number) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, index) => {
    expect(Math.abs(actual![index]! - value), `entry ${index}: ${actual![index]} vs ${value}`).toBeLessThanOrEqual(
      relative * Math.abs(value) + ABSOLUTE,
    );
  });
}

/** A seeded table of T×n daily returns with a common factor, so the assets are correlated. */
function returnsTable(observations: number, assets: number): Float64Array {
  let state = 12_345;
  const uniform = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const table = new Float64Array(observations * assets);
  for (let t = 0; t < observations; t++) {
    const market = uniform();
    for (let i = 0; i < assets; i++) table[t * assets + i] = 0.0004 + 0.02 * (((i % 7) / 7) * market + uniform());
  }
  return table;
}

for (const { name, run, tolerance } of implementations) {
  describe.skipIf(!run)(`covariance on ${name}`, () => {
    const covarianceRun = run!;

    it('computes the sample covariance, correlation and means of a 4×3 table worked by hand', async () => {
      // Returns (in %): [1 2 0], [3 0 1], [2 4 2], [2 2 1]; means [2 2 1]; deviations
      // [-1 0 -1], [1 -2 0], [0 2 1], [0 0 0]; cross products / (4 - 1).
      const returns = Float64Array.from([1, 2, 0, 3, 0, 1, 2, 4, 2, 2, 2, 1], (value) => value / 100);
      const out = await covarianceRun({ returns }, { observations: 4, assets: 3 });
      const cov = [2, -2, 1, -2, 8, 2, 1, 2, 2].map((value) => value / 3 / 10_000);
      expectClose(out.covariance, cov, tolerance);
      expectClose(out.correlation, [1, -0.5, 0.5, -0.5, 1, 0.5, 0.5, 0.5, 1], tolerance);
      expectClose(out.mean, [0.02, 0.02, 0.01], 1e-12);
    });

    it('computes one EWMA step by hand: λ·r₀r₀ᵀ + (1 - λ)·r₁r₁ᵀ', async () => {
      const returns = Float64Array.of(0.01, -0.02, 0.03, 0.01);
      const out = await covarianceRun({ returns }, { observations: 2, assets: 2, lambda: 0.9 });
      // 0.9·1e-4 + 0.1·9e-4, 0.9·(-2e-4) + 0.1·3e-4, 0.9·4e-4 + 0.1·1e-4
      expectClose(out.covariance, [1.8e-4, -1.5e-4, -1.5e-4, 3.7e-4], tolerance);
      expectClose(out.mean, [0.02, -0.005], 1e-12);
    });

    it('follows the RiskMetrics recursion seeded with the first outer product over many days', async () => {
      const [observations, assets, lambda] = [300, 4, 0.94];
      const returns = returnsTable(observations, assets);
      const expected = new Array<number>(assets * assets).fill(0);
      for (let t = 0; t < observations; t++) {
        for (let i = 0; i < assets; i++) {
          for (let j = 0; j < assets; j++) {
            const product = returns[t * assets + i]! * returns[t * assets + j]!;
            expected[i * assets + j] = t === 0 ? product : lambda * expected[i * assets + j]! + (1 - lambda) * product;
          }
        }
      }
      const out = await covarianceRun({ returns }, { observations, assets, lambda });
      expectClose(out.covariance, expected, tolerance);
    });

    it('calls an asset with no variance uncorrelated rather than NaN', async () => {
      const returns = Float64Array.of(0.01, 0.02, 0.03, 0.02, -0.01, 0.02);
      const out = await covarianceRun({ returns }, { observations: 3, assets: 2 });
      expect([...out.correlation!]).toEqual([1, 0, 0, 1]);
    });

    it('rejects inputs and params that do not fit, naming the field', async () => {
      const returns = new Float64Array(11);
      const error = await covarianceRun({ returns }, { observations: 4, assets: 3 }).catch((caught: unknown) => caught);
      expect(isNautilusError(error) && error.fields).toEqual([
        { path: 'inputs.returns', message: 'expected 12 values (4×3), got 11' },
      ]);
      for (const [params, path] of [
        [{ observations: 4, assets: 3, lambda: 1 }, 'params.lambda'],
        [{ observations: 1, assets: 12 }, 'params.observations'],
        [{ observations: 4, assets: 0 }, 'params.assets'],
        [{ observations: 20_000, assets: 1000 }, 'params.observations'],
      ] as const) {
        const rejected = await covarianceRun({ returns: new Float64Array(12) }, params).catch((caught: unknown) => caught);
        expect(isNautilusError(rejected) && rejected.fields[0]?.path).toBe(path);
      }
      const infinite = new Float64Array(12);
      infinite[5] = Number.POSITIVE_INFINITY;
      const rejected = await covarianceRun({ returns: infinite }, { observations: 4, assets: 3 }).catch(
        (caught: unknown) => caught,
      );
      expect(isNautilusError(rejected) && rejected.fields[0]?.path).toBe('inputs.returns[5]');
    });
  });
}

describe.skipIf(!gpu)(`covariance: WebGPU (f32) against the CPU (f64)${gpu ? '' : ` (${skipReason})`}`, () => {
  it(`agrees within ${RELATIVE} relative + ${ABSOLUTE} absolute on 2,500 days of 40 assets, sample and EWMA`, async () => {
    const returns = returnsTable(2500, 40);
    for (const lambda of [0, 0.97]) {
      const params = { observations: 2500, assets: 40, lambda };
      const onGpu = await covariance.webgpu!.run(gpu!, { returns }, params, never);
      const onCpu = await covariance.cpu({ returns }, params, never);
      expectClose(onGpu.covariance, [...onCpu.covariance!], RELATIVE);
      expectClose(onGpu.correlation, [...onCpu.correlation!], RELATIVE);
      expect(onGpu.mean).toEqual(onCpu.mean);
    }
  });
});
