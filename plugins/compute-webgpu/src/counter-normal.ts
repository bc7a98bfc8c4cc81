// Counter-based normal draws: every number is a pure function of (seed, path, word index), so any
// path can be regenerated on its own, and the WGSL twin (counter-normal-wgsl.ts) draws the same
// numbers with the same integer operations: only the float arithmetic (f64 here, f32 there) differs.
//
// Word j of a path: lowbias32(pathKey ^ streamKey(j)), pathKey = lowbias32(lowbias32(path) ^ seedKey).
// lowbias32 is a bijection of u32 (Wellons' "hash prospector" function), so for one seed no two
// paths share a key. Normals come from Box-Muller on word pairs (2m, 2m + 1):
//   r = sqrt(-2 ln u), u = (word_2m + 0.5)/2^32 in (0, 1), tails cut at 6.7σ;
//   θ = 2π(word_2m+1 + 0.5)/2^32, taken as quadrant (top 2 bits) + an angle in (-π/4, π/4) whose sine
//   and cosine are short Taylor polynomials (error < 1e-11), which is both faster than Math.sin/cos
//   and, in WGSL, far more accurate than the GPU's sin/cos (allowed 2^-11 absolute error).
// ln u is computed from the word's leading zeros and a 256-entry table (relative error < 1e-13).

/** Words a path may draw: 64 for its asset normals, then at most 102 for a Student-t (ν ≤ 200). */
export const MAX_WORDS = 166;

