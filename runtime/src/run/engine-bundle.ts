import { fileURLToPath } from 'node:url';
import { NautilusError } from '@nautilus/sdk';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../engine/index.ts', import.meta.url));

let cached: Promise<string> | undefined;

/**
 * The engine's source bundled into one script for the isolate, built once per process: an expression
 * whose value is `{ create(factory, seed) }`. The same files the host imports directly.
 */
export function engineBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__nautilusEngine',
    platform: 'neutral',
    target: 'es2024',
    logLevel: 'silent',
  }).then(
    // The value the host holds a reference to; `isolate: true` makes the engine replace the realm's own
    // Date, Math.random and console, which only the isolate may do.
    (result) =>
      `(function () {\n${result.outputFiles[0]!.text}\nreturn { create: (factory, seed) => __nautilusEngine.createEngine(factory, { seed, isolate: true }) };\n})()`,
    (error: unknown) => {
      cached = undefined;
      throw new NautilusError('INTERNAL', 'Could not bundle the strategy engine', { cause: error });
    },
  );
  return cached;
}
