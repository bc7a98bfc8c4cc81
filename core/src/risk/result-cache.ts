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

  async get<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value as T;
    this.#entries.delete(key);
    const value = await compute();
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { value, expires: now + this.#ttlMs });
    return value;
  }
}
