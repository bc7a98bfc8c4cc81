import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createStrategyRunner } from '../index.ts';
import { BARS, backtest, failure, measure } from './hostile-harness.ts';
import { endIdleSessionProcesses } from './session-process-pool.ts';

/** Session processes (children of `parent` running session-process-main.ts), by pid. */
function sessionProcesses(parent = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === parent && /session-process(-main\.ts|-[0-9a-f]+\.mjs)/.test(command)) pids.push(Number(entry));
    } catch {
      // It ended while being read.
    }
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

const ORDINARY = 'if (ctx.barIndex === 2) ctx.buy(1);';

// Each strategy runs in a process of its own; these would abort the whole server if it ran there:
// V8 gives up on the process (a fatal out-of-memory error isolated-vm cannot turn into an exception).
const FATAL_IN_PROCESS: Record<string, string> = {
  'Array.from of 60M elements': 'Array.from({ length: 6e7 }, () => 1);',
  'a 256M-character string split into characters': "'ab'.repeat(2 ** 27).split('');",
  'an array grown element by element': 'const a: number[] = []; for (let i = 0; i < 2e8; i++) a.push(i);',
  'a Map grown without end': 'const m = new Map(); for (let i = 0; ; i++) m.set(i, { i });',
};

describe('sandbox: a strategy can end only its own process', () => {
  afterAll(() => endIdleSessionProcesses());

  for (const [name, body] of Object.entries(FATAL_IN_PROCESS)) {
    it(`ends ${name} with SANDBOX_MEMORY, and the host runs the next backtest`, async () => {
      const run = await measure(() => failure(backtest(`if (ctx.barIndex === 1) { ${body} }`)));
      expect(run.error).toBeUndefined();
      expect(run.value?.code).toBe('SANDBOX_MEMORY');
      expect(run.value?.message).toMatch(/^The strategy used more than its 64 MB memory limit/);
      expect(run.peakRssGrowthMb).toBeLessThan(100);
      const next = await backtest(ORDINARY);
      expect(next.metrics.tradeCount + next.orders.length).toBeGreaterThan(0);
    }, 60_000);
  }

  it('stops memory V8 takes outside the heap limit at the process budget, not at 1.4 GB of the host', async () => {
    const run = await measure(() => failure(backtest('if (ctx.barIndex === 1) new Array(1e8).fill(1.5);')));
    expect(run.value?.code).toBe('SANDBOX_MEMORY');
    expect(run.peakRssGrowthMb).toBeLessThan(100);
  }, 60_000);

  it('kills a session process that stops answering, with SANDBOX_TIMEOUT, shortly after the call limit', async () => {
    const runner = await createStrategyRunner({
      source: `export default defineStrategy({ onBar(ctx) { ${ORDINARY} } });`,
      limits: { batchTimeoutMs: 500 },
    });
    try {
      await runner.start(BARS.time[0]!);
      const [pid] = sessionProcesses().filter((candidate) => alive(candidate));
      // Frozen: neither the isolate's limit nor its own watchdog can act; only the server can.
      for (const candidate of sessionProcesses()) process.kill(candidate, 'SIGSTOP');
      const started = performance.now();
      const error = await failure(runner.push(BARS));
      expect(error.code).toBe('SANDBOX_TIMEOUT');
      expect(performance.now() - started).toBeLessThan(500 + 250 + 2_000 + 1_000);
      expect(pid).toBeDefined();
      expect(await failure(runner.stop())).toBe(error);
    } finally {
      runner.dispose();
      for (const candidate of sessionProcesses()) process.kill(candidate, 'SIGCONT');
      endIdleSessionProcesses();
    }
  }, 30_000);

  it('ends the process of a session the watchdog stopped: no thread is left spinning in the strategy’s getter', async () => {
    endIdleSessionProcesses();
    const hanging = `if (ctx.barIndex === 1) Promise.reject(new Proxy({}, { get() { for (;;) {} } }));`;
    let pids: number[] = [];
    const probe = setInterval(() => {
      pids = [...new Set([...pids, ...sessionProcesses()])];
    }, 20);
    // Several in a row: a process that went back to the pool after one would host the next.
    const getter = `if (ctx.barIndex === 1) Promise.reject(Object.create(Error.prototype, { message: { get() { for (;;) {} } } }));`;
    for (const leave of [hanging, getter]) {
      for (let round = 0; round < 2; round++) {
        const error = await failure(backtest(leave, { limits: { batchTimeoutMs: 300 } }));
        expect(error.code).toBe('SANDBOX_TIMEOUT');
      }
    }
    clearInterval(probe);
    expect(pids.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // What is left is at most the idle process started for the next session, and it is not busy.
    const ticks = (pid: number) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]);
    };
    const left = sessionProcesses().filter(alive);
    const before = left.map(ticks);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [index, pid] of left.entries()) expect(ticks(pid) - before[index]!, `pid ${pid}`).toBeLessThan(10);
    endIdleSessionProcesses();
  }, 30_000);

  it('returns a disposed session’s process to a pool of at most two idle ones, and ending the pool ends them', async () => {
    endIdleSessionProcesses();
    const runners = await Promise.all(
      [1, 2, 3].map(() => createStrategyRunner({ source: `export default defineStrategy({ onBar(ctx) { ${ORDINARY} } });` })),
    );
    const all = sessionProcesses();
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const runner of runners) runner.dispose();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const left = sessionProcesses().filter(alive);
    expect(left.length).toBeLessThanOrEqual(2);
    endIdleSessionProcesses();
    for (const pid of all) expect(await gone(pid)).toBe(true);
  });

  it('gives the next session on a reused process a fresh isolate: nothing of the last strategy is left', async () => {
    endIdleSessionProcesses();
    const first = await backtest(
      `(globalThis as any).left = 'by the first'; Object.defineProperty(Object.prototype, 'planted', { value: 1 }); ${ORDINARY}`,
    );
    expect(first.bars).toBe(BARS.time.length);
    const pidsAfterFirst = sessionProcesses();
    const second = await backtest(
      `if (ctx.barIndex === 0) ctx.log(typeof (globalThis as any).left, typeof ({} as any).planted);`,
    );
    expect(second.logs.map((line) => line.message)).toEqual(['undefined undefined']);
    // The second ran in a process the first had used (the pool's), not in a new one only.
    expect(pidsAfterFirst.length).toBeGreaterThan(0);
  });

  it('gives the session process none of the server’s environment', async () => {
    process.env.NAUTILUS_SECRET_PROBE = 'do not leak';
    endIdleSessionProcesses();
    const runner = await createStrategyRunner({ source: `export default defineStrategy({ onBar(ctx) { ${ORDINARY} } });` });
    try {
      for (const pid of sessionProcesses()) {
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
        expect(environ).not.toContain('do not leak');
        // Only what Node sets up for the IPC channel itself.
        expect(environ.split('\0').filter((line) => line && !line.startsWith('NODE_CHANNEL_'))).toEqual([]);
      }
    } finally {
      runner.dispose();
      delete process.env.NAUTILUS_SECRET_PROBE;
    }
  });

  it('brings a NautilusError across whole: code, message, fields and details', async () => {
    const params = await failure(
      createStrategyRunner({
        source: `export default defineStrategy({ params: { fast: { type: 'integer', default: 5, min: 1 } }, onBar() {} });`,
        params: { fast: 0 },
      }),
    );
    expect(params.code).toBe('VALIDATION');
    expect(params.fields).toEqual([{ path: 'params.fast', message: expect.stringMatching(/>= 1/) }]);
    const slow = await failure(backtest('for (;;) {}', { limits: { batchTimeoutMs: 200 } }));
    expect(slow).toMatchObject({ code: 'SANDBOX_TIMEOUT', details: { scope: 'batch', limitMs: 200 } });
  });

  it('ends the session processes with the server, even when the server is killed with SIGKILL', async () => {
    const runtime = fileURLToPath(new URL('../index.ts', import.meta.url));
    const script = `
      import { createStrategyRunner } from ${JSON.stringify(runtime)};
      const runner = await createStrategyRunner({ source: 'export default defineStrategy({ onBar() {} });' });
      await runner.start(0);
      console.log('ready');
      setInterval(() => {}, 1000);
    `;
    const server = spawn(process.execPath, ['--no-node-snapshot', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      server.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    // The session and, a moment later, the warm spare.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const children = sessionProcesses(server.pid);
    expect(children.length).toBeGreaterThan(0);
    server.kill('SIGKILL');
    for (const pid of children) expect(await gone(pid)).toBe(true);
  }, 30_000);

  it('lets a process that ran a backtest exit on its own: an idle session process or spare holds nothing open', async () => {
    const runtime = fileURLToPath(new URL('../index.ts', import.meta.url));
    const testBars = fileURLToPath(new URL('./test-bars.ts', import.meta.url));
    const script = `
      import { runBacktest } from ${JSON.stringify(runtime)};
      import { dailyBars } from ${JSON.stringify(testBars)};
      await runBacktest({ source: 'export default defineStrategy({ onBar() {} });', bars: dailyBars(5) });
      console.log('done');
    `;
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--no-node-snapshot', '--input-type=module', '-e', script], { stdio: 'inherit' });
      child.once('exit', resolve);
    });
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
