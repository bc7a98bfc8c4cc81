import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { PasswordCheckBudget } from './password-check-budget.ts';

function refusal(take: () => unknown): NautilusError {
  try {
    take();
  } catch (error) {
    if (isNautilusError(error)) return error;
    throw error;
  }
  throw new Error('expected RATE_LIMITED');
}

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('PasswordCheckBudget', () => {
  it('allows one address its burst, then refuses it with RATE_LIMITED and when to retry, and logs it once', () => {
    const { logger, lines } = capturingLogger();
    const budget = new PasswordCheckBudget({ perSecond: 1000, perMinutePerAddress: 5 }, logger);
    for (let i = 0; i < 5; i++) budget.forAddress('192.0.2.1');
    const error = refusal(() => budget.forAddress('192.0.2.1'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.details).toEqual({ retryAfterSeconds: 12, limit: 'address' });
    expect(error.message).toBe('Too many login attempts from your address; try again in 12 s.');
    refusal(() => budget.forAddress('192.0.2.1'));
    // Another address has a budget of its own.
    budget.forAddress('192.0.2.2');
    expect(lines.map((line) => [line.msg, line.address])).toEqual([
      ['login attempts from one address over its limit', '192.0.2.1'],
    ]);
  });

  it('bounds all addresses together by the instance budget: a burst of twice the rate, then the rate', () => {
    const { logger, lines } = capturingLogger();
    const budget = new PasswordCheckBudget({ perSecond: 2, perMinutePerAddress: 100 }, logger);
    for (let i = 0; i < 4; i++) budget.forInstance(`198.51.100.${i}`);
    const error = refusal(() => budget.forInstance('198.51.100.9'));
    expect(error.details).toEqual({ retryAfterSeconds: 1, limit: 'instance' });
    expect(error.message).toBe('The server is busy checking other logins; try again in 1 s.');
    expect(lines.map((line) => line.msg)).toEqual(['login attempts over the instance limit']);
  });

  it('takes back refunded tokens', () => {
    const budget = new PasswordCheckBudget({ perSecond: 1, perMinutePerAddress: 1 }, pino({ level: 'silent' }));
    budget.forAddress('192.0.2.1').refund();
    budget.forAddress('192.0.2.1');
    expect(refusal(() => budget.forAddress('192.0.2.1')).details.limit).toBe('address');
    budget.forInstance('192.0.2.1');
    budget.forInstance('192.0.2.1').refund();
    budget.forInstance('192.0.2.1');
    expect(refusal(() => budget.forInstance('192.0.2.1')).details.limit).toBe('instance');
  });

  it('keeps its memory bounded under a flood from ever-new addresses', () => {
    const budget = new PasswordCheckBudget({ perSecond: 1, perMinutePerAddress: 3 }, pino({ level: 'silent' }));
    for (let i = 0; i < 30_000; i++) budget.forAddress(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect((budget as unknown as { addresses: Map<string, unknown> }).addresses.size).toBeLessThanOrEqual(10_000);
  });
});
