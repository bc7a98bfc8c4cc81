import { type KernelBuffers, type KernelGpu, type KernelParams, NautilusError } from '@nautilus/sdk';
import { seedKey } from './counter-normal.ts';
import { computePipeline, type GpuSession, withGpuSession } from './gpu-session.ts';
import { densityHalfWidth, type McVarRequest, mcVarOutputs, readMcVarRequest } from './mc-var-request.ts';
import { HISTOGRAM_BINS, mcVarWgsl, PATHS_PER_WORKGROUP, TAIL_WORKGROUP_SIZE } from './mc-var-wgsl.ts';

/** Paths whose losses share one buffer (16 MiB of f32): runs larger than this are chunked. */
const CHUNK_PATHS = 1 << 22;
/** Threads of the tail pass; each sums its share of the tail paths. */
const TAIL_THREADS = 8192;

interface Chunk {
  start: number;
  count: number;
  workgroups: number;
  uniform: GPUBuffer;
  losses: GPUBuffer;
}

/**
 * Monte Carlo VaR/ES on the GPU, in f32, drawing the very numbers the CPU implementation draws.
 * Losses stay on the GPU, in chunks of 4M paths; the k-th largest is found by radix select on the
 * order-preserving bits of the f32 loss (11 + 11 + 10 bits, one histogram pass each: exact, no sort,
 * no candidates read back); a tail pass lists the k tail paths and sums their losses per workgroup
 * (WGSL has no f32 atomics), and pass 2 regenerates only those paths to split their loss by asset.
 * Partial sums are read back and added in f64.
 */
export async function mcVarWebGpu(gpu: KernelGpu, inputs: KernelBuffers, params: KernelParams, signal: AbortSignal) {
  const request = readMcVarRequest(inputs, params);
  return withGpuSession(gpu, signal, async (session) => {
    const device = session.device;
    const [lossesPipeline, refinePipeline, tailPipeline, componentsPipeline] = await Promise.all([
      computePipeline(device, 'mc-var/losses', mcVarWgsl.losses),
      computePipeline(device, 'mc-var/refine', mcVarWgsl.refine),
      computePipeline(device, 'mc-var/tail', mcVarWgsl.tail),
      computePipeline(device, 'mc-var/components', mcVarWgsl.components),
    ]);
    const run = session.uniform('mc-var run', runUniform(request));
    const chunks = allocateChunks(session, request.paths);
    const workgroups = chunks.reduce((total, chunk) => total + chunk.workgroups, 0);

    // Pass 1, chunk by chunk (the abort signal is checked between chunks).
    const moments = session.storage('mc-var moments', workgroups * 8);
    const topBits = session.storage('mc-var histogram 1', HISTOGRAM_BINS * 4);
    for (const chunk of chunks) {
      session.dispatch(lossesPipeline, [run, chunk.uniform, chunk.losses, moments, topBits], chunk.workgroups);
      await session.settle();
    }
    const [momentBytes, topBytes] = await session.read(
      { buffer: moments, bytes: workgroups * 8 },
      { buffer: topBits, bytes: HISTOGRAM_BINS * 4 },
    );
    const { paths, tailCount: k } = request;
    let sum = 0;
    let sumOfSquares = 0;
    const partials = new Float32Array(momentBytes!);
    for (let index = 0; index < partials.length; index += 2) {
      sum += partials[index]!;
      sumOfSquares += partials[index + 1]!;
    }
    const pnlMean = request.shift + sum / paths;
    const pnlStd = paths > 1 ? Math.sqrt(Math.max(0, sumOfSquares - (sum * sum) / paths) / (paths - 1)) : 0;

    // Radix select of the k-th largest key: 11 bits, then 11 more, then the last 10.
    let pick = pickBin(new Uint32Array(topBytes!), k);
    let key = pick.bin;
    let above = pick.above;
    const level = session.uniform('mc-var level', new ArrayBuffer(16));
    for (const { prefixShift, binShift, binBits } of [
      { prefixShift: 21, binShift: 10, binBits: 11 },
      { prefixShift: 10, binShift: 0, binBits: 10 },
    ]) {
      session.write(level, Uint32Array.of(key, prefixShift, binShift, (1 << binBits) - 1));
      const histogram = session.storage(`mc-var histogram (prefix ${key})`, HISTOGRAM_BINS * 4);
      for (const chunk of chunks)
        session.dispatch(refinePipeline, [level, chunk.uniform, chunk.losses, histogram], chunk.workgroups);
      const [bytes] = await session.read({ buffer: histogram, bytes: HISTOGRAM_BINS * 4 });
      pick = pickBin(new Uint32Array(bytes!), k - above);
      key = (key << binBits) | pick.bin;
      above += pick.above;
    }
    key >>>= 0;
    const valueAtRisk = new Float32Array(Uint32Array.of(key & 0x80000000 ? key & 0x7fffffff : ~key >>> 0).buffer)[0]!;

    // Tail pass: which paths, their loss sum, and the density window.
    const tieCap = k - above;
    const halfWidth = densityHalfWidth(pnlStd, paths);
    const tailSettings = new ArrayBuffer(32);
    new Uint32Array(tailSettings, 0, 4).set([key, tieCap, 4 + above, 0]);
    new Float32Array(tailSettings, 16, 2).set([valueAtRisk - halfWidth, valueAtRisk + halfWidth]);
    const tail = session.uniform('mc-var tail', tailSettings);
    const tailSums = session.storage('mc-var tail sums', workgroups * 4);
    const lists = session.storage('mc-var tail paths', (4 + k) * 4);
    for (const chunk of chunks)
      session.dispatch(tailPipeline, [tail, chunk.uniform, chunk.losses, tailSums, lists], chunk.workgroups);
    const [sumBytes, listBytes] = await session.read(
      { buffer: tailSums, bytes: workgroups * 4 },
      { buffer: lists, bytes: (4 + k) * 4 },
    );
    const list = new Uint32Array(listBytes!);
    if (list[0] !== above || list[1]! < tieCap) {
      throw new NautilusError(
        'INTERNAL',
        `The GPU (${gpu.backend}) counted ${list[0]} losses above VaR and ${list[1]} at it where the histograms counted ${above} and at least ${tieCap}; its results cannot be trusted.`,
      );
    }
    let tailSum = tieCap * valueAtRisk;
    for (const partial of new Float32Array(sumBytes!)) tailSum += partial;
    const tailPaths = list.slice(4, 4 + k).sort();

    return mcVarOutputs(request, {
      valueAtRisk,
      expectedShortfall: tailSum / k,
      tailLossByAsset: await tailLossByAsset(session, componentsPipeline, run, request, tailPaths),
      pnlMean,
      pnlStd,
      windowCount: list[2]!,
    });
  });
}

