import { counterNormalWgsl } from './counter-normal-wgsl.ts';

/** Threads per workgroup: the most WebGPU's compatibility mode guarantees. */
export const WORKGROUP_SIZE = 128;
/** Paths each thread of the whole-run passes handles, so a workgroup's histogram serves 2,048 paths. */
export const PATHS_PER_THREAD = 16;
export const PATHS_PER_WORKGROUP = WORKGROUP_SIZE * PATHS_PER_THREAD;
/**
 * Radix select takes the order key 11 + 11 + 10 bits at a time: 2,048 bins (8 KiB of workgroup
 * memory; compatibility mode allows 16 KiB in all).
 */
export const HISTOGRAM_BITS = 11;
export const HISTOGRAM_BINS = 1 << HISTOGRAM_BITS;
/** Threads per workgroup of the tail pass (one thread per slice of tail paths). */
export const TAIL_WORKGROUP_SIZE = 64;

const shared = /* wgsl */ `
struct Run {
  assets: u32,
  dof: u32,
  run_key: u32,
  pairs: u32,
  shift: f32,
  root_horizon: f32,
  horizon: f32,
  unused: f32,
  // b = sqrt(h)·Lᵀ·exposures, padded with zeros to 64.
  weights: array<vec4<f32>, 16>,
}

// The paths [start, start + count) whose losses are in this chunk's buffer.
struct Chunk {
  start: u32,
  count: u32,
  workgroup_offset: u32,
  unused: u32,
}

// Orders f32 like u32: larger loss, larger key.
fn order_key(value: f32) -> u32 {
  let bits = bitcast<u32>(value);
  return select(bits | 0x80000000u, ~bits, (bits & 0x80000000u) != 0u);
}

// Index of the r-th path this thread handles in its chunk; consecutive threads take consecutive paths.
fn chunk_index(group: u32, lane: u32, r: u32) -> u32 {
  return group * ${PATHS_PER_WORKGROUP}u + r * ${WORKGROUP_SIZE}u + lane;
}
`;

/** Pass 1: each path's loss, a 4,096-bin histogram of the top 12 bits of its order key, P&L moments per workgroup. */
const losses = /* wgsl */ `
${counterNormalWgsl}
${shared}
@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<uniform> chunk: Chunk;
@group(0) @binding(2) var<storage, read_write> losses: array<f32>;
@group(0) @binding(3) var<storage, read_write> moments: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> histogram: array<atomic<u32>>;

var<workgroup> bins: array<atomic<u32>, ${HISTOGRAM_BINS}>;
var<workgroup> partial: array<vec2<f32>, ${WORKGROUP_SIZE}>;

fn weight(j: u32) -> f32 {
  return run.weights[j >> 2u][j & 3u];
}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) group: vec3<u32>) {
  for (var bin = lane; bin < ${HISTOGRAM_BINS}u; bin += ${WORKGROUP_SIZE}u) {
    atomicStore(&bins[bin], 0u);
  }
  workgroupBarrier();
  var sum = 0.0;
  var sum_of_squares = 0.0;
  for (var r = 0u; r < ${PATHS_PER_THREAD}u; r++) {
    let index = chunk_index(group.x, lane, r);
    if (index < chunk.count) {
      let key = path_key(run.run_key, chunk.start + index);
      var deviation = 0.0;
      for (var pair = 0u; pair < run.pairs; pair++) {
        let z = normal_pair(key, pair);
        deviation += weight(2u * pair) * z.x + weight(2u * pair + 1u) * z.y;
      }
      deviation *= student_scale(key, run.pairs, run.dof);
      let loss = -(run.shift + deviation);
      losses[index] = loss;
      atomicAdd(&bins[order_key(loss) >> ${32 - HISTOGRAM_BITS}u], 1u);
      sum += deviation;
      sum_of_squares += deviation * deviation;
    }
  }
  partial[lane] = vec2<f32>(sum, sum_of_squares);
  workgroupBarrier();
  for (var bin = lane; bin < ${HISTOGRAM_BINS}u; bin += ${WORKGROUP_SIZE}u) {
    let count = atomicLoad(&bins[bin]);
    if (count != 0u) {
      atomicAdd(&histogram[bin], count);
    }
  }
  for (var stride = ${WORKGROUP_SIZE / 2}u; stride > 0u; stride >>= 1u) {
    if (lane < stride) {
      partial[lane] += partial[lane + stride];
    }
    workgroupBarrier();
  }
  if (lane == 0u) {
    moments[chunk.workgroup_offset + group.x] = partial[0];
  }
}
`;

