import type { AccountState } from '@nautilus/sdk';
import ivm from 'isolated-vm';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import { STRATEGY_SCRIPT } from '../compile/strategy-script.ts';
import type {
  BatchOutput,
  EncodedBatch,
  EngineStartOptions,
  IsolateOutputCaps,
  StrategyDescription,
  StrategyFailure,
} from '../engine/index.ts';
import { isTimeout } from '../sandbox-errors.ts';
import { WATCHDOG_FIRED, WATCHDOG_GRACE_MS, withWatchdog } from './call-watchdog.ts';
import { checkAccount, checkBatchOutput, checkDescription, emptyTally } from './check-batch-output.ts';
import { engineBundle } from './engine-bundle.ts';
import { appendItems, readAnswer } from './read-answer.ts';
import type { RunLimits } from './run-limits.ts';
import { engineError, promiseLeftRejectedError, strategyMemoryError, strategyTimeoutError } from './strategy-errors.ts';
import type { RunUsage, StrategySession } from './strategy-session.ts';

type Method = 'describe' | 'start' | 'push' | 'more' | 'stop' | 'account';

/** What a call is doing, as the error of a promise it left rejected names it. */
const DURING: Record<Method | 'load', string> = {
  load: 'while loading the file',
  describe: 'while loading the file',
  start: 'in onStart',
  push: 'in a batch of bars',
  more: 'in a batch of bars',
  stop: 'in onStop',
  account: 'while reading its account',
};

/**
 * Caps of what leaves the isolate (see copyOut): per call no more characters than the heap holds;
 * records a chunk at a time, each record capped; at most `maxRunChars` of records over a run.
 */
function outputCaps(limits: RunLimits): IsolateOutputCaps & { maxRunChars: number } {
  const maxChars = limits.memoryMb * 2 ** 20;
  return {
    batch: {
      maxChars,
      maxString: Math.max(limits.maxLogLineChars, 20_000),
      maxItems: Math.max(limits.maxRecords, limits.maxLogLines, limits.maxOpenOrders, 100),
      maxDepth: 8,
    },
    record: { maxChars: 16_000, maxString: 2_000, maxItems: 100, maxDepth: 4 },
    logLine: { maxChars: limits.maxLogLineChars + 1_000, maxString: limits.maxLogLineChars, maxItems: 10, maxDepth: 2 },
    chunkChars: Math.min(4 * 2 ** 20, maxChars / 4),
    describe: { maxChars, maxString: 2_000, maxItems: 1_000, maxDepth: 6 },
    maxRunChars: 4 * maxChars,
  };
}

/**
 * Loads the engine and the strategy into a fresh isolate: nothing of the host is passed in but
 * copies of data, so the strategy cannot reach `process`, `require` or host objects. Every call is
 * one async round trip (the host's event loop keeps running meanwhile) under a wall-time limit that
 * is also capped by what remains of the run's CPU budget, with a host-side watchdog that disposes the
 * isolate if the call has not ended shortly after that limit. What comes back is a copy the engine
 * built within size caps (and a Float64Array of equity), checked for shape before it is trusted.
 */
