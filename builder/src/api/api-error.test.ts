import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeApiError, isUnauthorized, shouldRetry } from './api-error.ts';

// The error the tRPC client throws for one failed call, built from a JSON-RPC error body like the server sends.
function serverError(trpcCode: string, httpStatus: number, nautilus?: Record<string, unknown>, message = 'tRPC message') {
  return TRPCClientError.from({
    error: { code: -32000, message, data: { code: trpcCode, httpStatus, path: 'auth.login', ...(nautilus ? { nautilus } : {}) } },
  });
}

describe('describeApiError', () => {
  it("shows the server's message for bad credentials", () => {
    const error = serverError('UNAUTHORIZED', 401, {
      code: 'UNAUTHORIZED',
      message: 'Wrong username or password.',
      fields: [],
      details: {},
    });
    expect(describeApiError(error)).toEqual({ code: 'UNAUTHORIZED', message: 'Wrong username or password.', fields: [] });
    expect(isUnauthorized(error)).toBe(true);
  });

  it('reads the retry delay of a slowed-down login, rounding a fraction up to whole seconds', () => {
    const error = serverError('TOO_MANY_REQUESTS', 429, {
      code: 'RATE_LIMITED',
      message: 'Too many failed logins for this account.',
      fields: [],
      details: { retryAfterSeconds: 29.2 },
    });
    expect(describeApiError(error)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('keeps the plugin a failure is blamed on and the details of a conflict', () => {
    const failed = serverError('BAD_GATEWAY', 502, {
      code: 'DATA_SOURCE_ERROR',
      message: 'The provider timed out; try a shorter range.',
      plugin: 'acme.data',
      details: {},
    });
    expect(describeApiError(failed)).toMatchObject({ code: 'DATA_SOURCE_ERROR', plugin: 'acme.data' });
    expect(describeApiError(failed).details).toBeUndefined();
    const conflict = serverError('CONFLICT', 409, {
      code: 'CONFLICT',
      message: 'Changed by ann.',
      plugin: null,
      details: { currentVersion: 4, updatedBy: 'ann' },
    });
    expect(describeApiError(conflict)).toMatchObject({ details: { currentVersion: 4, updatedBy: 'ann' } });
    expect(describeApiError(conflict).plugin).toBeUndefined();
  });

  it('ignores a retry delay that is not a positive number', () => {
    for (const retryAfterSeconds of [0, -5, 'soon', Number.NaN]) {
      const error = serverError('TOO_MANY_REQUESTS', 429, {
        code: 'RATE_LIMITED',
        message: 'Slow down.',
        details: { retryAfterSeconds },
      });
      expect(describeApiError(error).retryAfterSeconds).toBeUndefined();
    }
  });

  it('keeps well-formed field issues and drops malformed ones', () => {
    const error = serverError('BAD_REQUEST', 400, {
      code: 'VALIDATION',
      message: 'Invalid dashboard: title: must not be empty',
      fields: [{ path: 'title', message: 'must not be empty' }, { path: 3 }, 'oops'],
    });
    expect(describeApiError(error).fields).toEqual([{ path: 'title', message: 'must not be empty' }]);
  });

  it("maps tRPC's own code when the Nautilus formatter did not run", () => {
    const problem = describeApiError(serverError('TOO_MANY_REQUESTS', 429, undefined, ''));
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.message).toMatch(/too many attempts/i);
  });

  it('falls back to a message per code when the server sent an empty one', () => {
    const problem = describeApiError(serverError('CONFLICT', 409, { code: 'CONFLICT', message: '  ' }));
    expect(problem.message).toMatch(/newer version/);
  });

  it('blames the connection when the call never got an answer', () => {
    const problem = describeApiError(TRPCClientError.from(new TypeError('Failed to fetch')));
    expect(problem.code).toBe('NETWORK');
    expect(problem.message).toMatch(/cannot reach the nautilus server/i);
  });

  it('reports a plain exception as an app error, not a server one', () => {
    expect(describeApiError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toMatchObject({
      code: 'INTERNAL',
      message: "Unexpected error in the app: Cannot read properties of undefined (reading 'id')",
    });
  });
});

describe('shouldRetry', () => {
  it('never retries an answer that will not change (conflict, forbidden, rate limit)', () => {
    expect(shouldRetry(0, serverError('CONFLICT', 409, { code: 'CONFLICT', message: 'Stale.' }))).toBe(false);
    expect(shouldRetry(0, serverError('FORBIDDEN', 403, { code: 'FORBIDDEN', message: 'Viewers cannot.' }))).toBe(false);
    expect(shouldRetry(0, serverError('TOO_MANY_REQUESTS', 429))).toBe(false);
  });

  it('retries network and server failures twice, then gives up', () => {
    const offline = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect([0, 1, 2].map((failures) => shouldRetry(failures, offline))).toEqual([true, true, false]);
    const crashed = serverError('INTERNAL_SERVER_ERROR', 500, { code: 'INTERNAL', message: 'Boom.' });
    expect(shouldRetry(1, crashed)).toBe(true);
  });
});
