import { fileURLToPath } from 'node:url';
import { NautilusError } from '@nautilus/sdk';

const ENTRY = fileURLToPath(new URL('../engine/index.ts', import.meta.url));

let cached: Promise<string> | undefined;

/**
 * The engine's source bundled into one script for the isolate, built once per process: an expression
 * whose value is `{ create(factory, seed, caps) }` (see createIsolateEngine). The same files the host imports directly.
 */
export function engineBundle(): Promise<string> {
  // esbuild is loaded on first use: a session process gets the bundle from the server and never needs it.
  cached ??= import('esbuild')
    .then(({ build }) =>
      build({
        entryPoints: [ENTRY],
        bundle: true,
        write: false,
        format: 'iife',
        globalName: '__nautilusEngine',
        platform: 'neutral',
        target: 'es2024',
        logLevel: 'silent',
      }),
    )
    .then(
      // The value the host holds a reference to. Strict mode all through: a strategy reading stack frames
      // (Error.prepareStackTrace) gets no engine function or receiver from them.
      (result) =>
        `(function () {\n"use strict";\n${result.outputFiles[0]!.text}\nreturn { create: (factory, seed, caps) => __nautilusEngine.createIsolateEngine(factory, seed, caps) };\n})()`,
      (error: unknown) => {
        cached = undefined;
        throw new NautilusError('INTERNAL', 'Could not bundle the strategy engine', { cause: error });
      },
    );
  return cached;
}
