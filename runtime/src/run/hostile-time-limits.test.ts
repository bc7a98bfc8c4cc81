import { describe, expect, it } from 'vitest';
import { createStrategyRunner, describeStrategy } from '../index.ts';
import { BARS, backtest, backtestFile, failure, measure } from './hostile-harness.ts';

// isolated-vm reads a promise left rejected at the end of a call (and a value thrown out of one)
// after the call's own timeout has ended, through the value's getters: each of these would spin the
// isolate's thread forever if the host's watchdog did not dispose the isolate.
const SPIN = 'get() { for (;;) {} }';
const HANGING_REASONS: Record<string, string> = {
  'a message getter': `Object.create(Error.prototype, { message: { ${SPIN} } })`,
  'a stack getter': `Object.create(Error.prototype, { stack: { ${SPIN} } })`,
  'a getter on an Error subclass': 'new (class extends Error { get message(): string { for (;;) {} } })()',
  'a message whose toString never returns':
    'Object.create(Error.prototype, { message: { value: { toString() { for (;;) {} } } } })',
  'a Proxy that traps every read': 'new Proxy({}, { get() { for (;;) {} } })',
  'a name getter on a custom error': `Object.create({ constructor: function Custom() {} }, { message: { value: 'm' }, name: { ${SPIN} } })`,
};
const LEFT_REJECTED: Record<string, (reason: string) => string> = {
  'Promise.reject': (reason) => `Promise.reject(${reason});`,
  'an async function that throws': (reason) => `(async () => { throw ${reason}; })();`,
  'a rejection in a microtask': (reason) => `Promise.resolve().then(() => { throw ${reason}; });`,
  'new Promise with reject': (reason) => `new Promise((_resolve, reject) => reject(${reason}));`,
};
const LIMIT_MS = 400;
// The isolate's own timeout plus the watchdog's grace, with room for a loaded 2-core machine.
const ENDS_WITHIN_MS = LIMIT_MS + 4_000;

describe('sandbox: a run always ends at its time limit', () => {
  for (const [reasonName, reason] of Object.entries(HANGING_REASONS)) {
    for (const [howName, leave] of Object.entries(LEFT_REJECTED)) {
      it(`ends a run that leaves a promise rejected (${howName}) with ${reasonName}`, async () => {
        const run = await measure(() => failure(backtest(leave(reason), { limits: { batchTimeoutMs: LIMIT_MS } })));
        expect(run.error).toBeUndefined();
        expect(run.value?.code).toBe('SANDBOX_TIMEOUT');
        expect(run.value?.message).toContain(`${LIMIT_MS} ms limit`);
        expect(run.ms).toBeLessThan(ENDS_WITHIN_MS);
        expect(run.longestStallMs).toBeLessThan(1_000);
      });
    }
  }

  it.each([
    [
      'the top-level code of the file',
      `Promise.reject(${HANGING_REASONS['a message getter']});\nexport default defineStrategy({ onBar() {} });`,
    ],
    [
      'onStart',
      `export default defineStrategy({ onStart() { Promise.reject(${HANGING_REASONS['a stack getter']}); }, onBar() {} });`,
    ],
    [
      'onStop',
      `export default defineStrategy({ onBar() {}, onStop() { Promise.reject(${HANGING_REASONS['a Proxy that traps every read']}); } });`,
    ],
    [
      'onOrderFilled',
      `export default defineStrategy({ onBar(ctx) { if (ctx.barIndex === 0) ctx.buy(1); }, onOrderFilled() { (async () => { throw ${HANGING_REASONS['a message getter']}; })(); } });`,
    ],
  ])('ends a run that leaves a hanging rejection in %s', async (_where, source) => {
    const run = await measure(() => failure(backtestFile(source, { limits: { batchTimeoutMs: LIMIT_MS } })));
    expect(run.value?.code).toBe('SANDBOX_TIMEOUT');
    expect(run.ms).toBeLessThan(ENDS_WITHIN_MS);
  });

  it('ends a run whose sabotaged built-ins make the engine itself throw a hanging value', async () => {
    const run = await measure(() =>
      failure(
        backtest(
          `if (ctx.barIndex === 0) { ctx.buy(1); const hostile = ${HANGING_REASONS['a message getter']}; Array.prototype.push = function () { throw hostile; }; }`,
          { limits: { batchTimeoutMs: LIMIT_MS } },
        ),
      ),
    );
    expect(run.value?.code).toBe('SANDBOX_TIMEOUT');
    expect(run.ms).toBeLessThan(ENDS_WITHIN_MS);
  });

  it('ends loading a file for its description (the params form) at the limit too', async () => {
    const started = performance.now();
    const error = await failure(
      describeStrategy({
        source: `Promise.reject(${HANGING_REASONS['a message getter']});\nexport default defineStrategy({ onBar() {} });`,
        limits: { batchTimeoutMs: LIMIT_MS },
      }),
    );
    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(ENDS_WITHIN_MS);
  });

  it('frees both backtest slots: after two hostile runs end together, a normal run completes', async () => {
    const hostile = `if (ctx.barIndex === 2) Promise.reject(${HANGING_REASONS['a message getter']});`;
    const run = await measure(async () => {
      const ended = await Promise.all([
        failure(backtest(hostile, { limits: { batchTimeoutMs: LIMIT_MS } })),
        failure(backtest(hostile, { limits: { batchTimeoutMs: LIMIT_MS } })),
      ]);
      return { ended, normal: await backtest('if (ctx.barIndex === 0) ctx.buy(1);') };
    });
    expect(run.value?.ended.map((error) => error.code)).toEqual(['SANDBOX_TIMEOUT', 'SANDBOX_TIMEOUT']);
    expect(run.value?.normal.fills).toHaveLength(1);
    expect(run.ms).toBeLessThan(ENDS_WITHIN_MS + 2_000);
    expect(run.longestStallMs).toBeLessThan(1_000);
  });

  it('refuses to be reused after the watchdog stopped it, and still reports its usage', async () => {
    const runner = await createStrategyRunner({
      source: `export default defineStrategy({ onBar() { Promise.reject(${HANGING_REASONS['a message getter']}); } });`,
      limits: { batchTimeoutMs: LIMIT_MS },
    });
    try {
      await runner.start(BARS.time[0]!);
      const first = await failure(runner.push(BARS, { from: 0, to: 1 }));
      expect(first.code).toBe('SANDBOX_TIMEOUT');
      expect(first.details).toMatchObject({ scope: 'batch', limitMs: LIMIT_MS });
      expect(await failure(runner.push(BARS, { from: 1, to: 2 }))).toBe(first);
      expect(await failure(runner.account())).toMatchObject({ code: 'SANDBOX_TIMEOUT' });
      expect(runner.usage().heap).toBeNull();
    } finally {
      runner.dispose();
    }
  });
});

