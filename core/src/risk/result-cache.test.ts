import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache.ts';

describe('ResultCache', () => {
  it('answers from memory until the entry expires, and keeps at most maxEntries', async () => {
    const cache = new ResultCache(1_000, 2);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('a', compute, undefined, 0)).toBe(1);
    expect(await cache.get('a', compute, undefined, 999)).toBe(1);
    expect(await cache.get('a', compute, undefined, 1_000)).toBe(2);
    await cache.get('b', compute, undefined, 1_000);
    await cache.get('c', compute, undefined, 1_000);
    // 'a' was the oldest of three: evicted.
    expect(await cache.get('a', compute, undefined, 1_001)).toBe(5);
  });

  it('does not keep a failure', async () => {
    const cache = new ResultCache(1_000, 10);
    await expect(cache.get('a', () => Promise.reject(new Error('no data')), undefined, 0)).rejects.toThrow('no data');
    expect(await cache.get('a', async () => 'ok', undefined, 1)).toBe('ok');
  });

  it('keeps nothing from a computation whose caller aborted, so the next caller computes afresh', async () => {
    const cache = new ResultCache(60_000, 10);
    const controller = new AbortController();
    // A computation that ignores its signal and returns what it had when the client went away.
    const partial = cache.get(
      'var',
      async () => {
        controller.abort(new Error('the client went away'));
        return 'partial';
      },
      controller.signal,
      0,
    );
    await expect(partial).rejects.toThrow('the client went away');
    expect(await cache.get('var', async () => 'complete', new AbortController().signal, 1)).toBe('complete');
    expect(await cache.get('var', async () => 'recomputed', undefined, 2)).toBe('complete');
    // Aborted before it starts: not even computed.
    let computed = false;
    await expect(cache.get('other', async () => (computed = true), AbortSignal.abort(new Error('gone')), 3)).rejects.toThrow(
      'gone',
    );
    expect(computed).toBe(false);
  });
});
