import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Not copied: the database (a part of its own) and the lock of the process holding it. */
const SKIPPED = new Set(['db', 'nautilus.pid']);

/**
 * The data dir's files a backup carries besides the database: `secrets.key`, installed plugin
 * packages (`plugins/`), plugin data (`plugin-data/`) and anything else there, as paths relative to
 * the data dir. Symbolic links are not followed and reported in `skipped`; so are files in `exclude`.
 */
export function listDataDirFiles(dataDir: string, exclude: string[] = []): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const excluded = new Set(exclude.map((path) => resolve(path)));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const rel = relative(dataDir, path).split('\\').join('/');
      if (dir === dataDir && SKIPPED.has(entry.name)) continue;
      if (excluded.has(resolve(path)) || entry.name.endsWith('.tmp')) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(rel);
      else skipped.push(rel);
    }
  };
  if (existsSync(dataDir)) walk(dataDir);
  return { files, skipped };
}

/** Copies the listed data-dir files into `stageDir/data/`; returns each with its permission bits. */
export function stageDataDirFiles(dataDir: string, files: string[], stageDir: string): { path: string; mode: number }[] {
  return files.map((rel) => {
    const target = join(stageDir, 'data', rel);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    copyFileSync(join(dataDir, rel), target);
    return { path: `data/${rel}`, mode: lstatSync(join(dataDir, rel)).mode & 0o777 };
  });
}

/** Writes a backup's `data/…` parts into `dir` (a new data dir), with their modes less group and other write. */
export function writeDataDirFiles(
  dir: string,
  parts: { path: string; mode?: number }[],
  bytesOf: (path: string) => Buffer,
): void {
  for (const part of parts) {
    if (!part.path.startsWith('data/')) continue;
    const target = join(dir, part.path.slice('data/'.length));
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, bytesOf(part.path), { flag: 'wx', mode: (part.mode ?? 0o600) & 0o755 });
  }
}
