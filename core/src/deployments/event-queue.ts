/**
 * A bounded queue between a push source (bus handler) and an async consumer (a subscription
 * generator). When the consumer falls behind by `capacity`, the oldest entries are dropped: a watcher
 * needs the latest state more than every intermediate tick.
 */
export class EventQueue<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  #waiting: ((item: T | undefined) => void) | undefined;
  #closed = false;
  dropped = 0;

  constructor(capacity = 1_000) {
    this.#capacity = capacity;
  }

  push(item: T): void {
    if (this.#closed) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve(item);
      return;
    }
    this.#items.push(item);
    if (this.#items.length > this.#capacity) {
      this.#items.shift();
      this.dropped++;
    }
  }

  /** The next item, or undefined once closed or when `signal` aborts. */
  next(signal: AbortSignal): Promise<T | undefined> {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift());
    if (this.#closed || signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onAbort = () => {
        this.#waiting = undefined;
        resolve(undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting = (item) => {
        signal.removeEventListener('abort', onAbort);
        resolve(item);
      };
    });
  }

  close(): void {
    this.#closed = true;
    this.#waiting?.(undefined);
    this.#waiting = undefined;
  }
}
