import { describe, expect, it } from 'vitest';
import { capText, capValue, isNautilusError, MAX_ERROR_MESSAGE, NautilusError, toNautilusError } from './index.ts';

describe('NautilusError', () => {
  it('lists each field in a validation message', () => {
    const error = NautilusError.validation('user', [
      { path: 'username', message: 'is required' },
      { path: 'password', message: 'too short' },
    ]);
    expect(error.message).toBe('Invalid user: username: is required; password: too short');
    expect(error.code).toBe('VALIDATION');
  });

  it('recognises an error made by another copy of the sdk', () => {
    const foreign = Object.assign(new Error('x'), { name: 'NautilusError', code: 'CONFLICT' });
    expect(isNautilusError(foreign)).toBe(true);
    expect(isNautilusError(Object.assign(new Error('x'), { name: 'NautilusError', code: 'NOPE' }))).toBe(false);
  });

  it('wraps an unknown throwable once, keeping it as cause', () => {
    const wrapped = toNautilusError('boom', 'PLUGIN_FAILED', 'setup');
    expect(wrapped.message).toBe('setup: boom');
    expect(wrapped.cause).toBe('boom');
    expect(toNautilusError(wrapped)).toBe(wrapped);
  });

  it('caps a huge message, saying how much was cut, and keeps the stack small', () => {
    const error = new NautilusError('VALIDATION', 'x'.repeat(20_000_000));
    expect(error.message).toBe(`${'x'.repeat(MAX_ERROR_MESSAGE)}… (${20_000_000 - MAX_ERROR_MESSAGE} more characters cut)`);
    expect(error.stack!.length).toBeLessThan(MAX_ERROR_MESSAGE + 2_000);
    expect(toNautilusError(new Error('y'.repeat(20_000_000))).message.length).toBeLessThan(MAX_ERROR_MESSAGE + 100);
  });

  it('caps field issues and the strings, lists and nesting of details, keeping small details as they are', () => {
    const huge = 'z'.repeat(1_000_000);
    const error = new NautilusError('VALIDATION', 'bad', {
      fields: Array.from({ length: 150 }, (_, index) => ({ path: `p${index}${huge}`, message: huge })),
      details: {
        text: huge,
        logs: new Array(5_000).fill({ message: huge }),
        deep: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } },
      },
    });
    expect(error.fields).toHaveLength(100);
    expect(error.fields.every((field) => field.path.length < 1_100 && field.message.length < 1_100)).toBe(true);
    expect(JSON.stringify(error.details).length).toBeLessThan(6_000_000);
    expect((error.details.logs as unknown[]).length).toBe(1_000);
    expect(JSON.stringify(error.details.deep)).toContain('nested too deep');
    const small = { line: 3, column: 4, diagnostics: [{ message: 'short' }] };
    expect(new NautilusError('VALIDATION', 'ok', { details: small }).details).toBe(small);
  });

  it('cuts text only when it is over the limit', () => {
    expect(capText('short', 10)).toBe('short');
    expect(capText('0123456789abc', 10)).toBe('0123456789… (3 more characters cut)');
    expect(capValue({ a: ['x'.repeat(20)] }, { maxString: 5, maxItems: 10, maxDepth: 5 })).toEqual({
      a: ['xxxxx… (15 more characters cut)'],
    });
  });
});
