/**
 * A seeded uniform generator in [0, 1) (mulberry32: 32-bit state, period 2^32). Strategies need
 * reproducible runs more than cryptographic quality; the same seed gives the same sequence in the host
 * and in the isolate, since both are V8 and the maths is 32-bit integer arithmetic.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
