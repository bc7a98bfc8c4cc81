import { type AccountState, NautilusError } from '@nautilus/sdk';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import type { BatchOutput, EngineStartOptions, StrategyDescription, StrategyFailure } from '../engine/index.ts';
import { WATCHDOG_GRACE_MS } from './call-watchdog.ts';
import { engineBundle } from './engine-bundle.ts';
import type { RunLimits } from './run-limits.ts';
import { sessionProcessEntry } from './session-process-entry.ts';
import { releaseSessionProcess, type SessionProcess, takeSessionProcess } from './session-process-pool.ts';
import type { CarriedError, FromSessionProcess, SessionMethod } from './session-protocol.ts';
import { engineError, strategyMemoryError, strategyTimeoutError } from './strategy-errors.ts';
import type { RunUsage, StrategySession } from './strategy-session.ts';

/**
 * Wall time the server allows a call beyond its own limit and the in-process watchdog's grace: the
 * round trip, a garbage collection, a loaded machine. Past it the session process is killed.
 */
const PROCESS_GRACE_MS = 2_000;
/** What starting a process (when no warm one is waiting) and loading the engine may add to the first call. */
const START_GRACE_MS = 10_000;
/** How often the server reads a busy session process's resident memory. */
const MEMORY_POLL_MS = 20;

/**
 * The resident memory a session process may grow by over what it held once its strategy was loaded.
 * The isolate's heap limit is enforced by isolated-vm; this is the backstop for memory V8 takes
 * outside that heap (large arrays being grown, copies of what leaves the isolate). 6× the heap
 * limit, at least 256 MB: a legitimate run stays well below it (a 64 MB heap filled with records
 * peaks near 200 MB), while `new Array(1e8).fill(1.5)` would otherwise take 1.4 GB.
 */
export function memoryBudgetMb(limits: RunLimits): number {
  return Math.max(256, 6 * limits.memoryMb);
}

/**
 * A StrategySession whose isolate lives in a process of its own (see session-process-main.ts): the
 * isolate session's limits and checks all apply there, and on top of them the server kills the
 * process when a call runs past its limit plus a grace, or when the process grows past
 * {@link memoryBudgetMb}. Whatever the strategy does, it can at most end that process: the call
 * then fails with SANDBOX_MEMORY (or SANDBOX_TIMEOUT when the server stopped it for time), and the
 * server runs on. The process gets an empty environment and dies with the server.
 */
export async function createProcessSession(
  compiled: CompiledStrategy,
  seed: number,
  limits: RunLimits,
): Promise<StrategySession> {
  const [bundle] = await Promise.all([engineBundle(), sessionProcessEntry()]);
  const worker = takeSessionProcess();
  const budgetBytes = memoryBudgetMb(limits) * 2 ** 20;
  let baselineBytes: number | undefined;
  let lastUsage: RunUsage = { cpuMs: 0, wallMs: 0, heap: null };
  /** Why the server ended the process, when it did. */
  let endedBy: 'caller' | 'time' | 'memory' | undefined;
  /** Once the process is gone, every call fails with this. */
  let ended: NautilusError | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();

  const endError = (how: string): NautilusError => {
    if (endedBy === 'caller') return engineError('the session was disposed while the strategy was running');
    if (endedBy === 'time') return strategyTimeoutError('batch', limits.batchTimeoutMs);
    return strategyMemoryError(limits.memoryMb, new Error(`the strategy's process ${how}`));
  };

  worker.attach({
    message(message: FromSessionProcess) {
      if (message.kind !== 'answer') return;
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.usage) lastUsage = message.usage;
      if (message.ok) {
        call.resolve(message.value);
        return;
      }
      const error = revive(message.error);
      if (error.code === 'SANDBOX_TIMEOUT' || error.code === 'SANDBOX_MEMORY') {
        // The isolate was stopped from outside: it may still hold a thread spinning in the strategy's
        // code. The process goes with it, and every later call gets this same error.
        ended ??= error;
        kill(error.code === 'SANDBOX_TIMEOUT' ? 'time' : 'memory');
      }
      call.reject(error);
    },
    exit(how: string) {
      ended ??= endError(how);
      for (const call of pending.values()) call.reject(ended);
      pending.clear();
    },
  });

  function kill(reason: 'caller' | 'time' | 'memory'): void {
    endedBy ??= reason;
    worker.kill();
  }

  /** The session is over: a process that is idle and well goes back to the pool with its isolate disposed. */
  function close(): void {
    if (endedBy !== undefined) return;
    endedBy = 'caller';
    if (ended || pending.size > 0 || !worker.alive) {
      worker.kill();
      return;
    }
    worker.send({ kind: 'close' });
    releaseSessionProcess(worker);
  }

  /** One message and its answer, under the server's own time and memory watch. */
  async function request(message: { kind: 'open' } | { kind: 'call'; method: SessionMethod; args: unknown[] }, graceMs: number) {
    if (ended) throw ended;
    if (endedBy === 'caller') throw engineError('the session was disposed');
    const id = nextId++;
    const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
    const timer = setTimeout(() => kill('time'), limits.batchTimeoutMs + WATCHDOG_GRACE_MS + graceMs);
    // While loading, growth is counted from where the process stands (still loading its modules, if new).
    const base = baselineBytes ?? worker.residentBytes() ?? 0;
    const watch = setInterval(() => {
      const rss = worker.residentBytes();
      if (rss !== undefined && rss - base > budgetBytes) kill('memory');
    }, MEMORY_POLL_MS);
    worker.busy(true);
    try {
      if (message.kind === 'open') {
        const withBundle = !bundleSent.has(worker);
        bundleSent.add(worker);
        worker.send({ kind: 'open', id, ...(withBundle ? { bundle } : {}), compiled, seed, limits });
      } else worker.send({ kind: 'call', id, method: message.method, args: message.args });
      return await answer;
    } finally {
      clearTimeout(timer);
      clearInterval(watch);
      worker.busy(false);
    }
  }

  const call = (method: SessionMethod, args: unknown[] = []) => request({ kind: 'call', method, args }, PROCESS_GRACE_MS);

  try {
    await request({ kind: 'open' }, START_GRACE_MS);
  } catch (error) {
    close();
    throw error;
  }
  baselineBytes = worker.residentBytes() ?? 0;

  return {
    sandboxed: true,
    describe: async () => (await call('describe')) as StrategyDescription | StrategyFailure,
    start: async (options: EngineStartOptions) => (await call('start', [options])) as BatchOutput,
    push: async (bars: Float64Array, count: number, book?: Float64Array) =>
      (await call('push', book ? [bars, count, book] : [bars, count])) as BatchOutput,
    stop: async () => (await call('stop')) as BatchOutput,
    account: async () => (await call('account')) as AccountState,
    usage: (): RunUsage => (ended ? { ...lastUsage, cpuMs: Number.NaN, heap: null } : lastUsage),
    dispose() {
      close();
    },
  };
}

/** The processes that already hold the engine bundle (it is sent with a process's first open only). */
const bundleSent = new WeakSet<SessionProcess>();

/** The NautilusError a session process reported, as the server's own. */
function revive(carried: CarriedError): NautilusError {
  return new NautilusError(carried.code as NautilusError['code'], carried.message, {
    fields: carried.fields,
    details: carried.details,
    ...(carried.cause ? { cause: new Error(carried.cause) } : {}),
  });
}
