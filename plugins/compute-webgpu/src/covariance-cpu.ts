import type { KernelBuffers, KernelParams } from '@nautilus/sdk';
import { createCheckpoint } from '@nautilus/sdk';
import { columnMeans, covarianceOutputs, observationWeights, readCovarianceRequest } from './covariance-request.ts';

/**
 * Covariance, correlation and mean of T×n returns in f64: the sample covariance (divides by T - 1)
 * when lambda is 0, else RiskMetrics' zero-mean EWMA (see observationWeights).
 */
export async function covarianceCpu(inputs: KernelBuffers, params: KernelParams, signal: AbortSignal): Promise<KernelBuffers> {
  const request = readCovarianceRequest(inputs, params);
  const { returns, observations, assets, lambda } = request;
  const checkpoint = createCheckpoint(signal);
  const mean = columnMeans(request);
  const center = lambda === 0 ? mean : new Float64Array(assets);
  const weights = observationWeights(request);
  const lower = new Float64Array(assets * assets);
  const row = new Float64Array(assets);
  for (let t = 0; t < observations; t++) {
    if (t % 256 === 0) await checkpoint();
    const weight = weights[t]!;
    for (let i = 0; i < assets; i++) row[i] = returns[t * assets + i]! - center[i]!;
    for (let i = 0; i < assets; i++) {
      const scaled = weight * row[i]!;
      const offset = i * assets;
      for (let j = 0; j <= i; j++) lower[offset + j]! += scaled * row[j]!;
    }
  }
  if (lambda === 0) for (let index = 0; index < lower.length; index++) lower[index]! /= observations - 1;
  return covarianceOutputs(lower, assets, mean);
}
