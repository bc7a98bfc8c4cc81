import { describe, expect, it } from 'vitest';
import { loginBatchRefusal, refuseUnbatchable } from './login-batch.ts';

describe('loginBatchRefusal', () => {
  it('refuses every batch URL holding auth.login, however it is spelled', async () => {
    for (const path of [
      'auth.login?batch=1',
      'auth.login,auth.login?batch=1',
      'auth.me,auth.login?batch=1',
      'auth.login%2Cauth.login?batch=1',
      'auth%2Elogin?batch=1',
      'auth.login/?batch=1&input=%7B%7D',
      'auth.login?input=x&batch=1',
    ]) {
      const response = loginBatchRefusal(`http://127.0.0.1/trpc/${path}`) as Response;
      expect(response?.status, path).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        'auth.login cannot be batched: send it alone, as POST /trpc/auth.login without ?batch=1.',
      );
    }
  });

  it('leaves single calls and other batches to tRPC', () => {
    for (const path of [
      'auth.login',
      'auth.login?batch=0',
      'auth.me,dashboards.list?batch=1',
      'auth.loginx?batch=1',
      '%E0%A4%A?batch=1',
    ]) {
      expect(loginBatchRefusal(`http://127.0.0.1/trpc/${path}`), path).toBeUndefined();
    }
  });
});

describe('refuseUnbatchable', () => {
  const call = (path: string) => ({
    path,
    getRawInput: async () => ({}),
    result: () => undefined,
    procedure: null,
    batchIndex: 0,
  });
  const info = (isBatchCall: boolean, paths: string[]) => ({
    accept: null,
    type: 'mutation' as const,
    isBatchCall,
    calls: paths.map(call),
    connectionParams: null,
    signal: new AbortController().signal,
    url: null,
  });

  it('throws a 400 before any call of a batch holding auth.login runs', () => {
    expect(() => refuseUnbatchable(info(true, ['auth.logout', 'auth.login']))).toThrow('auth.login cannot be batched');
    expect(() => refuseUnbatchable(info(false, ['auth.login']))).not.toThrow();
    expect(() => refuseUnbatchable(info(true, ['auth.logout']))).not.toThrow();
    expect(() => refuseUnbatchable(undefined)).not.toThrow();
  });
});
