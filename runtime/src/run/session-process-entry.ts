import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./session-process-main.ts', import.meta.url));
/** runtime/node_modules/.cache: where tools keep what they build, and where `isolated-vm` resolves from. */
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/nautilus/', import.meta.url));

let entry: Promise<string> | undefined;
let built: string | undefined;

/**
 * The file a session process runs: session-process-main.ts and what it imports bundled into one
 * JavaScript module (isolated-vm stays a package import), built once per server. Running the
 * TypeScript sources directly would work too, but Node's type stripping costs each process about
 * 40 MB and 350 ms; the bundle starts in a fraction of that. Falls back to the .ts file when the
 * bundle cannot be built or written.
 */
export function sessionProcessEntry(): Promise<string> {
  entry ??= buildEntry().then(
    (file) => {
      built = file;
      return file;
    },
    () => {
      built = MAIN;
      return MAIN;
    },
  );
  return entry;
}

/** The entry once {@link sessionProcessEntry} has settled, else the .ts file. */
export function sessionProcessEntryNow(): string {
  return built ?? MAIN;
}

async function buildEntry(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [MAIN],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    external: ['isolated-vm', 'esbuild'],
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]!.text;
  const file = join(CACHE, `session-process-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  try {
    if (readFileSync(file, 'utf8') === text) return file;
  } catch {
    // Not built yet.
  }
  mkdirSync(CACHE, { recursive: true });
  // Written whole, then renamed: a process starting meanwhile never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, text, { mode: 0o644 });
  renameSync(partial, file);
  return file;
}
