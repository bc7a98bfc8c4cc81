import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('gives out its capacity at once, then one token per 1/rate seconds', () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(500);
    expect(bucket.take(250)).toBe(250);
    expect(bucket.take(500)).toBe(0);
    expect(bucket.take(500)).toBe(500);
  });

  it('never holds more than its capacity, however long it idles', () => {
    const bucket = new TokenBucket(2, 1, 0);
    bucket.take(0);
    expect(bucket.isFull(0)).toBe(false);
    expect(bucket.isFull(3_600_000)).toBe(true);
    expect([bucket.take(3_600_000), bucket.take(3_600_000), bucket.take(3_600_000)]).toEqual([0, 0, 1000]);
  });

  it('takes a refund back, up to its capacity', () => {
    const bucket = new TokenBucket(1, 1, 0);
    expect(bucket.take(0)).toBe(0);
    bucket.refund(0);
    expect(bucket.take(0)).toBe(0);
    bucket.refund(0);
    bucket.refund(0);
    expect([bucket.take(0), bucket.take(0)]).toEqual([0, 1000]);
  });
});
