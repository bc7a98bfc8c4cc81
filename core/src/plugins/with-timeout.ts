import { NautilusError } from '@nautilus/sdk';

/**
 * Runs `work` with an AbortSignal that fires after `ms`; rejects with PLUGIN_TIMEOUT naming `what`
 * even if the work ignores the signal (its late result is then dropped).
 */
export async function withTimeout<T>(
  what: string,
  ms: number,
  work: (signal: AbortSignal) => Promise<T> | T,
  plugin?: string,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new NautilusError('PLUGIN_TIMEOUT', `${what} did not finish within ${ms} ms`, plugin ? { plugin } : {});
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => work(controller.signal)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
