import { describe, expect, it } from 'vitest';
import { isNautilusError, NautilusError, toNautilusError } from './index.ts';

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
});
