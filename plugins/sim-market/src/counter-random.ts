// Counter-based randomness: every draw is a pure function of (seed, counters), so any day or minute
// can be recomputed on its own, in any order, with the same result forever. No Math.random.

const TWO_POW_32 = 4_294_967_296;
const SQRT3 = Math.sqrt(3);

/** Avalanches a 32-bit integer (murmur3's finaliser): neighbouring inputs give unrelated outputs. */
export function mix32(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 32-bit key for one (seed, counter, stream) triple; distinct triples give independent keys. */
export function counterKey(seed: number, counter: number, stream: number): number {
  return mix32(mix32(seed + Math.imul(counter, 0x9e3779b9)) ^ Math.imul(stream + 1, 0x85ebca77));
}

/** Maps 32 random bits to a uniform number strictly inside (0, 1). */
export function unitInterval(bits: number): number {
  return ((bits >>> 0) + 0.5) / TWO_POW_32;
}

/** A standard normal draw from two independent 32-bit words (Box-Muller); exact tails, for daily draws. */
export function boxMuller(first: number, second: number): number {
  return Math.sqrt(-2 * Math.log(unitInterval(first))) * Math.cos(2 * Math.PI * unitInterval(second));
}

/**
 * A cheap approximately normal draw (mean 0, variance 1, tails cut at ±3.46) from the four 16-bit
 * halves of two words (Irwin-Hall). Used per minute, where a log and a cosine would dominate the cost.
 */
export function irwinHall(first: number, second: number): number {
  const sum = (first & 0xffff) + (first >>> 16) + (second & 0xffff) + (second >>> 16);
  // +2 recentres the four discrete halves, whose mean is 0.5 - 1/131072 each.
  return ((sum + 2) / 65_536 - 2) * SQRT3;
}

/** A stable 32-bit seed for a name (FNV-1a), so a series depends on its symbol, not on table order. */
export function seedOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}
