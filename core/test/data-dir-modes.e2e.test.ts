import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Everything in `dir` that a group or other users could open, with its mode in octal. */
function openToOthers(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => join(entry.parentPath, entry.name));
  return [dir, ...entries].filter((path) => (mode(path) & 0o077) !== 0).map((path) => `${path} ${mode(path).toString(8)}`);
}

describe('the data dir is private to the user running Nautilus', () => {
  const root = mkdtempSync(join(tmpdir(), 'nautilus-modes-e2e-'));
  const dataDir = join(root, 'data');
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('is created 0700 with no file a group or other users can read, even under an umask of 0', async () => {
    const umask = process.umask(0);
    try {
      // The server process inherits this umask, the most permissive there is.
      server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir });
    } finally {
      process.umask(umask);
    }
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'db'))).toBe(0o700);
    expect(mode(join(dataDir, 'nautilus.pid'))).toBe(0o600);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(await server.stop()).toBe(0);
    expect(openToOthers(dataDir)).toEqual([]);
  }, 90_000);

  it('tightens a data dir left open to everyone at the next start, and logs what it changed', async () => {
    const file = join(dataDir, 'db', 'PG_VERSION');
    chmodSync(dataDir, 0o777);
    chmodSync(join(dataDir, 'db'), 0o777);
    chmodSync(file, 0o666);
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir });
    const logged = server
      .output()
      .split('\n')
      .filter((line) => line.includes('tightened permissions'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; changed: number });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe(40);
    expect(logged[0]?.changed).toBe(3);
    expect(logged[0]?.msg).toContain(`${dataDir} 0777 -> 0700`);
    expect(logged[0]?.msg).toContain(`${join(dataDir, 'db')} 0777 -> 0700`);
    expect(logged[0]?.msg).toContain(`${file} 0666 -> 0600`);
    expect(openToOthers(dataDir)).toEqual([]);
  }, 90_000);
});
