import type { KernelBuffers, KernelParams } from '@nautilus/sdk';
import { integerParam, kernelFieldError, numberInput, numberParam } from './kernel-inputs.ts';
import { fewestForTail, tailCount } from './tail-count.ts';

export const MC_VAR_MAX_ASSETS = 64;
export const MC_VAR_MAX_PATHS = 50_000_000;
/** Fewer paths give a quantile, a tail mean and a density estimate (for the standard error) too coarse to report. */
export const MC_VAR_MIN_PATHS = 1_000;
export const MC_VAR_MAX_DOF = 200;

/** A checked mc-var request, with what both implementations derive from it. */
export interface McVarRequest {
  assets: number;
  paths: number;
  seed: number;
  confidence: number;
  horizonDays: number;
  /** 0 for normal returns, else the Student-t degrees of freedom. */
  dof: number;
  /** n×n lower-triangular, row-major: the Cholesky factor L of the one-day covariance. */
  cholesky: Float64Array;
  exposures: Float64Array;
  mean: Float64Array;
  /** b = sqrt(h)·Lᵀ·exposures: a path's P&L is shift + Σ b_j·z_j (times its Student-t scale). */
  weights: Float64Array;
  /** h·Σ exposures_i·mean_i. */
  shift: number;
  /** k = ⌈(1 − confidence)·paths⌉: VaR is the k-th worst loss, ES the mean of the k worst. */
  tailCount: number;
}

const KERNEL = 'mc-var';

/** Checks an mc-var call (VALIDATION naming the field) and derives the portfolio weights. */
export function readMcVarRequest(inputs: KernelBuffers, params: KernelParams): McVarRequest {
  const assets = integerParam(KERNEL, params, 'assets', 1, MC_VAR_MAX_ASSETS);
  const paths = integerParam(KERNEL, params, 'paths', 1, MC_VAR_MAX_PATHS);
  const seed = integerParam(KERNEL, { seed: 0, ...params }, 'seed', 0, 0xffffffff);
  const confidence = numberParam(KERNEL, params, 'confidence', { min: 0.5, max: 1, maxExcluded: true });
  const fewest = fewestPaths(confidence);
  if (paths < fewest) {
    throw kernelFieldError(
      KERNEL,
      'params.paths',
      `expected at least ${fewest} paths at confidence ${confidence} (max(${MC_VAR_MIN_PATHS}, 1/(1 − confidence)), so the tail holds at least one whole path), got ${paths}; raise paths or lower the confidence`,
    );
  }
  const horizonDays = numberParam(KERNEL, params, 'horizonDays', { min: 1, max: 3650, fallback: 1 });
  const dof = integerParam(KERNEL, { dof: 0, ...params }, 'dof', 0, MC_VAR_MAX_DOF);
  if (dof === 1 || dof === 2) {
    throw kernelFieldError(KERNEL, 'params.dof', `expected 0 (normal) or at least 3 (Student-t with a variance), got ${dof}`);
  }
  const cholesky = Float64Array.from(numberInput(KERNEL, inputs, 'cholesky', assets * assets, `${assets}×${assets}`));
  for (let i = 0; i < assets; i++) {
    for (let j = i + 1; j < assets; j++) {
      if (cholesky[i * assets + j] !== 0) {
        throw kernelFieldError(
          KERNEL,
          `inputs.cholesky[${i * assets + j}]`,
          `must be 0 above the diagonal (row ${i}, column ${j}) of a lower-triangular factor`,
        );
      }
    }
  }
  const exposures = Float64Array.from(numberInput(KERNEL, inputs, 'exposures', assets));
  const mean = Float64Array.from(numberInput(KERNEL, inputs, 'mean', assets));
  const rootHorizon = Math.sqrt(horizonDays);
  const weights = new Float64Array(assets);
  let shift = 0;
  for (let i = 0; i < assets; i++) {
    shift += horizonDays * exposures[i]! * mean[i]!;
    for (let j = 0; j <= i; j++) weights[j]! += rootHorizon * cholesky[i * assets + j]! * exposures[i]!;
  }
  return {
    assets,
    paths,
    seed,
    confidence,
    horizonDays,
    dof,
    cholesky,
    exposures,
    mean,
    weights,
    shift,
    tailCount: tailCount(confidence, paths),
  };
}

/** The fewest paths mc-var runs at `confidence`: max(MC_VAR_MIN_PATHS, ⌈1/(1 − c)⌉ on the decimal c), e.g. 10,000 at 0.9999. */
export function fewestPaths(confidence: number): number {
  return Math.max(MC_VAR_MIN_PATHS, fewestForTail(confidence));
}

/** What mc-var returns, from either implementation. */
export interface McVarEstimates {
  valueAtRisk: number;
  expectedShortfall: number;
  /** Loss in each asset, summed over the k tail paths. */
  tailLossByAsset: Float64Array;
  pnlMean: number;
  pnlStd: number;
  /** Paths whose loss is within ±densityHalfWidth of VaR. */
  windowCount: number;
}

/**
 * Half-width h of the window around VaR in which the loss density is estimated:
 * h = 0.9·σ·N^(-1/5) (Silverman's rule of thumb with σ, the P&L standard deviation).
 */
export function densityHalfWidth(pnlStd: number, paths: number): number {
  return 0.9 * pnlStd * paths ** -0.2;
}

/** The kernel's outputs from the estimates: VaR and ES as positive losses, their standard error, moments. */
export function mcVarOutputs(request: McVarRequest, estimates: McVarEstimates): KernelBuffers {
  const k = request.tailCount;
  const p = 1 - request.confidence;
  // Order-statistic standard error of a quantile: sqrt(p(1-p)/N)/f(VaR), with f the box-kernel
  // density count/(N·2h) of the losses around VaR (the window always holds the VaR path itself).
  const halfWidth = densityHalfWidth(estimates.pnlStd, request.paths);
  const density = estimates.windowCount / (request.paths * 2 * halfWidth);
  const varStdError = halfWidth > 0 ? Math.sqrt((p * (1 - p)) / request.paths) / density : 0;
  return {
    var: Float64Array.of(estimates.valueAtRisk),
    es: Float64Array.of(estimates.expectedShortfall),
    varStdError: Float64Array.of(varStdError),
    componentEs: estimates.tailLossByAsset.map((sum) => sum / k),
    pnlMoments: Float64Array.of(estimates.pnlMean, estimates.pnlStd),
  };
}
