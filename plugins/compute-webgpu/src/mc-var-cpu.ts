import type { KernelBuffers, KernelParams } from '@nautilus/sdk';
import { createCheckpoint } from '@nautilus/sdk';
import { normalPairDot, pathKey, seedKey, studentScale, writeNormalPair } from './counter-normal.ts';
import { densityHalfWidth, type McVarRequest, mcVarOutputs, readMcVarRequest } from './mc-var-request.ts';
import { kthLargest } from './select.ts';

/** Paths between two checkpoints (about 2 ms on one core for 10 assets). */
const SLICE = 16_384;

/**
 * Monte Carlo VaR/ES in f64 on one core. Pass 1 draws each path's portfolio P&L from n normals and
 * the precomputed weights b (n multiplies a path, not n²) into one array of losses; the k-th
 * largest loss is found by selection, not by sorting; pass 2 regenerates only the k tail paths
 * from their counters to split their losses by asset.
 */
export async function mcVarCpu(inputs: KernelBuffers, params: KernelParams, signal: AbortSignal): Promise<KernelBuffers> {
  const request = readMcVarRequest(inputs, params);
  const checkpoint = createCheckpoint(signal);
  const losses = new Float64Array(request.paths);
  let sum = 0;
  let sumOfSquares = 0;
  for (let start = 0; start < request.paths; start += SLICE) {
    await checkpoint();
    const moments = drawLosses(request, start, Math.min(request.paths, start + SLICE), losses);
    sum += moments.sum;
    sumOfSquares += moments.sumOfSquares;
  }
  await checkpoint();
  const { paths, tailCount: k } = request;
  const pnlMean = request.shift + sum / paths;
  const pnlStd = paths > 1 ? Math.sqrt(Math.max(0, sumOfSquares - (sum * sum) / paths) / (paths - 1)) : 0;
  const valueAtRisk = kthLargest(losses, k);
  const tail = collectTail(losses, k, valueAtRisk, densityHalfWidth(pnlStd, paths));
  await checkpoint();
  return mcVarOutputs(request, {
    valueAtRisk,
    expectedShortfall: tail.sum / k,
    tailLossByAsset: await tailLossByAsset(request, tail.paths, checkpoint),
    pnlMean,
    pnlStd,
    windowCount: tail.windowCount,
  });
}

/** Writes the losses of paths [start, end) and returns the sums of their P&L deviations from the shift. */
function drawLosses(request: McVarRequest, start: number, end: number, losses: Float64Array) {
  const { assets, dof, weights, shift } = request;

  const runKey = seedKey(request.seed);
  const pairs = (assets + 1) >>> 1;
  // Padded to whole pairs, so an odd last asset's pair simply weighs its second normal by 0.
  const paired = new Float64Array(2 * pairs);
  paired.set(weights);
  const scratch = new Float64Array(2);
  let sum = 0;
  let sumOfSquares = 0;
  for (let path = start; path < end; path++) {
    const key = pathKey(runKey, path);
    let deviation = 0;
    for (let pair = 0; pair < pairs; pair++) deviation += normalPairDot(key, pair, paired[2 * pair]!, paired[2 * pair + 1]!);
    if (dof !== 0) deviation *= studentScale(key, pairs, dof, scratch);
    losses[path] = -(shift + deviation);
    sum += deviation;
    sumOfSquares += deviation * deviation;
  }
  return { sum, sumOfSquares };
}

/**
 * The k tail paths (in path order): every loss above VaR, then ties at VaR by path order; the sum
 * of their losses; and how many losses lie within ±halfWidth of VaR.
 */
function collectTail(losses: Float64Array, k: number, valueAtRisk: number, halfWidth: number) {
  const above: number[] = [];
  const ties: number[] = [];
  let sum = 0;
  let windowCount = 0;
  for (let path = 0; path < losses.length; path++) {
    const loss = losses[path]!;
    if (loss > valueAtRisk) {
      above.push(path);
      sum += loss;
    } else if (loss === valueAtRisk && ties.length < k) ties.push(path);
    if (Math.abs(loss - valueAtRisk) <= halfWidth) windowCount++;
  }
  const tiesTaken = ties.slice(0, k - above.length);
  sum += tiesTaken.length * valueAtRisk;
  const paths = Uint32Array.from([...above, ...tiesTaken]).sort();
  return { paths, sum, windowCount };
}

/**
 * Pass 2: regenerates the tail paths and sums each asset's loss over them,
 * loss_i = -exposure_i·(h·mean_i + sqrt(h)·s·(L·z)_i) with s the path's Student-t scale (1 if normal).
 */
async function tailLossByAsset(request: McVarRequest, tailPaths: Uint32Array, checkpoint: () => Promise<void>) {
  const { assets, dof, cholesky, exposures, mean, horizonDays } = request;
  const runKey = seedKey(request.seed);
  const pairs = (assets + 1) >>> 1;
  const rootHorizon = Math.sqrt(horizonDays);
  const normals = new Float64Array(2 * pairs);
  const scratch = new Float64Array(2);
  const sums = new Float64Array(assets);
  for (let index = 0; index < tailPaths.length; index++) {
    if (index % 4096 === 0) await checkpoint();
    const key = pathKey(runKey, tailPaths[index]!);
    for (let pair = 0; pair < pairs; pair++) writeNormalPair(key, pair, normals, 2 * pair);
    const scale = rootHorizon * studentScale(key, pairs, dof, scratch);
    for (let i = 0; i < assets; i++) {
      let shock = 0;
      for (let j = 0; j <= i; j++) shock += cholesky[i * assets + j]! * normals[j]!;
      sums[i]! -= exposures[i]! * (horizonDays * mean[i]! + scale * shock);
    }
  }
  return sums;
}
