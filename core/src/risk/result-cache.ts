/**
 * Finished results by key for `ttlMs`, at most `maxEntries` (the oldest go first). Only successes are
 * kept; a computation in progress is not shared, so one caller's abort never fails another's request.
 */
export class ResultCache {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, { value: unknown; expires: number }>();

  constructor(ttlMs: number, maxEntries: number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  /**
   * The cached value of `key`, else `compute()`'s, kept for the next caller. When `signal` has aborted
   * by the time `compute` settles, nothing is kept and the abort reason is thrown: a computation cut
   * short (or one that ignored its signal and returned early) never answers a later request.
   */
  async get<T>(key: string, compute: () => Promise<T>, signal?: AbortSignal, now = Date.now()): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value as T;
    this.#entries.delete(key);
    signal?.throwIfAborted();
    const value = await compute();
    signal?.throwIfAborted();
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { value, expires: now + this.#ttlMs });
    return value;
  }
}
