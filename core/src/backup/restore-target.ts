import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NautilusError } from '@nautilus/sdk';
import { lockDataDir } from '../db/data-dir-lock.ts';

/** What is in the data dir a restore would replace: nothing, or a database and/or other files. */
export function describeTarget(dataDir: string): 'absent' | 'empty' | 'database' | 'files' {
  if (!existsSync(dataDir)) return 'absent';
  if (existsSync(join(dataDir, 'db'))) return 'database';
  return readdirSync(dataDir).length === 0 ? 'empty' : 'files';
}

/** Refuses a data dir that holds anything unless `force` (which moves it aside at the swap). */
export function checkTarget(dataDir: string, force: boolean): void {
  const state = describeTarget(dataDir);
  if (force || state === 'absent' || state === 'empty') return;
  const what = state === 'database' ? 'a database (db/)' : 'files';
  throw new NautilusError(
    'CONFLICT',
    `The data dir ${dataDir} already holds ${what}: restore into a new or empty one (--data-dir), or add --force to move it aside (it is kept, renamed). Nothing was changed.`,
    { details: { dataDir } },
  );
}

/** A private folder beside the target, where the restored data dir is built before it is renamed into place. */
export function makeRestoreDir(dataDir: string): string {
  mkdirSync(dirname(dataDir), { recursive: true });
  return mkdtempSync(join(dirname(dataDir), `.${basename(dataDir)}.restore-`));
}

/**
 * Puts the restored folder in the target's place. A target holding anything is locked (so a server
 * that started meanwhile makes this refuse) and renamed to `<dataDir>.before-restore-<time>`, never
 * deleted; returns that path.
 */
export function swapIntoPlace(restored: string, dataDir: string): string | undefined {
  const state = describeTarget(dataDir);
  if (state === 'absent') {
    renameSync(restored, dataDir);
    return undefined;
  }
  if (state === 'empty') {
    rmdirSync(dataDir);
    renameSync(restored, dataDir);
    return undefined;
  }
  lockDataDir(dataDir);
  const aside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(dataDir, aside);
  rmSync(join(aside, 'nautilus.pid'), { force: true });
  renameSync(restored, dataDir);
  return aside;
}
