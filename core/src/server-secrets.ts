import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * Environment variables that hold the server's own secrets: the bootstrap password, plugin secrets,
 * and the database and Redis URLs (which may carry passwords). Plugins run inside the server process
 * (until they are isolated), so these are read once into the configuration and then removed.
 * (PGPASSWORD is not among them: the pg driver reads it again for every connection it opens.)
 */
export function isServerSecret(name: string): boolean {
  return (
    name === 'NAUTILUS_ADMIN_PASSWORD' ||
    name === 'NAUTILUS_SECRETS_KEY' ||
    name.startsWith('NAUTILUS_SECRET_') ||
    name === 'DATABASE_URL' ||
    name === 'REDIS_URL'
  );
}

/** Deletes every server secret from `env` (the process environment by default); returns the names removed. */
export function removeServerSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = Object.keys(env).filter(isServerSecret);
  for (const name of names) delete env[name];
  return names;
}

const HANDOFF_VARIABLE = 'NAUTILUS_SECRETS_HANDOFF';
const HANDOFF_PREFIX = 'nautilus-secrets-';
const HANDOFF_FILE = 'secrets.json';
/** Set once this process image was started by a re-execution: its environment holds no secrets. */
let reexecuted = false;

/**
 * Deleting a variable from `process.env` does not erase the environment the process started with:
 * on Linux it stays readable in /proc/self/environ. When the environment holds server secrets, this
 * re-executes the same command (same pid, same arguments) without them, handing them over in a file
 * only this user can read, which {@link takeHandedOverSecrets} reads and deletes first thing. Returns
 * (without re-executing) when there is nothing to hide or the platform cannot re-execute.
 */
export function reexecWithoutSecrets(): void {
  if (reexecuted || typeof process.execve !== 'function') return;
  const names = Object.keys(process.env).filter(isServerSecret);
  if (names.length === 0) return;
  const secrets = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  // Memory-backed where there is one, so the handed-over secrets never reach a disk.
  const root = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(root, HANDOFF_PREFIX));
    const file = join(dir, HANDOFF_FILE);
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
    const env: NodeJS.ProcessEnv = { ...process.env, [HANDOFF_VARIABLE]: file };
    removeServerSecrets(env);
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], env);
  } catch {
    // Cannot re-execute here (a restricted platform): the secrets are still removed from process.env later.
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Takes back the secrets {@link reexecWithoutSecrets} handed over, into `process.env`, and deletes their file. */
export function takeHandedOverSecrets(): void {
  const file = process.env[HANDOFF_VARIABLE];
  if (!file) return;
  delete process.env[HANDOFF_VARIABLE];
  const dir = dirname(file);
  // Only a file this process's re-execution wrote: never read or delete anything else named here.
  if (basename(file) !== HANDOFF_FILE || !basename(dir).startsWith(HANDOFF_PREFIX)) return;
  let text: string;
  try {
    const stats = statSync(file);
    if (stats.uid !== process.getuid?.() || (stats.mode & 0o077) !== 0) return;
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  reexecuted = true;
  try {
    const secrets = JSON.parse(text) as Record<string, unknown>;
    for (const [name, value] of Object.entries(secrets)) {
      if (isServerSecret(name) && typeof value === 'string') process.env[name] = value;
    }
  } catch {
    // A hand-over that is not JSON leaves the configuration without those secrets, as if unset.
  }
}
