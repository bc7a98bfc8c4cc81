import { describe, expect, it } from 'vitest';
import { boxMuller, counterKey, irwinHall, mix32, seedOf } from './counter-random.ts';

function moments(draw: (index: number) => number, count: number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let index = 0; index < count; index++) {
    const value = draw(index);
    sum += value;
    squares += value * value;
  }
  const mean = sum / count;
  return { mean, variance: squares / count - mean * mean };
}

describe('counter-based randomness', () => {
  it('hashes names with FNV-1a (published test vectors)', () => {
    expect(seedOf('')).toBe(0x811c9dc5);
    expect(seedOf('a')).toBe(0xe40c292c);
    expect(seedOf('foobar')).toBe(0xbf9cf968);
  });

  it('gives distinct keys to distinct (counter, stream) pairs', () => {
    const keys = new Set<number>();
    for (let counter = 0; counter < 20_000; counter++)
      for (let stream = 0; stream < 8; stream++) keys.add(counterKey(42, counter, stream));
    // 160,000 random 32-bit values collide about 3 times by the birthday bound; a weak mix collides by the thousand.
    expect(keys.size).toBeGreaterThan(160_000 - 20);
  });

  it.each([
    ['Box-Muller', (index: number) => boxMuller(counterKey(7, index, 0), counterKey(7, index, 1))],
    ['Irwin-Hall', (index: number) => irwinHall(mix32(index * 2), mix32(index * 2 + 1))],
  ])('draws standard normals with %s', (_, draw) => {
    const { mean, variance } = moments(draw, 200_000);
    // Standard errors: 0.0022 for the mean, about 0.003 for the variance.
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
  });

  it('puts about 68.3 % of Box-Muller draws within one standard deviation', () => {
    let inside = 0;
    for (let index = 0; index < 100_000; index++)
      if (Math.abs(boxMuller(counterKey(3, index, 0), counterKey(3, index, 1))) < 1) inside++;
    expect(inside / 100_000).toBeCloseTo(0.6827, 2);
  });
});
