import { NautilusError } from '@nautilus/sdk';
import ivm from 'isolated-vm';
import { WATCHDOG_FIRED, WATCHDOG_GRACE_MS, withWatchdog } from './run/call-watchdog.ts';
import { memoryError, runError, type SandboxLimits, SCRIPT_NAME, syntaxError, timeoutError } from './sandbox-errors.ts';

export interface SandboxOptions {
  /** Heap limit of the isolate; isolated-vm's minimum is 8. Default 64. */
  memoryLimitMb?: number;
  /** Time one `evaluate` may run, serialising its result included. Default 1000. */
  timeoutMs?: number;
  /** Longest result, in characters of JSON, `evaluate` hands back. Default 1,000,000. */
  maxResultChars?: number;
}

export interface Sandbox {
  /**
   * Runs `code` as a script in the sandbox's global scope and returns its completion value copied
   * out as JSON (`undefined` when it has none). Globals the code defines persist between calls.
   * @example await sandbox.evaluate('const xs = [1, 2, 3]; xs.map((x) => x * 2)') // [2, 4, 6]
   */
  evaluate(code: string): Promise<unknown>;
  /** Frees the isolate. Further `evaluate` calls are refused. Safe to call twice. */
  dispose(): void;
  readonly disposed: boolean;
}

// Runs once in a fresh context, before any user code, so the code cannot swap the JSON.stringify or
// Promise it uses; the function is reachable only through the host's Reference, never from the global.
const SERIALIZER = `(() => {
  const stringify = JSON.stringify;
  const PromiseClass = Promise;
  return (value, maxChars) => {
    if (value instanceof PromiseClass) return ['promise'];
    const text = stringify(value);
    if (text === undefined) return ['none'];
    return text.length > maxChars ? ['too-large', text.length] : ['json', text];
  };
})()`;

type Serialized = ['promise'] | ['none'] | ['too-large', number] | ['json', string];

/**
 * A fresh V8 isolate with nothing of the host in it (no `process`, `require`, timers or host objects),
 * for running untrusted code under a memory and time limit. The isolate lives in the calling process:
 * code that drives V8 into a fatal out-of-memory error (which isolated-vm cannot turn into an
 * exception) ends that process. Strategies do not run here: they get a process of their own
 * (run/process-session.ts); use this only for small expressions, or from a process you can lose.
 * @example
 * const sandbox = await createSandbox({ timeoutMs: 200 });
 * try { await sandbox.evaluate('1 + 1'); } finally { sandbox.dispose(); }
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { memoryLimitMb = 64, timeoutMs = 1000, maxResultChars = 1_000_000 } = options;
  checkOptions({ memoryLimitMb, timeoutMs, maxResultChars });
  const limits: SandboxLimits = { memoryLimitMb, timeoutMs };

  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb });
  let disposedByCaller = false;
  // The host's watchdog disposed the isolate: code ran past its time limit where isolated-vm does not
  // enforce it (reading a value it threw or left rejected, through getters the code controls).
  let stoppedByWatchdog = false;
  // isolated-vm disposes the isolate itself when the code exceeds the memory limit.
  const disposedByLimit = (): boolean => isolate.isDisposed && !disposedByCaller && !stoppedByWatchdog;

  let context: ivm.Context;
  let serializer: ivm.Reference<(value: unknown, maxChars: number) => Serialized>;
  try {
    context = await isolate.createContext();
    serializer = await (await isolate.compileScript(SERIALIZER)).run(context, { reference: true });
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw new NautilusError('INTERNAL', 'Could not set up a sandbox isolate', { cause: error });
  }

  function assertUsable(): void {
    if (stoppedByWatchdog) throw timeoutError(limits, 'This sandbox was stopped; create a new sandbox to run more code.');
    if (disposedByLimit()) throw memoryError(limits);
    if (disposedByCaller)
      throw new NautilusError('INTERNAL', 'This sandbox was disposed; create a new sandbox to run more code.');
  }

  /** Runs `evaluate` under a host timer too: the backstop that always ends it shortly after its limit. */
  async function evaluate(code: string): Promise<unknown> {
    assertUsable();
    try {
      return await withWatchdog(evaluateInIsolate(code), timeoutMs + WATCHDOG_GRACE_MS, () => {
        stoppedByWatchdog = true;
        if (!isolate.isDisposed) isolate.dispose();
      });
    } catch (error) {
      if (error === WATCHDOG_FIRED) throw timeoutError(limits);
      throw error;
    }
  }

  async function evaluateInIsolate(code: string): Promise<unknown> {
    let script: ivm.Script;
    try {
      script = await isolate.compileScript(code, { filename: SCRIPT_NAME });
    } catch (error) {
      if (!stoppedByWatchdog) assertUsable();
      throw syntaxError(error);
    }

    const deadline = performance.now() + timeoutMs;
    let serialized: Serialized;
    let completion: ivm.Reference | undefined;
    try {
      completion = await script.run(context, { timeout: timeoutMs, reference: true });
      const remainingMs = Math.max(1, Math.ceil(deadline - performance.now()));
      serialized = await serializer.apply(undefined, [completion.derefInto(), maxResultChars], {
        timeout: remainingMs,
        result: { copy: true },
      });
    } catch (error) {
      if (disposedByCaller) throw new NautilusError('INTERNAL', 'The sandbox was disposed while code was running.');
      throw runError(error, limits, disposedByLimit());
    } finally {
      // Releasing handles of a disposed isolate is a no-op, so this is safe after a memory kill too.
      completion?.release();
      script.release();
    }
    return fromSerialized(serialized, maxResultChars);
  }

  return {
    evaluate,
    dispose() {
      disposedByCaller = true;
      if (!isolate.isDisposed) isolate.dispose();
    },
    get disposed() {
      return isolate.isDisposed;
    },
  };
}

function fromSerialized(serialized: Serialized, maxResultChars: number): unknown {
  switch (serialized[0]) {
    case 'json':
      return JSON.parse(serialized[1]);
    case 'none':
      return undefined;
    case 'promise':
      throw new NautilusError('VALIDATION', 'The code produced a Promise; evaluate returns only values computed synchronously.');
    case 'too-large':
      throw new NautilusError(
        'VALIDATION',
        `The result is ${serialized[1]} characters of JSON, over the ${maxResultChars} limit; return less data.`,
        { details: { length: serialized[1], maxResultChars } },
      );
  }
}

function checkOptions(options: Required<SandboxOptions>): void {
  const fields = [];
  if (!Number.isInteger(options.memoryLimitMb) || options.memoryLimitMb < 8) {
    fields.push({ path: 'memoryLimitMb', message: `must be an integer >= 8, got ${options.memoryLimitMb}` });
  }
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    fields.push({ path: 'timeoutMs', message: `must be a positive number, got ${options.timeoutMs}` });
  }
  if (!Number.isInteger(options.maxResultChars) || options.maxResultChars <= 0) {
    fields.push({ path: 'maxResultChars', message: `must be a positive integer, got ${options.maxResultChars}` });
  }
  if (fields.length > 0) throw NautilusError.validation('sandbox options', fields);
}
