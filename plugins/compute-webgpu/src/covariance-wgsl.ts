/** Threads per workgroup of the covariance kernel, as an 8×8 tile of (j, i) pairs. */
export const COVARIANCE_TILE = 8;

/**
 * One thread per (i, j) pair of the lower triangle: Σ_t w_t·x_ti·x_tj over the observations
 * [first, last) of this dispatch, summed in blocks of 64 (so f32 rounding grows with T/64, not T)
 * and added to what earlier dispatches left in `lower`.
 */
const covariance = /* wgsl */ `
struct Rows {
  first: u32,
  last: u32,
  assets: u32,
  unused: u32,
}
@group(0) @binding(0) var<uniform> rows: Rows;
@group(0) @binding(1) var<storage, read> data: array<f32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read_write> lower: array<f32>;

@compute @workgroup_size(${COVARIANCE_TILE}, ${COVARIANCE_TILE})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let n = rows.assets;
  let i = id.y;
  let j = id.x;
  if (i >= n || j > i) {
    return;
  }
  var total = 0.0;
  var t = rows.first;
  while (t < rows.last) {
    let end = min(t + 64u, rows.last);
    var block = 0.0;
    for (; t < end; t++) {
      block += weights[t] * data[t * n + i] * data[t * n + j];
    }
    total += block;
  }
  lower[i * n + j] += total;
}
`;

/** The WGSL of the covariance kernel. */
export const covarianceWgsl = { covariance };
