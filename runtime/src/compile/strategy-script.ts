import type { CompiledStrategy } from './compiled-strategy.ts';
import { createSourceMapLookup, type OriginalPosition } from './source-map.ts';

/** File names in stack traces and source maps. */
export const STRATEGY_SCRIPT = 'strategy.js';
export const STRATEGY_SOURCE = 'strategy.ts';

// The bundle sits inside a function of the engine's scope, which shadows Date, Math and console with
// the simulated ones. The prefix is one line so stack lines map back with a fixed offset.
const PREFIX = '(function (__nautilus) { "use strict"; const { defineStrategy, Date, Math, console } = __nautilus;';
const SUFFIX = 'return typeof __strategy === "undefined" ? undefined : __strategy;\n})';
const PREFIX_LINES = 1;

/** The script the engine evaluates: a function expression taking the engine's scope. */
export function wrapBundle(bundle: string): string {
  return `${PREFIX}\n${bundle}\n${SUFFIX}`;
}

const lookups = new WeakMap<CompiledStrategy, ReturnType<typeof createSourceMapLookup>>();

/**
 * Maps a position in the wrapped script (line and column 1-based, as V8 prints them) to the
 * strategy's TypeScript source (1-based too); undefined outside the user's own code.
 */
export function originalPosition(
  compiled: CompiledStrategy,
  line: number,
  column: number,
): { line: number; column: number } | undefined {
  let lookup = lookups.get(compiled);
  if (lookup === undefined) {
    lookup = createSourceMapLookup(compiled.sourceMap);
    lookups.set(compiled, lookup);
  }
  const found: OriginalPosition | undefined = lookup(line - PREFIX_LINES, column - 1);
  if (found === undefined || found.source !== STRATEGY_SOURCE) return undefined;
  return { line: found.line, column: found.column + 1 };
}

const STACK_FRAME = /strategy\.js:(\d+):(\d+)/g;

/** The first stack frame in the strategy's own code, as a source position; undefined when none maps. */
export function positionFromStack(compiled: CompiledStrategy, stack: string): { line: number; column: number } | undefined {
  for (const match of stack.matchAll(STACK_FRAME)) {
    const position = originalPosition(compiled, Number(match[1]), Number(match[2]));
    if (position) return position;
  }
  return undefined;
}
