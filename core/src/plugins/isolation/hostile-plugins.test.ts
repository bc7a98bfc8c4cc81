import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TableFrame } from '@nautilus/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory-bus.ts';
import { PluginHost, type PluginStatus } from '../plugin-host.ts';
import { networkNamespaceAvailable } from './enforcement.ts';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/hostile-plugins', import.meta.url));
const range = { from: 0, to: 1 };
const request = { params: {}, range, maxPoints: 10 };

/** How late a 10 ms timer fires on this thread: what every other request of the server would wait. */
function lagProbe(): { stop(): { p99: number; max: number; samples: number } } {
  const lateness: number[] = [];
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    lateness.push(Math.max(0, now - expected));
    expected = now + 10;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      const sorted = [...lateness].sort((a, b) => a - b);
      return { p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0, max: sorted.at(-1) ?? 0, samples: sorted.length };
    },
  };
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('hostile plugins in their own processes', () => {
  let host: PluginHost;
  let dataRoot: string;
  let probe: ReturnType<typeof lagProbe>;
  const status = (id: string): PluginStatus | undefined => host.list().find((item) => item.id === id);

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), 'nautilus-hostile-'));
    probe = lagProbe();
    host = new PluginHost({
      coreVersion: '0.1.0',
      folders: [{ dir: fixtures, source: 'extra' }],
      logger: pino({ level: 'silent' }),
      bus: new MemoryBus(),
      pluginConfig: {},
      readSecret: () => undefined,
      setupTimeoutMs: 3_000,
      // Generous for a loaded machine (plugin processes run at a lower priority); a spin is still cut at 3 s + 1 s.
      callTimeoutMs: 3_000,
      fetchTimeoutMs: 500,
      isolation: { policy: 'third-party', memoryMb: 64, dataRoot },
    });
    await host.loadAll();
  }, 30_000);

  afterAll(async () => {
    await host.teardown();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('marks a plugin that spins the CPU in setup failed with a timeout, and loads the others', () => {
    expect(status('spin-setup')?.state ?? status('hostile.spin-setup')?.state).toBe('failed');
    const failed = host.list().find((item) => item.dir.endsWith('spin-setup'));
    expect(failed?.error?.code).toBe('PLUGIN_TIMEOUT');
    expect(failed?.error?.message).toMatch(/setup did not finish within 3000 ms/);
    expect(status('hostile.spin-query')).toMatchObject({ state: 'active', isolation: { mode: 'process' } });
  });

  it('stops a query that spins, kills the process and restarts it', async () => {
    const before = (await host.query('hostile.spin-query/ok', request))[0];
    const started = performance.now();
    await expect(host.query('hostile.spin-query/spin', request)).rejects.toMatchObject({ code: 'PLUGIN_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(5_000);
    await until(() => status('hostile.spin-query')?.state === 'failed');
    expect(status('hostile.spin-query')?.error?.message).toMatch(/did not stop within 1000 ms of a cancelled call/);
    await until(() => status('hostile.spin-query')?.state === 'active');
    const after = (await host.query('hostile.spin-query/ok', request))[0];
    // A new process: its setup ran again.
    expect(after).not.toEqual(before);
    expect(status('hostile.spin-query')?.restarts).toBe(1);
  });

  it('stops a plugin that eats memory at its heap cap and restarts it', async () => {
    await expect(host.query('hostile.memory-hog/leak', request)).rejects.toMatchObject({ code: 'PLUGIN_FAILED' });
    await until(() => status('hostile.memory-hog')?.state === 'failed');
    expect(status('hostile.memory-hog')?.error?.message).toMatch(/ran out of memory \(its heap is capped at 64 MB\)/);
    await until(() => status('hostile.memory-hog')?.state === 'active');
    expect(await host.query('hostile.memory-hog/ok', request)).toEqual([{ kind: 'scalar', value: 0 }]);
  });

  it('reports process.exit with its code and restarts the plugin', async () => {
    await expect(host.query('hostile.exits/exit', request)).rejects.toMatchObject({
      code: 'PLUGIN_FAILED',
      message: expect.stringMatching(/exited with code 3/),
    });
    await until(() => status('hostile.exits')?.state === 'active');
    expect((await host.query('hostile.exits/ok', request))[0]).toMatchObject({ kind: 'scalar' });
  });

  it('reports an uncaught exception in a callback with its message and restarts the plugin', async () => {
    expect(await host.query('hostile.crash-callback/crash', request)).toEqual([{ kind: 'scalar', value: 2 }]);
    await until(() => status('hostile.crash-callback')?.state === 'failed');
    expect(status('hostile.crash-callback')?.error?.message).toMatch(/boom in a timer/);
    await until(() => status('hostile.crash-callback')?.state === 'active');
  });

  it('confines files, processes, environment and network', async () => {
    const outside = fileURLToPath(new URL('../../../package.json', import.meta.url));
    const [table] = (await host.query('hostile.escape/attempts', {
      ...request,
      params: { outside, redis: 6379 },
    })) as TableFrame[];
    const outcome = Object.fromEntries((table?.rows ?? []).map(([name, result]) => [name, String(result)]));
    expect(outcome['read /etc/passwd']).toMatch(/^refused: ERR_ACCESS_DENIED/);
    expect(outcome['read outside file']).toMatch(/^refused: ERR_ACCESS_DENIED/);
    expect(outcome['write /tmp']).toMatch(/^refused: ERR_ACCESS_DENIED/);
    expect(outcome['write data dir']).toBe('allowed: mine');
    // Its data folder is named after its folder (or the id its package.json declares, for installed packages).
    expect(readFileSync(join(dataRoot, 'escape', 'note.txt'), 'utf8')).toBe('mine');
    expect(outcome['spawn a process']).toMatch(/^refused: ERR_ACCESS_DENIED/);
    expect(outcome['start a worker']).toMatch(/^refused: ERR_ACCESS_DENIED/);
    expect(outcome.environment).toBe('allowed: []');
    expect(outcome['ctx.fetch undeclared host']).toMatch(/^refused: FORBIDDEN/);
    const network = status('hostile.escape')?.isolation?.parts.find((part) => part.part === 'network');
    if (networkNamespaceAvailable()) {
      expect(network?.enforced).toBe(true);
      expect(outcome['connect to redis']).toMatch(/^refused: (ENETUNREACH|ECONNREFUSED)/);
      expect(outcome['global fetch']).toMatch(/^refused:/);
    } else {
      // Where the OS cannot confine the network, the status says so rather than pretending.
      expect(network).toMatchObject({ enforced: false });
    }
  });

  it('kept the host thread answering throughout (timer lag p99 under 100 ms)', () => {
    const lag = probe.stop();
    expect(lag.samples).toBeGreaterThan(50);
    expect(lag.p99).toBeLessThan(100);
  });
});
