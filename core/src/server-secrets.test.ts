import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TableFrame } from '@nautilus/sdk';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from './bus/memory-bus.ts';
import { loadConfig } from './config.ts';
import { loadPlugins } from './server.ts';
import { isServerSecret, removeServerSecrets, takeHandedOverSecrets } from './server-secrets.ts';

const THIRD_PARTY = fileURLToPath(new URL('../test/fixtures/third-party-plugins', import.meta.url));
const range = { from: 0, to: 1 };

describe('the server secrets', () => {
  const set: string[] = [];
  afterEach(() => {
    for (const name of set.splice(0)) delete process.env[name];
  });
  const setEnv = (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) {
      process.env[name] = value;
      set.push(name);
    }
  };

  it('are the bootstrap password, every NAUTILUS_SECRET_* and the database and Redis URLs', () => {
    for (const name of ['NAUTILUS_ADMIN_PASSWORD', 'NAUTILUS_SECRET_X', 'NAUTILUS_SECRET_', 'DATABASE_URL', 'REDIS_URL']) {
      expect(isServerSecret(name), name).toBe(true);
    }
    for (const name of ['NAUTILUS_DATA_DIR', 'NAUTILUS_SECRETS', 'PATH', 'HOME', 'NAUTILUS_PORT'])
      expect(isServerSecret(name), name).toBe(false);
    const env = { NAUTILUS_ADMIN_PASSWORD: 'p', NAUTILUS_SECRET_A: 'a', DATABASE_URL: 'postgres://u:p@h/d', PATH: '/bin' };
    expect(removeServerSecrets(env).sort()).toEqual(['DATABASE_URL', 'NAUTILUS_ADMIN_PASSWORD', 'NAUTILUS_SECRET_A']);
    expect(env).toEqual({ PATH: '/bin' });
  });

  it('leave process.env before any plugin loads, while a plugin still gets its declared secret through ctx.secrets', async () => {
    setEnv({
      NAUTILUS_ADMIN_PASSWORD: 'in-process bootstrap 123',
      NAUTILUS_SECRET_PROBE_TOKEN: 'in-process-token',
      NAUTILUS_SECRET_OTHER: 'in-process-other',
      REDIS_URL: 'redis://:redis-password@127.0.0.1:6399',
    });
    const config = loadConfig(process.env);
    config.pluginFolders = [{ dir: THIRD_PARTY, source: 'extra' }];
    expect(config.secrets).toEqual({ PROBE_TOKEN: 'in-process-token', OTHER: 'in-process-other' });
    const host = await loadPlugins(config, pino({ level: 'silent' }), new MemoryBus(), {
      acquire: async () => ({ unavailable: 'no GPU in this test' }),
    });
    try {
      for (const name of ['NAUTILUS_ADMIN_PASSWORD', 'NAUTILUS_SECRET_PROBE_TOKEN', 'NAUTILUS_SECRET_OTHER', 'REDIS_URL']) {
        expect(process.env[name], name).toBeUndefined();
      }
      const needles = ['in-process bootstrap 123', 'in-process-token', 'in-process-other', 'redis-password', 'NAUTILUS_SECRET_'];
      const [frame] = (await host.query('test.env-probe/probe', { params: { needles }, range, maxPoints: 10 })) as TableFrame[];
      expect(frame?.rows).toEqual([
        ['setup', ''],
        ['query', ''],
        ['ctx.secrets.get(PROBE_TOKEN)', 'in-process-token'],
      ]);
    } finally {
      await host.teardown();
    }
  });

  it('are taken back only from a hand-over file of its own, which is then deleted', () => {
    const root = mkdtempSync(join(tmpdir(), 'handover-'));
    try {
      // A file named by the variable but not written by a re-execution: neither read nor deleted.
      const foreign = join(root, 'notes.json');
      writeFileSync(foreign, JSON.stringify({ NAUTILUS_ADMIN_PASSWORD: 'planted password 1' }), { mode: 0o600 });
      setEnv({ NAUTILUS_SECRETS_HANDOFF: foreign });
      takeHandedOverSecrets();
      expect(process.env.NAUTILUS_ADMIN_PASSWORD).toBeUndefined();
      expect(process.env.NAUTILUS_SECRETS_HANDOFF).toBeUndefined();

      const dir = join(root, 'nautilus-secrets-test');
      mkdirSync(dir, { mode: 0o700 });
      const file = join(dir, 'secrets.json');
      writeFileSync(file, JSON.stringify({ NAUTILUS_ADMIN_PASSWORD: 'handed over 42', PATH: '/evil' }), { mode: 0o600 });
      setEnv({ NAUTILUS_SECRETS_HANDOFF: file, NAUTILUS_ADMIN_PASSWORD: '' });
      const path = process.env.PATH;
      takeHandedOverSecrets();
      expect(process.env.NAUTILUS_ADMIN_PASSWORD).toBe('handed over 42');
      expect(process.env.PATH).toBe(path);
      expect(() => rmSync(dir)).toThrow(/ENOENT/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