/** A strong 32-bit integer hash that is a bijection of u32 (Wellons' lowbias32). */
export function lowbias32(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The per-run key of a seed (a u32). */
export function seedKey(seed: number): number {
  return lowbias32((seed ^ 0x2545f491) >>> 0);
}

/** The key of one path; distinct paths of one seed have distinct keys. */
export function pathKey(runKey: number, path: number): number {
  return lowbias32(lowbias32(path) ^ runKey);
}

/** XOR masks that separate the words of one path: streamKeys[j] = lowbias32((j + 1)·φ32). */
export const streamKeys: Int32Array = Int32Array.from({ length: MAX_WORDS }, (_, j) => lowbias32(Math.imul(j + 1, 0x9e3779b9)));

const LN2 = Math.LN2;
const lnTable = new Float64Array(256);
const inverseTable = new Float64Array(256);
for (let j = 0; j < lnTable.length; j++) {
  const center = 1 + (j + 0.5) / lnTable.length;
  lnTable[j] = Math.log(center);
  inverseTable[j] = 1 / center;
}
/** scaleByZeros[z] = 2^(z - 31): brings word + 0.5, for a word with z leading zeros, into [1, 2). */
const scaleByZeros = Float64Array.from({ length: 33 }, (_, zeros) => 2 ** (zeros - 31));

/** -2·ln(u) for u = (word + 0.5)/2^32: the squared Box-Muller radius, also a chi-square(2) draw. */
export function radiusSquared(word: number): number {
  const zeros = Math.clz32(word);
  const mantissa = (word + 0.5) * scaleByZeros[zeros]!;
  const slot = ((mantissa - 1) * lnTable.length) | 0;
  const x = mantissa * inverseTable[slot]! - 1;
  // ln(1 + x) for |x| < 2^-8: four terms leave an error below 1e-14.
  const lnMantissa = lnTable[slot]! + x * (1 - x * (0.5 - x * (1 / 3 - x * 0.25)));
  return 2 * ((1 + zeros) * LN2 - lnMantissa);
}

const QUARTER_PI = Math.PI / 4;
const HALF_PI = Math.PI / 2;
const SQRT_HALF = Math.SQRT1_2;
const TWO_POW_MINUS_30 = 2 ** -30;

/**
 * first·z₀ + second·z₁ for the normal pair (z₀, z₁) that writeNormalPair would write: the inner
 * step of a path's portfolio P&L, without storing the normals.
 */
export function normalPairDot(key: number, pair: number, first: number, second: number): number {
  const radiusWord = lowbias32(key ^ streamKeys[2 * pair]!);
  const angleWord = lowbias32(key ^ streamKeys[2 * pair + 1]!);
  const r = Math.sqrt(radiusSquared(radiusWord));
  const t = ((angleWord & 0x3fffffff) + 0.5) * TWO_POW_MINUS_30 * HALF_PI - QUARTER_PI;
  const t2 = t * t;
  const sin = t * (1 - (t2 / 6) * (1 - (t2 / 20) * (1 - (t2 / 42) * (1 - (t2 / 72) * (1 - t2 / 110)))));
  const cos = 1 - (t2 / 2) * (1 - (t2 / 12) * (1 - (t2 / 30) * (1 - (t2 / 56) * (1 - (t2 / 90) * (1 - t2 / 132)))));
  const x = (cos - sin) * SQRT_HALF * r;
  const y = (sin + cos) * SQRT_HALF * r;
  const quadrant = angleWord >>> 30;
  if (quadrant === 0) return first * x + second * y;
  if (quadrant === 1) return second * x - first * y;
  if (quadrant === 2) return -(first * x + second * y);
  return first * y - second * x;
}

/**
 * Writes the standard normal pair drawn from words (2·pair, 2·pair + 1) of a path into
 * `out[at]`, `out[at + 1]`.
 */
export function writeNormalPair(key: number, pair: number, out: Float64Array, at: number): void {
  const radiusWord = lowbias32(key ^ streamKeys[2 * pair]!);
  const angleWord = lowbias32(key ^ streamKeys[2 * pair + 1]!);
  const r = Math.sqrt(radiusSquared(radiusWord));
  const t = ((angleWord & 0x3fffffff) + 0.5) * TWO_POW_MINUS_30 * HALF_PI - QUARTER_PI;
  const t2 = t * t;
  const sin = t * (1 - (t2 / 6) * (1 - (t2 / 20) * (1 - (t2 / 42) * (1 - (t2 / 72) * (1 - t2 / 110)))));
  const cos = 1 - (t2 / 2) * (1 - (t2 / 12) * (1 - (t2 / 30) * (1 - (t2 / 56) * (1 - (t2 / 90) * (1 - t2 / 132)))));
  // cos and sin of π/4 + t, then turned by a quarter per quadrant.
  const x = (cos - sin) * SQRT_HALF * r;
  const y = (sin + cos) * SQRT_HALF * r;
  const quadrant = angleWord >>> 30;
  if (quadrant === 0) {
    out[at] = x;
    out[at + 1] = y;
  } else if (quadrant === 1) {
    out[at] = -y;
    out[at + 1] = x;
  } else if (quadrant === 2) {
    out[at] = -x;
    out[at + 1] = -y;
  } else {
    out[at] = y;
    out[at + 1] = -x;
  }
}

/**
 * The factor sqrt((ν - 2)/W) that turns a path's normals into a unit-variance multivariate
 * Student-t with ν degrees of freedom (the same W for every asset of the path). W ~ chi-square(ν)
 * is drawn after the asset normals, from pair `firstPair` on: ⌊ν/2⌋ exponentials -2·ln(u) (words
 * 2·firstPair + j), plus, when ν is odd, the square of the first normal of the next whole pair.
 * 1 when ν = 0 (normal). `scratch` holds two numbers.
 */
export function studentScale(key: number, firstPair: number, dof: number, scratch: Float64Array): number {
  if (dof === 0) return 1;
  const exponentials = dof >>> 1;
  let chiSquare = 0;
  for (let j = 0; j < exponentials; j++) chiSquare += radiusSquared(lowbias32(key ^ streamKeys[2 * firstPair + j]!));
  if (dof & 1) {
    writeNormalPair(key, firstPair + ((exponentials + 1) >>> 1), scratch, 0);
    chiSquare += scratch[0]! * scratch[0]!;
  }
  return Math.sqrt((dof - 2) / chiSquare);
}
