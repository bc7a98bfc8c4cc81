/** At most `requests` in any window of `windowMs`: a sliding log, as providers state their limits. */
export interface RequestWindow {
  /** Resolves when one more request fits (and counts it); rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
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

  async function admit(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const time = now();
      while (admitted.length > 0 && time - (admitted[0] as number) >= windowMs) admitted.shift();
      if (admitted.length < requests) {
        admitted.push(time);
        return;
      }
      await delay((admitted[0] as number) + windowMs - time, signal);
    }
  }

  return {
    acquire(signal) {
      const turn = queue.then(() => admit(signal));
      // The next waiter goes after this one, whether it was admitted or gave up.
      queue = turn.catch(() => {});
      return turn;
    },
  };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
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