/** Radix-select refinement: histogram of the next bits of the keys that share the chosen prefix. */
const refine = /* wgsl */ `
${shared}
struct Level {
  prefix: u32,
  prefix_shift: u32,
  bin_shift: u32,
  bin_mask: u32,
}
@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<uniform> chunk: Chunk;
@group(0) @binding(2) var<storage, read> losses: array<f32>;
@group(0) @binding(3) var<storage, read_write> histogram: array<atomic<u32>>;

var<workgroup> bins: array<atomic<u32>, ${HISTOGRAM_BINS}>;

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) group: vec3<u32>) {
  for (var bin = lane; bin < ${HISTOGRAM_BINS}u; bin += ${WORKGROUP_SIZE}u) {
    atomicStore(&bins[bin], 0u);
  }
  workgroupBarrier();
  for (var r = 0u; r < ${PATHS_PER_THREAD}u; r++) {
    let index = chunk_index(group.x, lane, r);
    if (index < chunk.count) {
      let key = order_key(losses[index]);
      if ((key >> level.prefix_shift) == level.prefix) {
        atomicAdd(&bins[(key >> level.bin_shift) & level.bin_mask], 1u);
      }
    }
  }
  workgroupBarrier();
  for (var bin = lane; bin < ${HISTOGRAM_BINS}u; bin += ${WORKGROUP_SIZE}u) {
    let count = atomicLoad(&bins[bin]);
    if (count != 0u) {
      atomicAdd(&histogram[bin], count);
    }
  }
}
`;

/**
 * Once VaR's key is known: lists the tail paths (keys above it; ties up to tie_cap), sums their
 * losses per workgroup, and counts the losses in the density window around VaR.
 * lists = [above count, tie count, window count, unused, above paths…, tie paths…].
 */
const tail = /* wgsl */ `
${shared}
struct Tail {
  threshold: u32,
  tie_cap: u32,
  tie_base: u32,
  unused: u32,
  window_low: f32,
  window_high: f32,
  unused2: f32,
  unused3: f32,
}
@group(0) @binding(0) var<uniform> tail: Tail;
@group(0) @binding(1) var<uniform> chunk: Chunk;
@group(0) @binding(2) var<storage, read> losses: array<f32>;
@group(0) @binding(3) var<storage, read_write> sums: array<f32>;
@group(0) @binding(4) var<storage, read_write> lists: array<atomic<u32>>;

var<workgroup> partial: array<f32, ${WORKGROUP_SIZE}>;
var<workgroup> in_window: atomic<u32>;

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) group: vec3<u32>) {
  if (lane == 0u) {
    atomicStore(&in_window, 0u);
  }
  workgroupBarrier();
  var sum = 0.0;
  var window = 0u;
  for (var r = 0u; r < ${PATHS_PER_THREAD}u; r++) {
    let index = chunk_index(group.x, lane, r);
    if (index < chunk.count) {
      let loss = losses[index];
      let key = order_key(loss);
      if (key > tail.threshold) {
        sum += loss;
        let slot = atomicAdd(&lists[0], 1u);
        atomicStore(&lists[4u + slot], chunk.start + index);
      } else if (key == tail.threshold) {
        let slot = atomicAdd(&lists[1], 1u);
        if (slot < tail.tie_cap) {
          atomicStore(&lists[tail.tie_base + slot], chunk.start + index);
        }
      }
      if (loss >= tail.window_low && loss <= tail.window_high) {
        window += 1u;
      }
    }
  }
  partial[lane] = sum;
  atomicAdd(&in_window, window);
  workgroupBarrier();
  for (var stride = ${WORKGROUP_SIZE / 2}u; stride > 0u; stride >>= 1u) {
    if (lane < stride) {
      partial[lane] += partial[lane + stride];
    }
    workgroupBarrier();
  }
  if (lane == 0u) {
    sums[chunk.workgroup_offset + group.x] = partial[0];
    atomicAdd(&lists[2], atomicLoad(&in_window));
  }
}
`;

/**
 * Pass 2: regenerates the tail paths (thread t takes t, t + threads, …) and sums each asset's loss
 * -exposure_i·(h·mean_i + sqrt(h)·s·(L·z)_i) over them. factors = [L (n×n), exposures, mean].
 */
const components = /* wgsl */ `
${counterNormalWgsl}
${shared}
struct Split {
  count: u32,
  threads: u32,
  unused: u32,
  unused2: u32,
}
@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<uniform> split: Split;
@group(0) @binding(2) var<storage, read> factors: array<f32>;
@group(0) @binding(3) var<storage, read> paths: array<u32>;
@group(0) @binding(4) var<storage, read_write> sums: array<f32>;

@compute @workgroup_size(${TAIL_WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let thread = id.x;
  if (thread >= split.threads) {
    return;
  }
  let n = run.assets;
  var by_asset: array<f32, 64>;
  var z: array<f32, 64>;
  for (var q = thread; q < split.count; q += split.threads) {
    let key = path_key(run.run_key, paths[q]);
    for (var pair = 0u; pair < run.pairs; pair++) {
      let normals = normal_pair(key, pair);
      z[2u * pair] = normals.x;
      z[2u * pair + 1u] = normals.y;
    }
    let scale = run.root_horizon * student_scale(key, run.pairs, run.dof);
    for (var i = 0u; i < n; i++) {
      var shock = 0.0;
      for (var j = 0u; j <= i; j++) {
        shock += factors[i * n + j] * z[j];
      }
      by_asset[i] -= factors[n * n + i] * (run.horizon * factors[n * n + n + i] + scale * shock);
    }
  }
  for (var i = 0u; i < n; i++) {
    sums[thread * n + i] = by_asset[i];
  }
}
`;

/** The WGSL of the mc-var kernel, by pass. */
export const mcVarWgsl = { losses, refine, tail, components };