describe('sandbox: a promise left rejected is a clear strategy error', () => {
  const expectLeftRejected = (message: string) => {
    expect(message).toContain('callbacks must be synchronous; a promise was left rejected');
    expect(message.length).toBeLessThan(2_000);
  };

  it.each([
    ['Promise.reject(new Error("boom"))', 'Error: boom'],
    ['(async () => { throw new Error("boom"); })()', 'Error: boom'],
    ['Promise.reject(42)', '42'],
    ['Promise.reject(new TypeError("wrong"))', 'TypeError: wrong'],
  ])('reports %s left rejected in onBar as VALIDATION naming the reason', async (code, reason) => {
    const error = await failure(backtest(`if (ctx.barIndex === 1) ${code};`));
    expect(error.code).toBe('VALIDATION');
    expectLeftRejected(error.message);
    expect(error.message).toContain(reason);
    expect(error.message).toContain('a batch of bars');
  });

  it('reports a rejection left by the top-level code of the file', async () => {
    const error = await failure(
      backtestFile("Promise.reject(new Error('early'));\nexport default defineStrategy({ onBar() {} });"),
    );
    expect(error.code).toBe('VALIDATION');
    expectLeftRejected(error.message);
    expect(error.message).toContain('loading the file');
  });

  it('caps a huge rejection message, however the reason builds it, and answers quickly', async () => {
    for (const reason of [
      "new Error('x'.repeat(20_000_000))",
      "Object.create(Error.prototype, { message: { get: () => 'y'.repeat(20_000_000) }, stack: { get: () => 'z'.repeat(20_000_000) } })",
      "'w'.repeat(20_000_000)",
    ]) {
      const run = await measure(() => failure(backtest(`Promise.reject(${reason});`)));
      expect(run.value?.code).toBe('VALIDATION');
      expectLeftRejected(run.value!.message);
      expect(JSON.stringify(run.value!.details).length).toBeLessThan(10_000);
      expect(run.ms).toBeLessThan(5_000);
      expect(run.longestStallMs).toBeLessThan(1_000);
    }
  });
});
