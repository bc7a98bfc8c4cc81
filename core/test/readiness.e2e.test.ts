import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const PASSWORD = 'readiness admin password 77';

async function login(url: string) {
  return fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
}

/**
 * Starts the server on a fresh data dir as a user would, polls `probe` as soon as the port answers
 * (as a client or an orchestrator does), and logs in the moment it answers 200.
 */
async function startPollAndLogin(probe: '/readyz' | '/healthz') {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ready-'));
  const child = spawn(process.execPath, ['--no-node-snapshot', cli, 'start', '--port', '0'], {
    env: { ...process.env, NAUTILUS_DATA_DIR: dataDir, NAUTILUS_ADMIN_PASSWORD: PASSWORD, NAUTILUS_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.resume();
  try {
    const deadline = Date.now() + 90_000;
    let url: string | undefined;
    while (!url) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no URL from the server:\n${stdout}`);
      url = /"url":"(http:\/\/[^"]+)","msg":"Nautilus is starting"/.exec(stdout)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const whileStarting: { readyz: unknown[]; login?: Response; loginBody?: any; healthz?: number } = { readyz: [] };
    for (;;) {
      if (Date.now() > deadline) throw new Error(`never ready:\n${stdout}`);
      try {
        const answer = await fetch(`${url}${probe}`);
        if (answer.status === 200) break;
        expect(answer.status).toBe(503);
        const readyz = await fetch(`${url}/readyz`);
        if (readyz.status === 503) whileStarting.readyz.push(await readyz.json());
        if (!whileStarting.login) {
          // An impatient client: its calls are refused with Retry-After, not failed as if it were wrong.
          // Kept only when all three answered while starting (a dropped connection leaves them for the next round).
          const early = await login(url);
          const loginBody = await early.json();
          const healthz = (await fetch(`${url}/healthz`)).status;
          if (early.status === 503 && healthz === 503) Object.assign(whileStarting, { login: early, loginBody, healthz });
        }
      } catch (error) {
        // Start-up work (PGlite runs in this process) can hold the event loop for seconds, and a kept-alive
        // connection may be dropped meanwhile: like any prober, the client takes that as "not ready yet".
        if (!(error instanceof TypeError && error.message === 'fetch failed')) throw error;
      }
    }
    const loggedIn = await login(url);
    return { loggedIn: { status: loggedIn.status, body: (await loggedIn.json()) as any }, whileStarting };
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('readiness', () => {
  it('a client that polls /readyz (or /healthz) and logs in the moment it answers 200 always gets in (three fresh starts)', async () => {
    for (const [start, probe] of (['/readyz', '/healthz', '/readyz'] as const).entries()) {
      const { loggedIn, whileStarting } = await startPollAndLogin(probe);
      expect(loggedIn.status, `start ${start}`).toBe(200);
      expect(loggedIn.body.result.data.user).toMatchObject({ username: 'admin', role: 'admin' });

      // Start-up on a fresh data dir (migrations, first admin) takes long enough to be seen starting.
      expect(whileStarting.readyz.length, `start ${start}`).toBeGreaterThan(0);
      for (const answer of whileStarting.readyz) {
        expect(answer).toMatchObject({ status: 'starting', pending: expect.arrayContaining(['first admin']) });
      }
      expect(whileStarting.login?.status).toBe(503);
      expect(whileStarting.login?.headers.get('retry-after')).toBe('1');
      expect(whileStarting.loginBody.error.data.nautilus.code).toBe('UNAVAILABLE');
      expect(whileStarting.healthz).toBe(503);
    }
  }, 300_000);
});
