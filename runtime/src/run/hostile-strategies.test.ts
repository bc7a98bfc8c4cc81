import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { type BacktestOptions, createStrategyRunner, runBacktest } from '../index.ts';
import { dailyBars } from './test-bars.ts';

const BARS = dailyBars(20);

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${typeof value}`);
    },
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw error;
  return error;
}

/** A sandboxed backtest of a strategy whose onBar body is `body`. */
function backtest(body: string, options: Partial<BacktestOptions> = {}) {
  return runBacktest({ source: `export default defineStrategy({ onBar(ctx) {\n${body}\n} });`, bars: BARS, ...options });
}

describe('sandbox: hostile strategies', () => {
  it('stops an endless loop with SANDBOX_TIMEOUT while the host event loop keeps running', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const error = await failure(backtest('for (;;) {}', { limits: { batchTimeoutMs: 300 } }));
    clearInterval(timer);
    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(error.message).toContain('300 ms limit for one batch');
    expect(performance.now() - started).toBeLessThan(5_000);
    // The loop ran on the isolate's thread; the host served its timers meanwhile.
    expect(ticks).toBeGreaterThan(10);
  });

  it('stops an endless loop in the top-level code of the file', async () => {
    const error = await failure(
      runBacktest({
        source: 'while (true) {}\nexport default defineStrategy({ onBar() {} });',
        bars: BARS,
        limits: { batchTimeoutMs: 200 },
      }),
    );
    expect(error.code).toBe('SANDBOX_TIMEOUT');
  });

  it('stops a run that uses up its CPU budget over many batches', async () => {
    const error = await failure(
      runBacktest({
        source:
          'export default defineStrategy({ onBar(ctx) { let x = 0; for (let i = 0; i < 2e6; i++) x += i; ctx.state.x = x; } });',
        bars: dailyBars(2_000),
        batchBars: 10,
        limits: { runCpuMs: 300, batchTimeoutMs: 10_000 },
      }),
    );
    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(error.details).toMatchObject({ scope: 'run', limitMs: 300 });
  });

  it('kills a memory bomb with SANDBOX_MEMORY; the next run is unaffected', async () => {
    const error = await failure(
      backtest('const hoard = []; for (;;) hoard.push(new Array(100_000).fill(ctx.barIndex));', { limits: { memoryMb: 16 } }),
    );
    expect(error.code).toBe('SANDBOX_MEMORY');
    expect(error.message).toContain('16 MB');
    const next = await backtest('ctx.state.ok = true;');
    expect(next.bars).toBe(20);
  });

  it('reports endless recursion as a clear error at its line', async () => {
    const error = await failure(
      runBacktest({
        source:
          'function dive(n: number): number {\n  return dive(n + 1) + 1;\n}\nexport default defineStrategy({ onBar() { dive(0); } });',
        bars: BARS,
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(
      /^The strategy threw RangeError in onBar, at bar 0 \(2024-01-01T00:00:00.000Z\), line 2, column \d+: Maximum call stack size exceeded \(endless or too deep recursion\)$/,
    );
  });

  it('reaches nothing of the host through constructors, prototypes or stack traces', async () => {
    const result = await backtest(`
      if (ctx.barIndex > 0) return;
      const probe = (name: string, read: () => unknown) => {
        try { ctx.log(name, String(read())); } catch (error) { ctx.log(name, 'threw', (error as Error).name); }
      };
      probe('process', () => typeof (globalThis as any).process);
      probe('require', () => typeof (globalThis as any)['req' + 'uire']);
      probe('ctor', () => (ctx as any).constructor.constructor('return typeof process + typeof require + typeof module')());
      probe('bar ctor', () => (ctx.bar as any).constructor.constructor('return this')() === globalThis);
      probe('fn this', () => (function () { return this; })());
      probe('globals', () => Object.getOwnPropertyNames(globalThis).filter((name) => /^(process|require|module|Buffer|setTimeout|setImmediate|fetch|WebAssembly|SharedArrayBuffer|Atomics)$/.test(name)).join('|') || 'none');
      probe('proto', () => { (ctx as any).__proto__.polluted = 'yes'; Object.prototype.hostile = true; return ({} as any).polluted; });
      probe('frames', () => {
        (Error as any).prepareStackTrace = (_error: Error, frames: any[]) => frames.map((frame) => String(frame.getFileName()));
        const files = new Error().stack as unknown as string[];
        return [...new Set(files)].join(',');
      });
      probe('import.meta', () => typeof (globalThis as any).import);
      probe('proxy', () => {
        const spy = new Proxy({}, { get: (_target, key) => String(key) });
        return (spy as any).anything;
      });
      probe('symbol', () => typeof Symbol.for('nodejs.util.inspect.custom'));
      probe('clock', () => [Date.now(), new Date().valueOf(), (globalThis as any).Date.now(), new ((new Date() as any).constructor)().valueOf()].every((time) => time === ctx.time));
      probe('random', () => typeof (globalThis as any).Math.random());
    `);
    expect(
      Object.fromEntries(
        result.logs.map((line) => [line.message.split(' ')[0], line.message.slice(line.message.indexOf(' ') + 1)]),
      ),
    ).toEqual({
      process: 'undefined',
      require: 'undefined',
      ctor: 'undefinedundefinedundefined',
      bar: 'ctor true',
      fn: 'this undefined',
      globals: 'none',
      proto: 'yes',
      frames: 'strategy.js,nautilus-engine.js',
      'import.meta': 'undefined',
      proxy: 'anything',
      symbol: 'symbol',
      clock: 'true',
      random: 'number',
    });
    // The pollution stayed inside the isolate.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).hostile).toBeUndefined();
  });

  it('keeps a flood of log lines to the cap and counts the dropped ones', async () => {
    const result = await backtest("for (let i = 0; i < 10_000; i++) ctx.log('line', i, 'x'.repeat(5_000));", {
      limits: { maxLogLines: 50, maxLogLineChars: 100 },
    });
    expect(result.logs).toHaveLength(50);
    expect(result.logs.every((line) => line.message.length <= 100)).toBe(true);
    expect(result.dropped.logLines).toBe(20 * 10_000 - 50);
  });

  it('reports thrown non-Error values clearly', async () => {
    const forty = await failure(backtest('if (ctx.barIndex === 3) throw 42;'));
    expect(forty.message).toBe(
      "The strategy threw a non-Error value in onBar, at bar 3 (2024-01-04T00:00:00.000Z): 42. Throw new Error('…') to get a line number.",
    );
    expect((await failure(backtest('throw null;'))).details.thrown).toEqual({ name: 'null', message: 'null' });
    expect((await failure(backtest("throw 'oops';"))).details.thrown).toEqual({ name: 'string', message: '"oops"' });
  });

  it('describes thrown values that fight back (throwing traps, looping toPrimitive) without running host code', async () => {
    const trap = await failure(
      backtest("throw new Proxy({}, { getPrototypeOf() { throw new Error('no'); }, get() { throw new Error('no'); } });"),
    );
    expect(trap.code).toBe('VALIDATION');
    expect(trap.details.thrown).toEqual({ name: 'unknown', message: 'a value that could not be described' });
    const primitive = await failure(
      backtest('throw { [Symbol.toPrimitive]() { for (;;) {} }, toString() { for (;;) {} }, code: 1 };'),
    );
    expect(primitive.details.thrown).toEqual({ name: 'object', message: '{"code":1}' });
  });

  it('ignores huge return values', async () => {
    const result = await backtest("return new Array(200_000).fill('x'.repeat(10)) as any;");
    expect(result.bars).toBe(20);
    expect(result.logs).toEqual([]);
  });

  it('refuses async callbacks, and lets promises that never settle be', async () => {
    const error = await failure(runBacktest({ source: 'export default defineStrategy({ async onBar() {} });', bars: BARS }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('onBar returned a promise');
    const result = await backtest(
      'ctx.state.pending = new Promise(() => {}); Promise.resolve().then(() => ctx.log("microtask ran"));',
    );
    expect(result.bars).toBe(20);
  });

  it('stops a promise chain that never ends with the time limit', async () => {
    const error = await failure(
      backtest('const spin = (): Promise<void> => Promise.resolve().then(spin); spin();', { limits: { batchTimeoutMs: 300 } }),
    );
    expect(error.code).toBe('SANDBOX_TIMEOUT');
  });

  it('runs other strategies normally while one is stuck', async () => {
    const stuck = failure(backtest('for (;;) {}', { limits: { batchTimeoutMs: 1_000 } }));
    const healthy = await backtest('if (ctx.barIndex === 0) ctx.buy(1);');
    expect(healthy.fills).toHaveLength(1);
    expect((await stuck).code).toBe('SANDBOX_TIMEOUT');
  });

  it('fails its own run, and only that, when it sabotages the built-ins the engine uses', async () => {
    const error = await failure(backtest('(globalThis as any).Float64Array = Array;'));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(
      /^The strategy engine failed: the engine returned malformed output \(equity is not \d+ numbers\)$/,
    );
    expect((await backtest('')).curve.equity).toHaveLength(20);
  });

  it('refuses to be reused after it broke a limit', async () => {
    const runner = await createStrategyRunner({
      source: 'export default defineStrategy({ onBar() { for (;;) {} } });',
      limits: { batchTimeoutMs: 200 },
    });
    try {
      await runner.start(BARS.time[0]!);
      const first = await failure(runner.push(BARS, { from: 0, to: 1 }));
      expect(first.code).toBe('SANDBOX_TIMEOUT');
      expect(await failure(runner.push(BARS, { from: 1, to: 2 }))).toBe(first);
    } finally {
      runner.dispose();
    }
  });
});
