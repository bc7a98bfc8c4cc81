import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

/** A permission change made by {@link tightenDataDir}. */
export interface ModeChange {
  path: string;
  from: number;
  to: number;
}

/** Creates `dir` (and missing parents) readable by this user only, whatever the umask. */
export function makePrivateDir(dir: string): void {
  // mkdir's mode is filtered by the umask and leaves an existing folder alone: tightenDataDir fixes both.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Takes group and other permissions off the data dir, its database (every file and folder under
 * `db`, which hold password and key hashes) and its lock file; returns what it changed. Installed
 * plugins are left as they are (the data dir itself shuts other users out of them), and symbolic links
 * are never followed.
 */
export function tightenDataDir(dataDir: string): ModeChange[] {
  const changes: ModeChange[] = [];
  if (!existsSync(dataDir)) return changes;
  // The data dir may itself be a link to where the data really is: that folder is the one to close.
  dataDir = realpathSync(dataDir);
  tighten(dataDir, changes);
  tighten(join(dataDir, 'nautilus.pid'), changes);
  const db = join(dataDir, 'db');
  if (existsSync(db)) tightenTree(db, changes);
  return changes;
}

/** One line for a log: the first few changes, and how many more there were. */
export function describeModeChanges(changes: ModeChange[], shown = 5): string {
  const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;
  const listed = changes.slice(0, shown).map((change) => `${change.path} ${octal(change.from)} -> ${octal(change.to)}`);
  const more = changes.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}

function tightenTree(dir: string, changes: ModeChange[]): void {
  if (!tighten(dir, changes)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tightenTree(path, changes);
    else if (entry.isFile()) tighten(path, changes);
  }
}

/** Removes group and other bits from one file or folder; false when there is nothing there (or a link). */
function tighten(path: string, changes: ModeChange[]): boolean {
  let mode: number;
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return false;
    mode = stats.mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if ((mode & 0o077) !== 0) {
    chmodSync(path, mode & 0o700);
    changes.push({ path, from: mode, to: mode & 0o700 });
  }
  return true;
}
