import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { packFolder } from '../src/plugins/install/pack-folder.ts';
import { startServerProcess } from '../src/testing/server-process.ts';
import { ticksFolder } from './plugin-packages.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'nautilus-plugins-cli-'));
const dataDir = join(scratch, 'data');
const run = promisify(execFile);

/** Runs `nautilus plugins …` on the embedded database of `dataDir`, stdin closed (no terminal to ask on). */
async function plugins(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--no-node-snapshot', cli, 'plugins', ...args], {
      env: { ...process.env, NAUTILUS_DATA_DIR: dataDir, NAUTILUS_LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('nautilus plugins install, keygen, sign, trust, uninstall', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('signs a folder, installs it after showing its permissions, and the server loads it at start', async () => {
    const folder = ticksFolder();
    const keyFile = join(scratch, 'release.pem');
    const keygen = await plugins('keygen', 'release', '--out', keyFile);
    expect(keygen.code, keygen.stderr).toBe(0);
    const publicKey = /public key: +(ed25519:\S+)/.exec(keygen.stdout)?.[1] as string;
    expect(publicKey).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    expect((await plugins('keygen', 'release', '--out', keyFile)).code, 'never overwrites a key').toBe(1);

    const signed = await plugins('sign', folder, '--key', keyFile);
    expect(signed.stdout).toMatch(/^signed 3 files with key [0-9a-f]{16} into nautilus-signature.json/);
    expect((await plugins('trust', 'release', publicKey)).stdout).toMatch(/^trusted release \([0-9a-f]{16}\)/);

    // No terminal and no --yes: it shows what the plugin declares and installs nothing.
    const asked = await plugins('install', folder);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain('ACME ticks (acme.ticks@1.0.0, package @acme/nautilus-ticks)');
    expect(asked.stdout).toContain('network hosts: api.acme.example');
    expect(asked.stdout).toContain('signature:     signed by release');
    expect(asked.stdout).toContain('Not installed');

    const installed = await plugins('install', folder, '--yes');
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('installed acme.ticks@1.0.0');

    // `plugins list` loads installed plugins as the server does: approved ones, from the database.
    expect((await plugins('list')).stdout).toMatch(/^active {2}acme\.ticks@1\.0\.0 {2}\(installed\)/m);

    const server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir, NAUTILUS_ADMIN_PASSWORD: 'a long enough password' });
    try {
      // /readyz answers as the server logs that it listens; wait for that line, which lists the plugins' states.
      const deadline = Date.now() + 15_000;
      while (!server.output().includes('Nautilus is listening') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(server.output()).toContain('acme.ticks:active');
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('refuses a tarball whose integrity is not the one given', async () => {
    const tarball = join(scratch, 'ticks-2.0.0.tgz');
    writeFileSync(tarball, await packFolder(ticksFolder({ version: '2.0.0' })));
    const refused = await plugins('install', tarball, '--integrity', `sha512-${'A'.repeat(86)}==`, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('does not match its expected integrity');
  }, 60_000);

  it('lists what uses a plugin and uninstalls it', async () => {
    const removed = await plugins('uninstall', 'acme.ticks', '--yes');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('Nothing uses it.');
    expect(removed.stdout).toContain('uninstalled acme.ticks');
    expect((await plugins('uninstall', 'acme.ticks', '--yes')).stderr).toContain('NOT_FOUND: Plugin acme.ticks is not installed');
  }, 60_000);
});
