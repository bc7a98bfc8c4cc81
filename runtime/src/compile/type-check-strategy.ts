import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NautilusError, STRATEGY_SANDBOX_GLOBALS_DTS } from '@nautilus/sdk';
import { compileError } from './compile-diagnostics.ts';
import type { CheckReply, CheckRequest, TypeCheckResult } from './type-check-protocol.ts';

export type { TypeCheckResult } from './type-check-protocol.ts';

/** Largest source the type check takes (characters); a strategy is one file, this is generous. */
export const MAX_TYPE_CHECK_CHARS = 200_000;
/** CPU time (of the type-check thread) one check may use before it is abandoned. */
export const TYPE_CHECK_TIMEOUT_MS = 3_000;
/**
 * Wall-clock time a check may run, from when the thread starts it, before the thread is taken to be
 * stuck (in something the budget's cancellation never reaches) and is stopped and started afresh.
 * Generous: on a loaded machine the CPU budget alone can take many times its length in wall time.
 */
const STUCK_AFTER_MS = 30_000;

/** The sdk files that make up the strategy API, as the editor loads them (builder's sdk-types.ts). */
const SDK_STRATEGY_FILES = ['params.ts', 'orders.ts', 'indicators.ts', 'context.ts', 'define-strategy.ts'];

const recent = new Map<string, TypeCheckResult>();
const RECENT_KEPT = 32;

interface Pending {
  /** The thread began this check (it may have waited behind others, or behind the thread's warm-up). */
  started(): void;
  resolve(reply: Exclude<CheckReply, { started: true }>): void;
  reject(error: unknown): void;
}

let thread: { worker: Worker; pending: Map<number, Pending> } | undefined;
let nextId = 1;

/** The type-check thread, started on first use and again after it failed or was stopped. */
function checkThread() {
  if (thread) return thread;
  const sdkStrategyDir = join(dirname(fileURLToPath(import.meta.resolve('@nautilus/sdk'))), 'strategy');
  const worker = new Worker(new URL('./type-check-worker.ts', import.meta.url), {
    workerData: {
      globalsDts: STRATEGY_SANDBOX_GLOBALS_DTS,
      sdkFiles: SDK_STRATEGY_FILES.map((name) => join(sdkStrategyDir, name)),
    },
  });
  const pending = new Map<number, Pending>();
  const current = { worker, pending };
  const fail = (error: unknown) => {
    if (thread === current) thread = undefined;
    for (const each of pending.values()) each.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: CheckReply) => {
    if ('started' in reply) {
      pending.get(reply.id)?.started();
      return;
    }
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
    // An idle thread does not keep a process (a CLI, a test) alive; one with a check under way does.
    if (pending.size === 0) worker.unref();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the type-check thread exited with code ${code}`)));
  worker.unref();
  thread = current;
  return current;
}

function timedOut(): NautilusError {
  return new NautilusError(
    'VALIDATION',
    `The type check of this strategy took more than ${TYPE_CHECK_TIMEOUT_MS / 1000} s of CPU time and was stopped; simplify its types or save it as a draft.`,
    { fields: [{ path: 'source', message: 'the type check timed out' }], details: { typeCheck: 'timeout' } },
  );
}

/** One check on the thread; a thread still on it STUCK_AFTER_MS after starting it is stopped. */
function checkOnThread(source: string, budgetMs: number): Promise<TypeCheckResult> {
  const { worker, pending } = checkThread();
  const id = nextId++;
  return new Promise<TypeCheckResult>((resolve, reject) => {
    let stop: ReturnType<typeof setTimeout> | undefined;
    pending.set(id, {
      started() {
        stop = setTimeout(() => {
          pending.delete(id);
          reject(timedOut());
          void worker.terminate();
        }, STUCK_AFTER_MS);
      },
      resolve(reply) {
        clearTimeout(stop);
        if ('result' in reply) resolve(reply.result);
        else if ('timeout' in reply) reject(timedOut());
        else reject(new NautilusError('INTERNAL', 'The strategy type check failed', { cause: new Error(reply.error) }));
      },
      reject(error) {
        clearTimeout(stop);
        reject(new NautilusError('INTERNAL', 'The strategy type check failed', { cause: error }));
      },
    });
    worker.ref();
    worker.postMessage({ id, source, budgetMs } satisfies CheckRequest);
  });
}

/**
 * Type-checks a strategy's TypeScript against the sdk's strategy API (the same declarations and
 * sandbox globals the Strategy Lab's editor loads, `strict` like the editor). The check runs on a
 * thread of its own (type-check-worker.ts), never on the caller's event loop; that thread keeps one
 * TypeScript LanguageService, so later checks re-read only the strategy file. Results of the last
 * few sources are remembered. Throws VALIDATION for a source over MAX_TYPE_CHECK_CHARS or a check
 * that uses more than TYPE_CHECK_TIMEOUT_MS of the thread's CPU time (warm-up not counted).
 * @example const { diagnostics } = await typeCheckStrategy('export default defineStrategy({ onBar(ctx) { ctx.liquidat(); } })');
 */
export async function typeCheckStrategy(
  source: string,
  { budgetMs = TYPE_CHECK_TIMEOUT_MS }: { budgetMs?: number } = {},
): Promise<TypeCheckResult> {
  if (source.length > MAX_TYPE_CHECK_CHARS) {
    throw NautilusError.validation('strategy', [
      {
        path: 'source',
        message: `is ${source.length} characters; the type check takes at most ${MAX_TYPE_CHECK_CHARS}: split the logic or save it as a draft`,
      },
    ]);
  }
  const known = recent.get(source);
  if (known) return known;
  const result = await checkOnThread(source, budgetMs);
  recent.set(source, result);
  if (recent.size > RECENT_KEPT) recent.delete(recent.keys().next().value as string);
  return result;
}

/** Like typeCheckStrategy, but throws the VALIDATION error (with `details.diagnostics`) when there are type errors. */
export async function assertStrategyTypes(source: string): Promise<void> {
  const { diagnostics, total } = await typeCheckStrategy(source);
  if (total === 0) return;
  const error = compileError('The strategy has type errors', diagnostics);
  error.details.typeErrors = total;
  throw error;
}

/** Starts the thread and loads TypeScript and the standard library there (about a second), e.g. at server start. */
export async function prepareTypeCheck(): Promise<void> {
  await typeCheckStrategy('export {};\n');
}
