import type { InputOf, OutputOf } from './procedures.ts';
import type { CallOptions, Transport } from './transport.ts';

export type BacktestRun = NonNullable<OutputOf<'backtests.get'>>;

export interface WaitOptions extends CallOptions {
  /** Called with each progress read (0..1) while the run is queued or running. */
  onProgress?: (progress: number, run: BacktestRun) => void;
  /** How often to poll, in ms (default 250). */
  intervalMs?: number;
  /** Give up after this many ms (default 10 minutes). */
  timeoutMs?: number;
}

/** A backtest that ended `failed`: `run.error` says why (a compile error, a throw at a line, a timeout). */
export class BacktestFailedError extends Error {
  override readonly name = 'BacktestFailedError';
  readonly run: BacktestRun;
  constructor(run: BacktestRun) {
    super(`Backtest ${run.id} failed: ${describe(run.error)}`);
    this.run = run;
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}

/** Polls `backtests.get` until the run is done (resolves with it, metrics included) or failed (rejects with BacktestFailedError). */
export async function waitForBacktest(transport: Transport, id: string, options: WaitOptions = {}): Promise<BacktestRun> {
  const { onProgress, intervalMs = 250, timeoutMs = 600_000, signal } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await transport.call('backtests.get', { id }, { signal })) as BacktestRun;
    if (run.status === 'done') return run;
    if (run.status === 'failed') throw new BacktestFailedError(run);
    onProgress?.(run.progress, run);
    if (Date.now() > deadline) throw new Error(`Backtest ${id} is still ${run.status} after ${timeoutMs} ms`);
    await sleep(intervalMs, signal);
  }
}

/** Queues a backtest and waits for it to finish. */
export async function runBacktest(
  transport: Transport,
  input: InputOf<'backtests.run'>,
  options: WaitOptions = {},
): Promise<BacktestRun> {
  const { id } = await transport.call('backtests.run', input, { signal: options.signal });
  return waitForBacktest(transport, id, options);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
