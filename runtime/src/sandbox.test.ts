import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './index.ts';

const open: Sandbox[] = [];
async function sandbox(options?: Parameters<typeof createSandbox>[0]): Promise<Sandbox> {
  const created = await createSandbox(options);
  open.push(created);
  return created;
}
afterEach(() => {
  for (const created of open.splice(0)) created.dispose();
});

/** The NautilusError a promise rejects with; fails the test when it resolves or rejects with something else. */
async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw error;
  return error;
}

describe('createSandbox', () => {
  it('evaluates code and returns its completion value copied as JSON', async () => {
    const box = await sandbox();
    expect(await box.evaluate('const xs = [1, 2, 3]; ({ doubled: xs.map((x) => x * 2), at: new Date(0) })')).toEqual({
      doubled: [2, 4, 6],
      at: '1970-01-01T00:00:00.000Z',
    });
    expect(await box.evaluate('xs.length')).toBe(3);
    expect(await box.evaluate('undefined')).toBeUndefined();
  });

  it('gives the code no host globals', async () => {
    const box = await sandbox();
    expect(
      await box.evaluate('[typeof process, typeof require, typeof module, typeof Buffer, typeof setTimeout, typeof fetch]'),
    ).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it("reaches only the isolate's own global through the Function constructor", async () => {
    const box = await sandbox();
    const found = await box.evaluate(`
      const reached = (function () {}).constructor('return this')();
      globalThis.marker = 'inside';
      ({ same: reached === globalThis, marker: reached.marker, process: typeof reached.process, require: typeof reached.require })
    `);
    expect(found).toEqual({ same: true, marker: 'inside', process: 'undefined', require: 'undefined' });
    expect((globalThis as { marker?: unknown }).marker).toBeUndefined();
  });

  it('stops an endless loop with SANDBOX_TIMEOUT while the host keeps running', async () => {
    const box = await sandbox({ timeoutMs: 300 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const error = await failure(box.evaluate('for (;;) {}'));
    const elapsed = performance.now() - started;
    clearInterval(timer);

    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(error.message).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5_000);
    // The loop runs on the isolate's thread: the host's event loop went on firing timers meanwhile.
    expect(ticks).toBeGreaterThan(5);
    // A time limit leaves the isolate usable.
    expect(await box.evaluate('6 * 7')).toBe(42);
  });

  it('also times out code that loops while its result is serialised', async () => {
    const box = await sandbox({ timeoutMs: 200 });
    const error = await failure(box.evaluate('({ toJSON() { for (;;) {} } })'));
    expect(error.code).toBe('SANDBOX_TIMEOUT');
  });

  it('kills a memory bomb with SANDBOX_MEMORY and refuses further use', async () => {
    const box = await sandbox({ memoryLimitMb: 16, timeoutMs: 10_000 });
    const error = await failure(box.evaluate('const hoard = []; for (;;) hoard.push(new Array(100_000).fill(1));'));
    expect(error.code).toBe('SANDBOX_MEMORY');
    expect(error.message).toContain('16 MB');
    expect(box.disposed).toBe(true);

    const refused = await failure(box.evaluate('1'));
    expect(refused.code).toBe('SANDBOX_MEMORY');
    expect(refused.message).toContain('create a new sandbox');
    // The host process survived and can start another isolate.
    const next = await sandbox();
    expect(await next.evaluate('"still here"')).toBe('still here');
  });

  it('reports a syntax error as VALIDATION with its line and column', async () => {
    const box = await sandbox();
    const error = await failure(box.evaluate('const a = 1;\nconst b = ;'));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('line 2, column 11');
    expect(error.details).toEqual({ line: 2, column: 11 });
    expect(error.fields[0]?.path).toBe('code');
  });

  it('reports an error the code throws with its line and column', async () => {
    const box = await sandbox();
    const error = await failure(box.evaluate('let a = 1;\n  missing.call()'));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('The code threw ReferenceError at line 2, column 3: missing is not defined');
    expect((await failure(box.evaluate('throw 42'))).message).toBe('The code threw 42.');
  });

  it('refuses results larger than maxResultChars, values JSON cannot hold, and promises', async () => {
    const box = await sandbox({ maxResultChars: 100 });
    expect(await box.evaluate("'x'.repeat(98)")).toBe('x'.repeat(98));
    const tooLarge = await failure(box.evaluate("'x'.repeat(99)"));
    expect(tooLarge.message).toContain('101 characters of JSON, over the 100 limit');
    expect((await failure(box.evaluate('10n'))).message).toContain('BigInt');
    expect((await failure(box.evaluate('Promise.resolve(1)'))).message).toContain('Promise');
  });

  it('serialises with the real JSON.stringify even when the code replaces it', async () => {
    const box = await sandbox();
    expect(await box.evaluate('JSON.stringify = () => \'"forged"\'; ({ ok: true })')).toEqual({ ok: true });
  });

  it('refuses to run after dispose', async () => {
    const box = await sandbox();
    box.dispose();
    box.dispose();
    const error = await failure(box.evaluate('1'));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('disposed');
  });

  it('stops code that is running when the sandbox is disposed', async () => {
    const box = await sandbox({ timeoutMs: 10_000 });
    const running = failure(box.evaluate('for (;;) {}'));
    setTimeout(() => box.dispose(), 50);
    const error = await running;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('The sandbox was disposed while code was running.');
  });

  it('rejects limits isolated-vm cannot honour, naming the option', async () => {
    const error = await failure(createSandbox({ memoryLimitMb: 4, timeoutMs: 0 }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields.map((field) => field.path)).toEqual(['memoryLimitMb', 'timeoutMs']);
  });
});
