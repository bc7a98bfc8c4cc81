import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';
import { describeModeChanges, tightenDataDir } from './data-dir-modes.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `dir` with its mode. */
function modes(dir: string): [string, number][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return [path, mode(path)];
  });
}

describe('data dir permissions', () => {
  const made: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-modes-'));
    made.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data dir 0700 and the lock file 0600 even with an umask of 0', () => {
    const dataDir = join(temp(), 'nested', '.nautilus');
    const umask = process.umask(0);
    try {
      const unlock = lockDataDir(dataDir);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'nautilus.pid'))).toBe(0o600);
      unlock();
    } finally {
      process.umask(umask);
    }
  });

  it('takes group and other access off the data dir and everything in its database, and says what changed', () => {
    const dataDir = temp();
    mkdirSync(join(dataDir, 'db', 'base', '1'), { recursive: true });
    writeFileSync(join(dataDir, 'db', 'base', '1', '1259'), 'rows');
    writeFileSync(join(dataDir, 'db', 'PG_VERSION'), '17');
    writeFileSync(join(dataDir, 'nautilus.pid'), '1');
    for (const path of [dataDir, join(dataDir, 'db'), join(dataDir, 'db', 'base'), join(dataDir, 'db', 'base', '1')])
      chmodSync(path, 0o777);
    for (const path of [
      join(dataDir, 'db', 'base', '1', '1259'),
      join(dataDir, 'db', 'PG_VERSION'),
      join(dataDir, 'nautilus.pid'),
    ])
      chmodSync(path, 0o666);
    chmodSync(join(dataDir, 'db', 'PG_VERSION'), 0o640);

    const changes = tightenDataDir(dataDir);
    expect(changes).toContainEqual({ path: dataDir, from: 0o777, to: 0o700 });
    expect(changes).toContainEqual({ path: join(dataDir, 'db', 'base', '1', '1259'), from: 0o666, to: 0o600 });
    expect(changes).toContainEqual({ path: join(dataDir, 'db', 'PG_VERSION'), from: 0o640, to: 0o600 });
    expect(changes).toHaveLength(7);
    expect(mode(dataDir)).toBe(0o700);
    for (const [path, found] of modes(join(dataDir, 'db'))) expect(found & 0o077, path).toBe(0);
    expect(describeModeChanges(changes, 1)).toBe(`${dataDir} 0777 -> 0700 and 6 more`);
    expect(tightenDataDir(dataDir)).toEqual([]);
  });

  it('leaves installed plugins and anything a link points to alone', () => {
    const dataDir = temp();
    const elsewhere = temp();
    chmodSync(elsewhere, 0o755);
    mkdirSync(join(dataDir, 'plugins', 'acme'), { recursive: true });
    chmodSync(join(dataDir, 'plugins', 'acme'), 0o755);
    mkdirSync(join(dataDir, 'db'));
    symlinkSync(elsewhere, join(dataDir, 'db', 'linked'));
    tightenDataDir(dataDir);
    expect(mode(join(dataDir, 'plugins', 'acme'))).toBe(0o755);
    expect(mode(elsewhere)).toBe(0o755);
  });

  it('changes nothing where there is no data dir yet', () => {
    expect(tightenDataDir(join(temp(), 'missing'))).toEqual([]);
  });
});
