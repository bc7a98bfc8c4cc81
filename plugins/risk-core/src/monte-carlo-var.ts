import type { ComputeBackendChoice, ComputeService, KernelBuffers } from '@nautilus/sdk';
import { isNautilusError, NautilusError } from '@nautilus/sdk';
import type { ReturnDistribution } from './tail-factors.ts';

/** The kernel of the `nautilus.compute-webgpu` plugin that simulates portfolio P&L paths. */
export const MC_VAR_KERNEL = 'nautilus.compute-webgpu/mc-var';

export interface MonteCarloInput {
  /** Lower-triangular factor L (n×n) of the ONE-DAY covariance of returns, L·Lᵀ = Σ. */
  factor: readonly (readonly number[])[];
  /** Money exposed to each asset (signed). */
  exposures: readonly number[];
  /** One-day mean returns (zeros for the zero-mean convention). */
  mean: readonly number[];
  confidence: number;
  horizonDays: number;
  paths: number;
  seed: number;
  distribution: ReturnDistribution;
  backend: ComputeBackendChoice;
}

export interface MonteCarloVar {
  var: number;
  es: number;
  standardError: number;
  /** Mean loss of each asset over the tail paths; sums to ES. */
  componentEs: number[];
  /** componentEs × VaR/ES: an ES-shaped split of VaR that sums to VaR. */
  component: number[];
  /** component_i / exposure_i; 0 for an asset with no exposure, whose tail loss the kernel cannot see. */
  marginal: number[];
  /** Mean and standard deviation of the simulated h-day P&L. */
  pnlMean: number;
  pnlStd: number;
  backend?: string;
  fallbackReason?: string;
}

/**
 * Monte Carlo VaR and ES from the mc-var kernel: P&L_path = Σ_i exposure_i·(h·μ_i + sqrt(h)·(L·z)_i),
 * z normal or unit-variance Student-t. VaR's components are the heuristic componentEs × VaR/ES: the
 * kernel reports each asset's mean loss over the tail paths (which adds up to ES), and rescaling
 * them makes them add up to VaR; the true Euler components of VaR would need a kernel estimate of
 * E[loss_i | P&L = -VaR], which is far noisier.
 * A host without the kernel answers NOT_FOUND, rethrown with a message saying what to install.
 */
export async function monteCarloVar(
  compute: ComputeService,
  input: MonteCarloInput,
  signal: AbortSignal,
): Promise<MonteCarloVar> {
  const n = input.exposures.length;
  if (input.exposures.every((w) => w === 0)) {
    const zeros = new Array<number>(n).fill(0);
    return { var: 0, es: 0, standardError: 0, componentEs: zeros, component: zeros, marginal: zeros, pnlMean: 0, pnlStd: 0 };
  }
  const cholesky = new Float64Array(n * n);
  for (let i = 0; i < n; i++) cholesky.set(input.factor[i]!, i * n);
  const inputs: KernelBuffers = { cholesky, exposures: Float64Array.from(input.exposures), mean: Float64Array.from(input.mean) };
  const params = {
    assets: n,
    paths: input.paths,
    seed: input.seed,
    confidence: input.confidence,
    horizonDays: input.horizonDays,
    dof: input.distribution.kind === 't' ? input.distribution.degreesOfFreedom : 0,
  };
  let run: Awaited<ReturnType<ComputeService['run']>>;
  try {
    run = await compute.run(MC_VAR_KERNEL, inputs, params, { backend: input.backend, signal });
  } catch (error) {
    if (isNautilusError(error) && error.code === 'NOT_FOUND') {
      throw new NautilusError(
        'NOT_FOUND',
        `Monte Carlo VaR needs the compute kernel ${MC_VAR_KERNEL}: install and enable the nautilus.compute-webgpu plugin (${error.message}).`,
        { cause: error, details: { kernel: MC_VAR_KERNEL } },
      );
    }
    throw error;
  }
  const read = (name: string, length: number): number[] => {
    const values = Array.from(run.outputs[name] ?? []).slice(0, length);
    if (values.length < length || !values.every(Number.isFinite)) {
      throw new NautilusError(
        'INTERNAL',
        `The ${MC_VAR_KERNEL} kernel returned no finite '${name}' (${length} values expected).`,
      );
    }
    return values;
  };
  const [valueAtRisk] = read('var', 1) as [number];
  const [expectedShortfall] = read('es', 1) as [number];
  const [standardError] = read('varStdError', 1) as [number];
  const [pnlMean, pnlStd] = read('pnlMoments', 2) as [number, number];
  const componentEs = read('componentEs', n);
  const ratio = expectedShortfall !== 0 ? valueAtRisk / expectedShortfall : 0;
  const component = componentEs.map((c) => c * ratio);
  return {
    var: valueAtRisk,
    es: expectedShortfall,
    standardError,
    componentEs,
    component,
    marginal: component.map((c, i) => (input.exposures[i] !== 0 ? c / input.exposures[i]! : 0)),
    pnlMean,
    pnlStd,
    backend: run.backend,
    ...(run.fallbackReason === undefined ? {} : { fallbackReason: run.fallbackReason }),
  };
}
