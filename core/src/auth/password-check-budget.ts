import { NautilusError } from '@nautilus/sdk';
import type { Logger } from 'pino';
import { TokenBucket } from './token-bucket.ts';

export interface PasswordCheckLimits {
  /** Password checks one instance runs per second, all clients together (bursts of twice that). */
  perSecond: number;
  /** Password checks per minute for one client address (bursts of that many). */
  perMinutePerAddress: number;
}

/** Addresses whose buckets are kept; past this, idle ones and then the oldest are forgotten. */
const MAX_TRACKED_ADDRESSES = 10_000;
const WARN_EVERY_MS = 60_000;

export interface Permit {
  /** Gives the tokens back when the attempt was refused before its password was checked. */
  refund(): void;
}

/**
 * Bounds the argon2 work logins cost, before any is done: a token bucket per client address and
 * one for the instance, so a login flood cannot starve logged-in callers of CPU. In-process state:
 * it bounds this instance's CPU, which is what it protects.
 */
export class PasswordCheckBudget {
  private readonly limits: PasswordCheckLimits;
  private readonly logger: Logger;
  private readonly instance: TokenBucket;
  private readonly addresses = new Map<string, TokenBucket>();
  private refused = { address: 0, instance: 0 };
  private warnedAt = { address: -Infinity, instance: -Infinity };

  constructor(limits: PasswordCheckLimits, logger: Logger) {
    this.limits = limits;
    this.logger = logger;
    this.instance = new TokenBucket(limits.perSecond * 2, limits.perSecond);
  }

  /** Takes a token from `address`'s bucket; RATE_LIMITED (with retryAfterSeconds) when it is empty. */
  forAddress(address: string): Permit {
    const bucket = this.bucketOf(address);
    const waitMs = bucket.take();
    if (waitMs > 0) this.refuse('address', address, waitMs);
    return { refund: () => bucket.refund() };
  }

  /**
   * Takes a token from the instance's bucket, just before the check (`address` only for the log).
   * Addresses the user logged in from before do not ask, so a flood from elsewhere cannot keep them out.
   */
  forInstance(address: string): Permit {
    const waitMs = this.instance.take();
    if (waitMs > 0) this.refuse('instance', address, waitMs);
    return { refund: () => this.instance.refund() };
  }

  private bucketOf(address: string): TokenBucket {
    let bucket = this.addresses.get(address);
    if (bucket) return bucket;
    if (this.addresses.size >= MAX_TRACKED_ADDRESSES) this.forgetIdle();
    const { perMinutePerAddress } = this.limits;
    bucket = new TokenBucket(perMinutePerAddress, perMinutePerAddress / 60);
    this.addresses.set(address, bucket);
    return bucket;
  }

  /** Forgets full buckets (idle clients), then the oldest, down to 90 % so this runs rarely. */
  private forgetIdle(): void {
    for (const [address, bucket] of this.addresses) if (bucket.isFull()) this.addresses.delete(address);
    for (const address of this.addresses.keys()) {
      if (this.addresses.size < MAX_TRACKED_ADDRESSES * 0.9) break;
      this.addresses.delete(address);
    }
  }

  private refuse(limit: 'address' | 'instance', address: string, waitMs: number): never {
    this.refused[limit]++;
    const now = performance.now();
    if (now - this.warnedAt[limit] >= WARN_EVERY_MS) {
      this.warnedAt[limit] = now;
      this.logger.warn(
        { limit, address, refusedSinceLastWarning: this.refused[limit], limits: this.limits },
        limit === 'address' ? 'login attempts from one address over its limit' : 'login attempts over the instance limit',
      );
      this.refused[limit] = 0;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    const message =
      limit === 'address'
        ? `Too many login attempts from your address; try again in ${retryAfterSeconds} s.`
        : `The server is busy checking other logins; try again in ${retryAfterSeconds} s.`;
    throw new NautilusError('RATE_LIMITED', message, { details: { retryAfterSeconds, limit } });
  }
}

/** The budget the configuration asks for (NAUTILUS_LOGIN_CHECKS_PER_SECOND, …_PER_MINUTE_PER_ADDRESS). */
export function createPasswordCheckBudget(
  config: { loginChecksPerSecond: number; loginChecksPerMinutePerAddress: number },
  logger: Logger,
): PasswordCheckBudget {
  return new PasswordCheckBudget(
    { perSecond: config.loginChecksPerSecond, perMinutePerAddress: config.loginChecksPerMinutePerAddress },
    logger,
  );
}
