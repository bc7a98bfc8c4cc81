/**
 * A token bucket: holds up to `capacity` tokens, refilled at `perSecond`. Starts full.
 * @example const bucket = new TokenBucket(10, 5); if (bucket.take() === 0) doTheWork();
 */
export class TokenBucket {
  readonly capacity: number;
  readonly perSecond: number;
  private tokens: number;
  private updatedAt: number;

  constructor(capacity: number, perSecond: number, now = performance.now()) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.tokens = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }

  /** Takes one token: 0 when taken, else the milliseconds until one will be there (nothing taken). */
  take(now = performance.now()): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    // Less a hair, so floating-point dust does not round 12 s up to 12.001 s.
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000 - 1e-6);
  }

  /** Gives back a token that was taken but not used. */
  refund(now = performance.now()): void {
    this.refill(now);
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** Whether the bucket is full at `now` (an idle client's bucket can be forgotten). */
  isFull(now = performance.now()): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}
