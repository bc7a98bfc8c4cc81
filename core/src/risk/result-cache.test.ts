import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache.ts';

describe('ResultCache', () => {
  it('answers from memory until the entry expires, and keeps at most maxEntries', async () => {
    const cache = new ResultCache(1_000, 2);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('a', compute, 0)).toBe(1);
    expect(await cache.get('a', compute, 999)).toBe(1);
    expect(await cache.get('a', compute, 1_000)).toBe(2);
    await cache.get('b', compute, 1_000);
    await cache.get('c', compute, 1_000);
    // 'a' was the oldest of three: evicted.
    expect(await cache.get('a', compute, 1_001)).toBe(5);
  });

  it('does not keep a failure', async () => {
    const cache = new ResultCache(1_000, 10);
    await expect(cache.get('a', () => Promise.reject(new Error('no data')), 0)).rejects.toThrow('no data');
    expect(await cache.get('a', async () => 'ok', 1)).toBe('ok');
  });
});