export async function createIsolateSession(
  compiled: CompiledStrategy,
  seed: number,
  limits: RunLimits,
  /** The engine bundle when the caller has it (a session process gets it from the server); else built here. */
  prebuiltBundle?: string,
): Promise<StrategySession> {
  const bundle = prebuiltBundle ?? (await engineBundle());
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  const caps = outputCaps(limits);
  const tally = emptyTally();
  let stoppedBy: 'caller' | 'watchdog' | undefined;
  /** Once the watchdog stopped the isolate, every later call fails with the same error. */
  let stopped: Error | undefined;
  let wallMs = 0;
  const methods = new Map<Method, ivm.Reference>();

  /** Runs one call under the limits; `during` names what strategy code it runs (null: only the engine's). */
  async function guarded<T>(during: Method | 'load' | null, work: (timeout: number) => Promise<T>): Promise<T> {
    if (stopped !== undefined) throw stopped;
    if (isolate.isDisposed)
      throw stoppedBy === 'caller' ? engineError('the session was disposed') : strategyMemoryError(limits.memoryMb);
    const cpuMs = Number(isolate.cpuTime) / 1e6;
    const remaining = limits.runCpuMs - cpuMs;
    if (remaining <= 0) throw strategyTimeoutError('run', limits.runCpuMs);
    const runLimited = remaining < limits.batchTimeoutMs;
    const timeout = Math.max(1, Math.ceil(runLimited ? remaining : limits.batchTimeoutMs));
    const timedOut = (cause?: unknown) =>
      runLimited
        ? strategyTimeoutError('run', limits.runCpuMs, cause)
        : strategyTimeoutError('batch', limits.batchTimeoutMs, cause);
    const started = performance.now();
    try {
      return await withWatchdog(work(timeout), timeout + WATCHDOG_GRACE_MS, () => {
        stoppedBy ??= 'watchdog';
        if (!isolate.isDisposed) isolate.dispose();
      });
    } catch (error) {
      if (error === WATCHDOG_FIRED) {
        stopped = timedOut();
        throw stopped;
      }
      if (isolate.isDisposed && stoppedBy === undefined) throw strategyMemoryError(limits.memoryMb);
      if (isTimeout(error)) throw timedOut(error);
      if (stoppedBy === 'caller') throw engineError('the session was disposed while the strategy was running');
      if (during === null) throw engineError(error);
      // The engine's methods never throw (they answer with a copy or the engine's failure), so what else
      // ends a call that ran the strategy's code is a promise it left rejected, which isolated-vm
      // reports as the call's error.
      throw promiseLeftRejectedError(error, DURING[during]);
    } finally {
      wallMs += performance.now() - started;
    }
  }

  try {
    const context = await isolate.createContext();
    const { create, factory } = await guarded(null, async (timeout) => {
      const engineScript = await isolate.compileScript(bundle, { filename: 'nautilus-engine.js' });
      const engineModule = await engineScript.run(context, { reference: true, timeout });
      const strategyScript = await isolate.compileScript(compiled.code, { filename: STRATEGY_SCRIPT });
      return {
        create: await engineModule.get('create', { reference: true }),
        factory: await strategyScript.run(context, { reference: true, timeout }),
      };
    });
    // Runs the strategy file's top-level code: under the time limit like any callback.
    const engine = (await guarded('load', (timeout) =>
      create.apply(undefined, [factory.derefInto(), seed, new ivm.ExternalCopy(caps).copyInto()], {
        result: { reference: true },
        timeout,
      }),
    )) as ivm.Reference<Record<Method, unknown>>;
    for (const name of ['describe', 'start', 'push', 'more', 'stop', 'account'] as const) {
      methods.set(name, await guarded(null, () => engine.get(name, { reference: true })));
    }
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }

  function call(name: Method, args: unknown[] = [], copyArguments = false, during: Method = name): Promise<unknown> {
    return guarded(during, (timeout) =>
      methods.get(name)!.apply(undefined, args, {
        ...(copyArguments ? { arguments: { copy: true } } : {}),
        result: { copy: true },
        timeout,
      }),
    );
  }

  let runChars = 0;
  /** A batch's answer, its records fetched chunk by chunk, checked against the run's caps. */
  async function batch(encoded: unknown, bars: number, during: Method): Promise<BatchOutput> {
    const [equity, first] = Array.isArray(encoded) ? (encoded as Partial<EncodedBatch>) : [];
    let answer = readAnswer(first);
    const { output } = answer;
    for (;;) {
      runChars += Number(answer.itemChars);
      if (!(runChars <= caps.maxRunChars)) throw engineError(`the run's records are over ${caps.maxRunChars} characters`);
      appendItems(output, answer.items);
      if (answer.more !== true) break;
      answer = readAnswer(await call('more', [], false, during));
    }
    if (typeof output === 'object' && output !== null) (output as { equity: unknown }).equity = equity;
    return checkBatchOutput(output, bars, limits, tally);
  }

  return {
    sandboxed: true,
    describe: async (): Promise<StrategyDescription | StrategyFailure> =>
      checkDescription(readAnswer(await call('describe')).output),
    start: async (options: EngineStartOptions) => batch(await call('start', [options], true), 0, 'start'),
    push: async (bars: Float64Array, count: number, book?: Float64Array) => {
      // Moves the buffer into the isolate without a copy: one round trip per batch of bars.
      const transfer = new ivm.ExternalCopy(bars, { transferOut: true }).copyInto({ release: true, transferIn: true });
      const args: unknown[] = [transfer, count];
      if (book) args.push(new ivm.ExternalCopy(book).copyInto({ release: true }));
      return batch(await call('push', args), count, 'push');
    },
    stop: async () => batch(await call('stop'), 0, 'stop'),
    account: async (): Promise<AccountState> => checkAccount(readAnswer(await call('account')).output, limits.maxOpenOrders),
    usage(): RunUsage {
      if (isolate.isDisposed) return { cpuMs: Number.NaN, wallMs, heap: null };
      const heap = isolate.getHeapStatisticsSync();
      return {
        cpuMs: Number(isolate.cpuTime) / 1e6,
        wallMs,
        heap: {
          usedBytes: heap.used_heap_size,
          totalBytes: heap.total_heap_size,
          externalBytes: heap.externally_allocated_size,
          limitBytes: heap.heap_size_limit,
        },
      };
    },
    dispose() {
      stoppedBy ??= 'caller';
      if (!isolate.isDisposed) isolate.dispose();
    },
  };
}
