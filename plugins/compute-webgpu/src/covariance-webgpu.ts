import type { KernelBuffers, KernelGpu, KernelParams } from '@nautilus/sdk';
import { columnMeans, covarianceOutputs, observationWeights, readCovarianceRequest } from './covariance-request.ts';
import { COVARIANCE_TILE, covarianceWgsl } from './covariance-wgsl.ts';
import { computePipeline, withGpuSession } from './gpu-session.ts';

/** Pair-observation products per dispatch, so that an abort is seen between dispatches. */
const PRODUCTS_PER_DISPATCH = 1 << 25;

/**
 * Covariance on the GPU in f32. The means (O(T·n)) are taken on the host in f64 and the returns
 * uploaded already centred (sample) or as they are (EWMA, zero-mean), with each observation's
 * weight; the GPU does the O(T·n²) products, one thread per pair of the lower triangle, a slice of
 * the observations per dispatch. Correlations come from the result on the host.
 */
export async function covarianceWebGpu(gpu: KernelGpu, inputs: KernelBuffers, params: KernelParams, signal: AbortSignal) {
  const request = readCovarianceRequest(inputs, params);
  const { returns, observations, assets, lambda } = request;
  const mean = columnMeans(request);
  const data = new Float32Array(observations * assets);
  for (let t = 0; t < observations; t++) {
    for (let i = 0; i < assets; i++) data[t * assets + i] = returns[t * assets + i]! - (lambda === 0 ? mean[i]! : 0);
  }
  return withGpuSession(gpu, signal, async (session): Promise<KernelBuffers> => {
    const pipeline = await computePipeline(session.device, 'covariance', covarianceWgsl.covariance);
    const dataBuffer = session.storage('covariance returns', data);
    const weights = session.storage('covariance weights', Float32Array.from(observationWeights(request)));
    const lowerBuffer = session.storage('covariance lower', assets * assets * 4);
    const tiles = Math.ceil(assets / COVARIANCE_TILE);
    const rowsPerDispatch = Math.max(64, Math.floor(PRODUCTS_PER_DISPATCH / ((assets * (assets + 1)) / 2)));
    for (let first = 0; first < observations; first += rowsPerDispatch) {
      const rows = session.uniform(
        'covariance rows',
        Uint32Array.of(first, Math.min(observations, first + rowsPerDispatch), assets, 0).buffer,
      );
      session.dispatch(pipeline, [rows, dataBuffer, weights, lowerBuffer], [tiles, tiles]);
      await session.settle();
    }
    const [bytes] = await session.read({ buffer: lowerBuffer, bytes: assets * assets * 4 });
    const lower = Float64Array.from(new Float32Array(bytes!));
    if (lambda === 0) for (let index = 0; index < lower.length; index++) lower[index]! /= observations - 1;
    return covarianceOutputs(lower, assets, mean);
  });
}
