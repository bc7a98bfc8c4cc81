import type { KernelBuffers, KernelParams } from '@nautilus/sdk';
import { integerParam, kernelFieldError, numberInput, numberParam } from './kernel-inputs.ts';

export const COVARIANCE_MAX_ASSETS = 1024;
/** T·n at most 2^24 values: 64 MiB as f32, within every WebGPU device's storage binding limit. */
export const COVARIANCE_MAX_VALUES = 1 << 24;

/** A checked covariance request. */
export interface CovarianceRequest {
  observations: number;
  assets: number;
  /** 0 for the sample covariance, else the EWMA decay in (0, 1). */
  lambda: number;
  /** T×n, row-major: returns[t·n + i] is asset i's return at observation t. */
  returns: Float64Array | Float32Array;
}

const KERNEL = 'covariance';

/** Checks a covariance call (VALIDATION naming the field). */
export function readCovarianceRequest(inputs: KernelBuffers, params: KernelParams): CovarianceRequest {
  const assets = integerParam(KERNEL, params, 'assets', 1, COVARIANCE_MAX_ASSETS);
  const lambda = numberParam(KERNEL, params, 'lambda', { min: 0, max: 1, maxExcluded: true, fallback: 0 });
  const observations = integerParam(KERNEL, params, 'observations', lambda === 0 ? 2 : 1, COVARIANCE_MAX_VALUES);
  if (observations * assets > COVARIANCE_MAX_VALUES) {
    throw kernelFieldError(
      KERNEL,
      'params.observations',
      `observations × assets must be at most ${COVARIANCE_MAX_VALUES}, got ${observations} × ${assets}`,
    );
  }
  const returns = numberInput(KERNEL, inputs, 'returns', observations * assets, `${observations}×${assets}`);
  return { observations, assets, lambda, returns };
}

/** Column means of the returns, in f64. */
export function columnMeans({ returns, observations, assets }: CovarianceRequest): Float64Array {
  const mean = new Float64Array(assets);
  for (let t = 0; t < observations; t++) for (let i = 0; i < assets; i++) mean[i]! += returns[t * assets + i]!;
  return mean.map((sum) => sum / observations);
}

/**
 * The weight of each observation (t from 0). Sample: all 1 (the sum is divided by T - 1 after).
 * EWMA, RiskMetrics' zero-mean recursion Σ_t = λ·Σ_{t-1} + (1 - λ)·r_t·r_tᵀ seeded with Σ_0 = r_0·r_0ᵀ,
 * unrolled: λ^(T-1) for r_0 and (1 - λ)·λ^(T-1-t) for r_t; they sum to one.
 */
export function observationWeights({ observations, lambda }: CovarianceRequest): Float64Array {
  const weights = new Float64Array(observations).fill(1);
  if (lambda === 0) return weights;
  for (let t = 0; t < observations; t++) weights[t] = (t === 0 ? 1 : 1 - lambda) * lambda ** (observations - 1 - t);
  return weights;
}

/** The outputs from a lower triangle of the covariance: both matrices full and symmetric, and the means. */
export function covarianceOutputs(lower: Float64Array, assets: number, mean: Float64Array): KernelBuffers {
  const covariance = new Float64Array(assets * assets);
  for (let i = 0; i < assets; i++) {
    for (let j = 0; j <= i; j++) {
      covariance[i * assets + j] = lower[i * assets + j]!;
      covariance[j * assets + i] = lower[i * assets + j]!;
    }
  }
  const deviation = Float64Array.from({ length: assets }, (_, i) => Math.sqrt(Math.max(0, covariance[i * assets + i]!)));
  // An asset with zero variance is uncorrelated with everything rather than NaN; rounding can push
  // |ρ| of perfectly correlated assets a hair past 1, so it is clamped.
  const correlation = covariance.map((value, index) => {
    const i = Math.floor(index / assets);
    const j = index % assets;
    if (i === j) return 1;
    const scale = deviation[i]! * deviation[j]!;
    return scale === 0 ? 0 : Math.max(-1, Math.min(1, value / scale));
  });
  return { covariance, correlation, mean };
}
