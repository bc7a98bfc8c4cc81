import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NautilusError } from '@nautilus/sdk';
import { makePrivateDir } from './data-dir-modes.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Embedded PGlite must be opened by one process at a time: two would corrupt it. Takes
 * `<dataDir>/nautilus.pid`, replacing a lock left by a process that no longer runs.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  makePrivateDir(dataDir);
  const path = join(dataDir, 'nautilus.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new NautilusError(
          'CONFLICT',
          `The data directory ${dataDir} is in use by process ${holder}. Stop that Nautilus first, or point NAUTILUS_DATA_DIR elsewhere.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new NautilusError('CONFLICT', `Could not lock the data directory ${dataDir}`);
}
