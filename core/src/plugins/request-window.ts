/** At most `requests` in any window of `windowMs`: a sliding log, as providers state their limits. */
export interface RequestWindow {
  /**
   * Resolves when one more request fits (and counts it); rejects with the signal's reason if it
   * aborts first, or at once with a {@link WindowFull} when the request could not go before `deadline`
   * (epoch ms).
   */
  acquire(signal?: AbortSignal, deadline?: number): Promise<void>;
  /** Requests admitted within the window now (for a shared window: as of this instance's last admission). */
  used(): number;
}

/** The window is full until `nextAt` (epoch ms), later than the caller can wait. */
export class WindowFull extends Error {
  readonly nextAt: number;
  constructor(nextAt: number) {
    super('the request window is full');
    this.nextAt = nextAt;
  }
}

/**
 * A sliding-window limiter: the times of the last `requests` admitted requests are kept, and the
 * next may go once the oldest of them is `windowMs` old. Waiters are admitted in arrival order. A
 * token bucket would let twice the limit through across a refill; this never does.
 */
export function createRequestWindow(requests: number, windowMs: number, now: () => number = Date.now): RequestWindow {
  /** Admission times, oldest first; at most `requests` of them. */
  const admitted: number[] = [];
  /** Admission of the last request queued: each waits for the one before it. */
  let queue: Promise<void> = Promise.resolve();

  async function admit(signal: AbortSignal | undefined, deadline: number): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const time = now();
      while (admitted.length > 0 && time - (admitted[0] as number) >= windowMs) admitted.shift();
      if (admitted.length < requests) {
        admitted.push(time);
        return;
      }
      const nextAt = (admitted[0] as number) + windowMs;
      if (nextAt > deadline) throw new WindowFull(nextAt);
      await delay(nextAt - time, signal);
    }
  }

  return {
    acquire(signal, deadline = Number.POSITIVE_INFINITY) {
      const turn = queue.then(() => admit(signal, deadline));
      // The next waiter goes after this one, whether it was admitted or gave up.
      queue = turn.catch(() => {});
      return turn;
    },
    used() {
      const time = now();
      return admitted.filter((at) => time - at < windowMs).length;
    },
  };
}

export function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
