/**
 * WGSL twin of counter-normal.ts: the same words from the same integer operations (u32 arithmetic
 * wraps like Math.imul), the same Box-Muller with the same quadrant split and Taylor polynomials,
 * in f32. ln uses the builtin `log` below 1/2 (3 ULP on (0, 0.5)), where the normal tails come from.
 */
export const counterNormalWgsl = /* wgsl */ `
fn lowbias32(value: u32) -> u32 {
  var x = value;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

fn path_key(run_key: u32, path: u32) -> u32 {
  return lowbias32(lowbias32(path) ^ run_key);
}

fn stream_word(key: u32, j: u32) -> u32 {
  return lowbias32(key ^ lowbias32((j + 1u) * 0x9e3779b9u));
}

// -2 ln u for u = (word + 0.5) / 2^32. Above 1/2, from v = 1 - u (exact from the word's complement)
// as 4 atanh(v / (2 - v)): f32 cannot hold u near 1 finely enough, and a small chi-square there is
// what makes a Student-t path extreme.
fn radius_squared(word: u32) -> f32 {
  if (word < 0x80000000u) {
    return -2.0 * log((f32(word) + 0.5) * 2.3283064365386963e-10);
  }
  let v = (f32(~word) + 0.5) * 2.3283064365386963e-10;
  let y = v / (2.0 - v);
  let y2 = y * y;
  let series = 1.0 + y2 * (1.0 / 3.0 + y2 * (0.2 + y2 * (1.0 / 7.0 + y2 * (1.0 / 9.0 + y2 * (1.0 / 11.0 + y2 * (1.0 / 13.0 + y2 / 15.0))))));
  return 4.0 * y * series;
}

fn normal_pair(key: u32, pair: u32) -> vec2<f32> {
  let r = sqrt(radius_squared(stream_word(key, 2u * pair)));
  let angle_word = stream_word(key, 2u * pair + 1u);
  // (low 30 bits + 0.5) / 2^30 * pi/2 - pi/4: an angle in (-pi/4, pi/4).
  let t = (f32(angle_word & 0x3fffffffu) + 0.5) * 1.4629180792671596e-9 - 0.7853981633974483;
  let t2 = t * t;
  let s = t * (1.0 - t2 / 6.0 * (1.0 - t2 / 20.0 * (1.0 - t2 / 42.0 * (1.0 - t2 / 72.0))));
  let c = 1.0 - t2 / 2.0 * (1.0 - t2 / 12.0 * (1.0 - t2 / 30.0 * (1.0 - t2 / 56.0 * (1.0 - t2 / 90.0))));
  let x = (c - s) * 0.70710678118654752 * r;
  let y = (s + c) * 0.70710678118654752 * r;
  switch (angle_word >> 30u) {
    case 0u: { return vec2<f32>(x, y); }
    case 1u: { return vec2<f32>(-y, x); }
    case 2u: { return vec2<f32>(-x, -y); }
    default: { return vec2<f32>(y, -x); }
  }
}

// sqrt((dof - 2) / W), W ~ chi-square(dof) from the pairs from first_pair on; 1 when dof = 0.
fn student_scale(key: u32, first_pair: u32, dof: u32) -> f32 {
  if (dof == 0u) {
    return 1.0;
  }
  let exponentials = dof >> 1u;
  var chi_square = 0.0;
  for (var j = 0u; j < exponentials; j++) {
    chi_square += radius_squared(stream_word(key, 2u * first_pair + j));
  }
  if ((dof & 1u) == 1u) {
    let z = normal_pair(key, first_pair + ((exponentials + 1u) >> 1u)).x;
    chi_square += z * z;
  }
  return sqrt(f32(dof - 2u) / max(chi_square, 1e-30));
}
`;
