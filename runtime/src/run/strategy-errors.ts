import { NautilusError } from '@nautilus/sdk';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import { positionFromStack } from '../compile/strategy-script.ts';
import type { StrategyFailure } from '../engine/index.ts';
import { capText } from '../engine/intrinsics.ts';

/** Longest text of a strategy's own (a thrown message, a rejection reason) an error quotes. */
const MAX_QUOTED = 2_000;

/** A strategy that ran past a time limit: one call (`batch`) or the whole run's CPU budget (`run`). */
export function strategyTimeoutError(scope: 'batch' | 'run', limitMs: number, cause?: unknown): NautilusError {
  const message =
    scope === 'batch'
      ? `The strategy ran longer than its ${limitMs} ms limit for one batch of bars and was stopped; look for an endless loop or do less work per bar.`
      : `The strategy used up its ${limitMs} ms of CPU time for the run and was stopped; do less work per bar or test on fewer bars.`;
  return new NautilusError('SANDBOX_TIMEOUT', message, { cause, details: { scope, limitMs } });
}

export function strategyMemoryError(limitMb: number, cause?: unknown): NautilusError {
  return new NautilusError(
    'SANDBOX_MEMORY',
    `The strategy used more than its ${limitMb} MB memory limit and was stopped; keep less data in ctx.state or in closures.`,
    { cause, details: { memoryMb: limitMb } },
  );
}

/**
 * The error for a strategy that threw or broke a rule, naming the callback, the bar and (through the
 * source map) the line and column in the TypeScript source.
 */
export function strategyFailureError(failure: StrategyFailure, compiled: CompiledStrategy): NautilusError {
  const { phase, barIndex, time, kind, thrown } = failure;
  const position = thrown.stack ? positionFromStack(compiled, thrown.stack) : undefined;
  const where = [
    phase === 'load' ? 'while loading the file' : `in ${phase}`,
    barIndex >= 0 && Number.isFinite(time) ? `at bar ${barIndex} (${new Date(time).toISOString()})` : '',
    position ? `line ${position.line}, column ${position.column}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  let message: string;
  if (kind === 'invalid') message = `The strategy is invalid ${where}: ${thrown.message}`;
  else if (thrown.isError) {
    const hint = thrown.name === 'RangeError' && /call stack/i.test(thrown.message) ? ' (endless or too deep recursion)' : '';
    message = `The strategy threw ${thrown.name} ${where}: ${thrown.message}${hint}`;
  } else {
    message = `The strategy threw a non-Error value ${where}: ${thrown.message}. Throw new Error('…') to get a line number.`;
  }
  return new NautilusError('VALIDATION', message, {
    details: {
      phase,
      barIndex,
      time: Number.isFinite(time) ? time : null,
      ...(position ?? {}),
      thrown: { name: capText(thrown.name, MAX_QUOTED), message: capText(thrown.message, MAX_QUOTED) },
    },
  });
}

/**
 * A call into the isolate ended with a promise the strategy left rejected (an async callback that threw,
 * `Promise.reject` nobody caught): isolated-vm reports it as the call's error. `during` says which call.
 */
export function promiseLeftRejectedError(reason: unknown, during: string): NautilusError {
  const text = describeReason(reason);
  return new NautilusError(
    'VALIDATION',
    `The strategy failed ${during}: callbacks must be synchronous; a promise was left rejected (${text}). The engine does not wait for promises: remove async, await and .then from callbacks, and catch errors with try/catch.`,
    { details: { phase: during, reason: text } },
  );
}

function describeReason(reason: unknown): string {
  try {
    if (reason instanceof Error) {
      const name = capText(String(reason.name || 'Error'), 100);
      const message = capText(String(reason.message ?? ''), 300);
      return message === '' ? name : `${name}: ${message}`;
    }
    return capText(typeof reason === 'string' ? JSON.stringify(capText(reason, 300)) : String(reason), 300);
  } catch {
    return 'a value that could not be described';
  }
}

/** The engine itself failed (a bug, or a strategy that sabotaged the realm's built-ins). */
export function engineError(cause: unknown): NautilusError {
  const text = capText(cause instanceof Error ? String(cause.message) : String(cause), MAX_QUOTED);
  // A cause from the isolate may carry a strategy's huge message: keep it only when it is small.
  const small =
    cause instanceof Error && String(cause.message).length <= MAX_QUOTED && (cause.stack ?? '').length <= 10 * MAX_QUOTED;
  return new NautilusError('INTERNAL', `The strategy engine failed: ${text}`, small ? { cause } : {});
}