/** The Run uniform (see mc-var-wgsl.ts): counts and keys, f32 constants, then the 64 padded weights. */
function runUniform(request: McVarRequest): ArrayBuffer {
  const data = new ArrayBuffer(32 + 64 * 4);
  new Uint32Array(data, 0, 4).set([request.assets, request.dof, seedKey(request.seed), (request.assets + 1) >>> 1]);
  new Float32Array(data, 16, 4).set([request.shift, Math.sqrt(request.horizonDays), request.horizonDays, 0]);
  new Float32Array(data, 32, 64).set(request.weights);
  return data;
}

function allocateChunks(session: GpuSession, paths: number): Chunk[] {
  const chunks: Chunk[] = [];
  let workgroupOffset = 0;
  for (let start = 0; start < paths; start += CHUNK_PATHS) {
    const count = Math.min(CHUNK_PATHS, paths - start);
    const workgroups = Math.ceil(count / PATHS_PER_WORKGROUP);
    chunks.push({
      start,
      count,
      workgroups,
      uniform: session.uniform(`mc-var chunk ${start}`, Uint32Array.of(start, count, workgroupOffset, 0).buffer),
      losses: session.storage(`mc-var losses ${start}`, count * 4),
    });
    workgroupOffset += workgroups;
  }
  return chunks;
}

/** The bin holding the rank-th largest (rank from 1) of a histogram, and how many lie in higher bins. */
function pickBin(histogram: Uint32Array, rank: number): { bin: number; above: number } {
  let above = 0;
  for (let bin = histogram.length - 1; bin >= 0; bin--) {
    const count = histogram[bin]!;
    if (above + count >= rank) return { bin, above };
    above += count;
  }
  throw new NautilusError('INTERNAL', `The GPU histogram holds ${above} losses, fewer than the ${rank} asked for.`);
}

/** Pass 2 on the GPU: each thread's per-asset sums over its share of the tail paths, added up here in f64. */
async function tailLossByAsset(
  session: GpuSession,
  pipeline: GPUComputePipeline,
  run: GPUBuffer,
  request: McVarRequest,
  tailPaths: Uint32Array,
): Promise<Float64Array> {
  const n = request.assets;
  const threads = Math.min(TAIL_THREADS, tailPaths.length);
  const factors = new Float32Array(n * n + 2 * n);
  factors.set(request.cholesky);
  factors.set(request.exposures, n * n);
  factors.set(request.mean, n * n + n);
  const split = session.uniform('mc-var split', Uint32Array.of(tailPaths.length, threads, 0, 0).buffer);
  const sums = session.storage('mc-var tail by asset', threads * n * 4);
  session.dispatch(
    pipeline,
    [run, split, session.storage('mc-var factors', factors), session.storage('mc-var tail path list', tailPaths), sums],
    Math.ceil(threads / TAIL_WORKGROUP_SIZE),
  );
  const [bytes] = await session.read({ buffer: sums, bytes: threads * n * 4 });
  const partials = new Float32Array(bytes!);
  const byAsset = new Float64Array(n);
  for (let thread = 0; thread < threads; thread++) {
    for (let i = 0; i < n; i++) byAsset[i]! += partials[thread * n + i]!;
  }
  return byAsset;
}
