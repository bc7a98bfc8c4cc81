/**
 * How long after a call's own time limit the host gives up on it. isolated-vm enforces `timeout` while
 * the call's code runs, but not while it reads a value thrown or left rejected at the end of the call
 * (through getters a strategy controls); this host timer is the backstop that always ends the call.
 */
export const WATCHDOG_GRACE_MS = 250;

/** The rejection of `withWatchdog` when its timer fired before the work settled. */
export const WATCHDOG_FIRED: unique symbol = Symbol('watchdog fired');

/**
 * Settles like `work`, unless `ms` pass first: then `expire` runs (it disposes the isolate, which
 * stops whatever runs in it) and the result rejects with WATCHDOG_FIRED at once, whether or not
 * `work` ever settles.
 */
export function withWatchdog<T>(work: Promise<T>, ms: number, expire: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      work.catch(() => {});
      try {
        expire();
      } finally {
        reject(WATCHDOG_FIRED);
      }
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
