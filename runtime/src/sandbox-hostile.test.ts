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

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw error;
  return error;
}

const HANGING = [
  'Promise.reject(Object.create(Error.prototype, { message: { get() { for (;;) {} } } }))',
  '(async () => { throw Object.create(Error.prototype, { stack: { get() { for (;;) {} } } }); })()',
  'Promise.reject(new Proxy({}, { get() { for (;;) {} } }))',
  'throw Object.create(Error.prototype, { message: { get() { for (;;) {} } } })',
];

describe('createSandbox: hostile code', () => {
  it.each(HANGING)('ends `%s` at the time limit, and the sandbox then says to create a new one', async (code) => {
    const box = await sandbox({ timeoutMs: 300 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const error = await failure(box.evaluate(code));
    clearInterval(timer);
    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(ticks).toBeGreaterThan(5);
    const next = await failure(box.evaluate('1 + 1'));
    expect(next.message).toMatch(/create a new sandbox/);
    const fresh = await sandbox({ timeoutMs: 300 });
    expect(await fresh.evaluate('1 + 1')).toBe(2);
  });

  it.each([
    "throw new Error('x'.repeat(20_000_000))",
    "throw 'x'.repeat(20_000_000)",
    "Promise.reject(new Error('x'.repeat(20_000_000))); 1",
    "Promise.reject(Object.create(Error.prototype, { message: { get: () => 'y'.repeat(20_000_000) }, stack: { get: () => 'z'.repeat(20_000_000) } })); 1",
  ])('caps the error of `%s`', async (code) => {
    const box = await sandbox({ timeoutMs: 5_000 });
    const error = await failure(box.evaluate(code));
    expect(error.code).toBe('VALIDATION');
    expect(error.message.length).toBeLessThan(5_000);
    expect((error.stack ?? '').length).toBeLessThan(10_000);
    expect(JSON.stringify(error.details).length).toBeLessThan(10_000);
  });
});
