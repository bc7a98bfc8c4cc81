import ivm from 'isolated-vm';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import { STRATEGY_SCRIPT } from '../compile/strategy-script.ts';
import type { BatchOutput, EngineStartOptions } from '../engine/index.ts';
import { isTimeout } from '../sandbox-errors.ts';
import { checkBatchOutput } from './check-batch-output.ts';
import { engineBundle } from './engine-bundle.ts';
import type { RunLimits } from './run-limits.ts';
import { engineError, strategyMemoryError, strategyTimeoutError } from './strategy-errors.ts';
import type { RunUsage, StrategySession } from './strategy-session.ts';

type Method = 'describe' | 'start' | 'push' | 'stop' | 'account';

/**
 * Loads the engine and the strategy into a fresh isolate: nothing of the host is passed in but
 * copies of data, so the strategy cannot reach `process`, `require` or host objects. Every call is
 * one async round trip (the host's event loop keeps running meanwhile) under a wall-time limit that
 * is also capped by what remains of the run's CPU budget.
 */
export async function createIsolateSession(
  compiled: CompiledStrategy,
  seed: number,
  limits: RunLimits,
): Promise<StrategySession> {
  const bundle = await engineBundle();
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  let disposedByCaller = false;
  let wallMs = 0;
  const methods = new Map<Method, ivm.Reference>();

  async function guarded<T>(work: (timeout: number) => Promise<T>): Promise<T> {
    if (isolate.isDisposed)
      throw disposedByCaller ? engineError('the session was disposed') : strategyMemoryError(limits.memoryMb);
    const cpuMs = Number(isolate.cpuTime) / 1e6;
    const remaining = limits.runCpuMs - cpuMs;
    if (remaining <= 0) throw strategyTimeoutError('run', limits.runCpuMs);
    const runLimited = remaining < limits.batchTimeoutMs;
    const timeout = Math.max(1, Math.ceil(runLimited ? remaining : limits.batchTimeoutMs));
    const started = performance.now();
    try {
      return await work(timeout);
    } catch (error) {
      if (isolate.isDisposed && !disposedByCaller) throw strategyMemoryError(limits.memoryMb, error);
      if (isTimeout(error))
        throw runLimited
          ? strategyTimeoutError('run', limits.runCpuMs, error)
          : strategyTimeoutError('batch', limits.batchTimeoutMs, error);
      if (disposedByCaller) throw engineError('the session was disposed while the strategy was running');
      throw engineError(error);
    } finally {
      wallMs += performance.now() - started;
    }
  }

  try {
    const context = await isolate.createContext();
    await guarded(async (timeout) => {
      const engineScript = await isolate.compileScript(bundle, { filename: 'nautilus-engine.js' });
      const engineModule = await engineScript.run(context, { reference: true, timeout });
      const strategyScript = await isolate.compileScript(compiled.code, { filename: STRATEGY_SCRIPT });
      const factory = await strategyScript.run(context, { reference: true, timeout });
      const create = await engineModule.get('create', { reference: true });
      // Runs the strategy file's top-level code: under the time limit like any callback.
      const engine = (await create.apply(undefined, [factory.derefInto(), seed], {
        result: { reference: true },
        timeout,
      })) as ivm.Reference<Record<Method, unknown>>;
      for (const name of ['describe', 'start', 'push', 'stop', 'account'] as const) {
        methods.set(name, await engine.get(name, { reference: true }));
      }
    });
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }

  function call<T>(name: Method, args: unknown[] = [], copyArguments = false): Promise<T> {
    return guarded(
      (timeout) =>
        methods.get(name)!.apply(undefined, args, {
          ...(copyArguments ? { arguments: { copy: true } } : {}),
          result: { copy: true },
          timeout,
        }) as Promise<T>,
    );
  }

  // Per-call caps: a batch can report at most every record and log line the run may keep.
  const checked = (output: unknown, bars: number): BatchOutput =>
    checkBatchOutput(output, bars, limits.maxRecords, limits.maxLogLines);

  return {
    sandboxed: true,
    describe: () => call('describe'),
    start: async (options: EngineStartOptions) => checked(await call('start', [options], true), 0),
    push: async (bars: Float64Array, count: number) => {
      // Moves the buffer into the isolate without a copy: one round trip per batch of bars.
      const transfer = new ivm.ExternalCopy(bars, { transferOut: true }).copyInto({ release: true, transferIn: true });
      return checked(await call('push', [transfer, count]), count);
    },
    stop: async () => checked(await call('stop'), 0),
    account: () => call('account'),
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
      disposedByCaller = true;
      if (!isolate.isDisposed) isolate.dispose();
    },
  };
}
