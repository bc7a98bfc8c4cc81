import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NautilusError } from '@nautilus/sdk';
import { Parser, type ReadEntry } from 'tar';

/** How large a plugin package may be; each refusal names the limit it hit. */
export interface PackageLimits {
  /** The tarball as uploaded or downloaded (gzip-compressed). */
  maxPackedBytes: number;
  /** All its files together, unpacked. */
  maxUnpackedBytes: number;
  /** Files in it. */
  maxFiles: number;
}

export const PACKAGE_LIMITS: PackageLimits = {
  maxPackedBytes: 32 * 1024 * 1024,
  maxUnpackedBytes: 128 * 1024 * 1024,
  maxFiles: 5_000,
};

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

function refused(message: string, path = 'package'): NautilusError {
  return new NautilusError('VALIDATION', `The plugin package was refused: ${message}. Nothing was installed.`, {
    fields: [{ path, message }],
  });
}

/**
 * The path of an entry inside the package, without npm-pack's top folder (`package/`), or a refusal:
 * absolute paths, `..`, backslashes and NUL never reach the disk.
 */
function packagePath(raw: string, root: { name?: string }): string | undefined {
  if (raw.includes('\0') || raw.includes('\\'))
    throw refused(`entry '${raw.replaceAll('\0', '\\0')}' has a NUL or backslash in its path`);
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw refused(`entry '${raw}' has an absolute path`);
  const parts = raw.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw refused(`entry '${raw}' climbs out of the package with '..'`);
  const [top, ...rest] = parts;
  if (top === undefined) return undefined;
  root.name ??= top;
  if (top !== root.name)
    throw refused(`entry '${raw}' is outside the package's top folder '${root.name}/' (npm pack puts everything in package/)`);
  return rest.length ? rest.join('/') : undefined;
}

/**
 * Unpacks an npm-pack tarball (gzip or plain tar) into `dest`, which must not exist, and returns the
 * package's file paths, sorted. Only regular files and folders are written: links of either kind,
 * devices and FIFOs are refused (npm pack never writes them), as are paths leaving the folder and
 * archives over the limits. On any refusal `dest` is removed again.
 */
export async function extractPackage(bytes: Uint8Array, dest: string, limits: PackageLimits = PACKAGE_LIMITS): Promise<string[]> {
  if (bytes.length > limits.maxPackedBytes) {
    throw refused(`it is ${bytes.length} bytes packed, over the limit of ${limits.maxPackedBytes} bytes (maxPackedBytes)`);
  }
  mkdirSync(dest, { recursive: false, mode: 0o755 });
  const files: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const root: { name?: string } = {};
      let total = 0;
      let failure: unknown;
      const parser = new Parser({ strict: true });
      const fail = (error: unknown) => {
        if (failure) return;
        failure = error;
        parser.abort(error instanceof Error ? error : new Error(String(error)));
      };
      parser.on('entry', (entry: ReadEntry) => {
        try {
          const path = packagePath(entry.path, root);
          if (entry.type === 'Directory') {
            if (path) mkdirSync(join(dest, path), { recursive: true, mode: 0o755 });
            entry.resume();
            return;
          }
          if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
            throw refused(
              `entry '${entry.path}' is a ${entry.type === 'Link' ? 'hard' : 'symbolic'} link to '${entry.linkpath}'; plugin packages may hold only files and folders`,
            );
          }
          if (!FILE_TYPES.has(entry.type))
            throw refused(`entry '${entry.path}' is a ${entry.type}; plugin packages may hold only files and folders`);
          if (!path) throw refused(`entry '${entry.path}' is a file where the package's top folder should be`);
          if (files.length + 1 > limits.maxFiles) throw refused(`it holds more than ${limits.maxFiles} files (maxFiles)`);
          total += entry.size ?? 0;
          if (total > limits.maxUnpackedBytes)
            throw refused(`its files unpack to more than ${limits.maxUnpackedBytes} bytes (maxUnpackedBytes)`);
          const chunks: Buffer[] = [];
          entry.on('data', (chunk: Buffer) => chunks.push(chunk));
          entry.on('end', () => {
            if (failure) return;
            try {
              const target = join(dest, path);
              mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
              // 'wx': a second entry with the same path is refused instead of overwriting the first.
              writeFileSync(target, Buffer.concat(chunks), { flag: 'wx', mode: (entry.mode ?? 0o644) & 0o111 ? 0o755 : 0o644 });
              files.push(path);
            } catch (error) {
              const code = (error as NodeJS.ErrnoException).code;
              fail(
                refused(
                  code === 'EEXIST'
                    ? `entry '${entry.path}' appears twice`
                    : `entry '${entry.path}' cannot be written (${code ?? error})`,
                ),
              );
            }
          });
        } catch (error) {
          entry.resume();
          fail(error);
        }
      });
      parser.on('error', (error: Error) => reject(failure ?? refused(`it is not a readable tarball (${error.message})`)));
      parser.on('abort', () => reject(failure));
      parser.on('end', () => (failure ? reject(failure) : resolve()));
      parser.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    if (files.length === 0) throw refused('it holds no files');
  } catch (error) {
    rmSync(dest, { recursive: true, force: true });
    throw error;
  }
  return files.sort();
}
