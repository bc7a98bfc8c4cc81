import { NautilusError } from '@nautilus/sdk';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import { positionFromStack } from '../compile/strategy-script.ts';
import type { StrategyFailure } from '../engine/index.ts';

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
      thrown: { name: thrown.name, message: thrown.message },
    },
  });
}

/** The engine itself failed (a bug, or a strategy that sabotaged the realm's built-ins). */
export function engineError(cause: unknown): NautilusError {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new NautilusError('INTERNAL', `The strategy engine failed: ${text}`, { cause });
}
