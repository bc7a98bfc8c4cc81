import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { NautilusError } from '@nautilus/sdk';
import { create, Parser, type ReadEntry } from 'tar';
import { type BackupManifest, type BackupPart, checkManifest, unreadableBackup } from './backup-manifest.ts';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes a backup file: a gzip tarball whose first entry is `manifest.json`, then every part, read
 * from `stageDir/<part path>`. Written to a 0600 temp file beside `file`, then renamed over it, so a
 * failed backup never leaves half a file under the name asked for.
 */
export async function writeBackupFile(
  file: string,
  stageDir: string,
  manifest: Omit<BackupManifest, 'parts'>,
  parts: { path: string; mode?: number }[],
): Promise<BackupManifest> {
  const described: BackupPart[] = parts.map((part) => {
    const bytes = readFileSync(join(stageDir, part.path));
    return {
      path: part.path,
      bytes: bytes.length,
      sha256: sha256(bytes),
      ...(part.mode === undefined ? {} : { mode: part.mode }),
    };
  });
  const full: BackupManifest = { ...manifest, parts: described };
  writeFileSync(join(stageDir, 'manifest.json'), `${JSON.stringify(full, null, 2)}\n`);
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // Created 0600 before tar opens it: the file holds the secrets key and password hashes.
  writeFileSync(temp, '', { mode: 0o600, flag: 'wx' });
  try {
    await create({ gzip: true, file: temp, cwd: stageDir, portable: true }, ['manifest.json', ...described.map((p) => p.path)]);
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return full;
}

/** A backup file read whole and checked: its manifest, and every part's bytes (sizes and sha256 verified). */
export interface VerifiedBackup {
  manifest: BackupManifest;
  parts: Map<string, Buffer>;
}

/**
 * Reads the whole backup file and checks it before anything is restored: gzip intact (its CRC catches a
 * changed or missing byte), `manifest.json` first, a format version this code reads, and each part
 * present once, of the listed size and sha256, with nothing unlisted. Throws VALIDATION naming the fault.
 */
export async function readBackupFile(file: string): Promise<VerifiedBackup> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new NautilusError('NOT_FOUND', `No backup file at ${file}`);
  const packed = readFileSync(file);
  if (packed.length < 2 || packed[0] !== 0x1f || packed[1] !== 0x8b) {
    throw unreadableBackup(file, 'it is not a Nautilus backup (not gzip-compressed)');
  }
  let tarBytes: Buffer;
  try {
    tarBytes = gunzipSync(packed);
  } catch (error) {
    const truncated = (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
    throw unreadableBackup(
      file,
      truncated ? 'it is truncated (the compressed data ends early)' : `it is corrupt (${(error as Error).message})`,
      error,
    );
  }
  const entries = await readTarEntries(file, tarBytes);
  const first = entries[0];
  if (first?.path !== 'manifest.json') throw unreadableBackup(file, 'it does not start with manifest.json');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(first.bytes.toString('utf8'));
  } catch (error) {
    throw unreadableBackup(file, 'its manifest.json is not JSON', error);
  }
  const manifest = checkManifest(file, manifestJson);
  const parts = new Map<string, Buffer>();
  for (const entry of entries.slice(1)) {
    if (parts.has(entry.path)) throw unreadableBackup(file, `the entry '${entry.path}' appears twice`);
    parts.set(entry.path, entry.bytes);
  }
  const listed = new Set(manifest.parts.map((part) => part.path));
  for (const path of parts.keys()) {
    if (!listed.has(path)) throw unreadableBackup(file, `it holds an entry '${path}' its manifest does not list`);
  }
  for (const part of manifest.parts) {
    const bytes = parts.get(part.path);
    if (!bytes) throw unreadableBackup(file, `the part '${part.path}' listed in its manifest is missing`);
    if (bytes.length !== part.bytes) {
      throw unreadableBackup(file, `the part '${part.path}' is ${bytes.length} bytes, the manifest says ${part.bytes}`);
    }
    if (sha256(bytes) !== part.sha256) {
      throw unreadableBackup(file, `the part '${part.path}' does not match its sha256 in the manifest`);
    }
  }
  return { manifest, parts };
}

async function readTarEntries(file: string, tarBytes: Buffer): Promise<{ path: string; bytes: Buffer }[]> {
  const entries: { path: string; bytes: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    let failure: NautilusError | undefined;
    const parser = new Parser({ strict: true });
    parser.on('entry', (entry: ReadEntry) => {
      if (entry.type !== 'File' && entry.type !== 'OldFile') {
        failure ??= unreadableBackup(file, `it holds '${entry.path}', a ${entry.type}; a backup holds only files`);
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => entries.push({ path: entry.path, bytes: Buffer.concat(chunks) }));
    });
    parser.on('error', (error: Error) =>
      reject(failure ?? unreadableBackup(file, `it is not a readable tarball (${error.message})`, error)),
    );
    parser.on('end', () => (failure ? reject(failure) : resolve()));
    parser.end(tarBytes);
  });
  return entries;
}
