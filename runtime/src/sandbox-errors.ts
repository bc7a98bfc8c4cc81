import { NautilusError } from '@nautilus/sdk';
import { capText } from './engine/intrinsics.ts';

/** The name user code is compiled under; error positions are read back from messages that carry it. */
export const SCRIPT_NAME = 'user-code.js';

// isolated-vm appends `[user-code.js:2:11]` to a SyntaxError's message; a thrown error's stack has `user-code.js:2:3`.
const SYNTAX_POSITION = /\s*\[user-code\.js:(\d+):(\d+)\]$/;
const STACK_POSITION = /user-code\.js:(\d+):(\d+)/;

// isolated-vm's own messages: the only way it tells a time limit apart from an error the code threw.
const TIMED_OUT = 'Script execution timed out.';
/** Longest text of the code's own (a thrown message, a thrown value) an error quotes. */
const MAX_QUOTED = 2_000;

/** True for the error isolated-vm raises when a call ran past its `timeout`. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === TIMED_OUT;
}

export interface SandboxLimits {
  memoryLimitMb: number;
  timeoutMs: number;
}

/** A NautilusError for a SyntaxError raised while compiling user code, naming its line and column. */
export function syntaxError(error: unknown): NautilusError {
  const message = capText(error instanceof Error ? String(error.message) : String(error), MAX_QUOTED);
  const match = SYNTAX_POSITION.exec(message);
  const text = match ? message.slice(0, match.index) : message;
  const where = match ? `at line ${match[1]}, column ${match[2]}` : 'at an unknown position';
  return new NautilusError('VALIDATION', `Syntax error ${where}: ${text}. Fix the code and run it again.`, {
    fields: [{ path: 'code', message: `${where}: ${text}` }],
    details: match ? { line: Number(match[1]), column: Number(match[2]) } : {},
  });
}

/**
 * Maps what running user code threw to a NautilusError: the isolate's time limit, its memory limit
 * (`disposedByLimit` is true when isolated-vm killed the isolate), or an error of the code itself.
 */
export function runError(error: unknown, limits: SandboxLimits, disposedByLimit: boolean): NautilusError {
  if (disposedByLimit) return memoryError(limits);
  if (isTimeout(error)) return timeoutError(limits);
  // `throw 42` arrives as 42: isolated-vm copies thrown primitives as they are. Whatever the code threw
  // may be huge (its message, its stack): only capped text of it is kept, never the value itself.
  if (!(error instanceof Error)) {
    const text = capText(typeof error === 'string' ? JSON.stringify(capText(error, MAX_QUOTED)) : String(error), MAX_QUOTED);
    return new NautilusError('VALIDATION', `The code threw ${text}.`, {
      details: {
        thrown: typeof error === 'string' ? capText(error, MAX_QUOTED) : typeof error === 'object' ? text : error,
      },
    });
  }
  const match = STACK_POSITION.exec(capText(String(error.stack ?? ''), 10 * MAX_QUOTED));
  const where = match ? ` at line ${match[1]}, column ${match[2]}` : '';
  const name = capText(String(error.name), 100);
  return new NautilusError('VALIDATION', `The code threw ${name}${where}: ${capText(String(error.message), MAX_QUOTED)}`, {
    details: match ? { line: Number(match[1]), column: Number(match[2]) } : {},
  });
}

/** The error for code that ran past its time limit; `next` says what happens to the sandbox now. */
export function timeoutError(limits: SandboxLimits, next = ''): NautilusError {
  return new NautilusError(
    'SANDBOX_TIMEOUT',
    `The code ran longer than its ${limits.timeoutMs} ms limit and was stopped; look for an endless loop or do less work per call.${next ? ` ${next}` : ''}`,
    { details: { timeoutMs: limits.timeoutMs } },
  );
}

/** The error for a sandbox whose isolate was killed for exceeding its memory limit. */
export function memoryError(limits: SandboxLimits, cause?: unknown): NautilusError {
  return new NautilusError(
    'SANDBOX_MEMORY',
    `The code used more than its ${limits.memoryLimitMb} MB memory limit, so this sandbox was destroyed; create a new sandbox.`,
    { cause, details: { memoryLimitMb: limits.memoryLimitMb } },
  );
}
