import { type BacktestConfig, isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { resolveBacktestConfig } from '../index.ts';
import { resolveLimits } from './run-limits.ts';

describe('resolveBacktestConfig', () => {
  it('fills defaults, with periodsPerYear from the timeframe', () => {
    expect(resolveBacktestConfig({}, '1h')).toEqual({
      initialCash: 100_000,
      account: { type: 'cash' },
      commission: { type: 'none' },
      slippage: { type: 'none' },
      fillAt: 'next-open',
      riskFreeRate: 0,
      periodsPerYear: 1638,
      seed: 1,
      sessionUtcOffsetMinutes: 0,
      historyLength: 1_000,
    });
    expect(resolveBacktestConfig({ periodsPerYear: 8760 }, '1h').periodsPerYear).toBe(8760);
  });

  it('names every bad field', () => {
    const bad = {
      initialCash: 0,
      commission: { type: 'per-share', perShare: -1 },
      slippage: { type: 'percent', rate: 5 },
      fillAt: 'open',
      seed: 1.5,
      historyLength: 0,
    } as unknown as BacktestConfig;
    expect(() => resolveBacktestConfig(bad)).toThrow(
      'Invalid backtest config: config.initialCash: must be a positive number, got 0; config.commission.perShare: must be a number >= 0, got -1; ' +
        'config.slippage.rate: must be a fraction from 0 to below 1 (0.0005 = 5 bp), got 5; ' +
        "config.fillAt: must be 'next-open' or 'close', got \"open\"; config.seed: must be a whole number from 0 to 4294967295, got 1.5; " +
        'config.historyLength: must be a whole number from 1 to 100000, got 0',
    );
    expect(() => resolveBacktestConfig({ commission: { type: 'flat' } } as unknown as BacktestConfig)).toThrow(
      "config.commission.type: must be 'none', 'per-share' or 'percent', got \"flat\"",
    );
  });
});

describe('resolveBacktestConfig: the account', () => {
  it('is a cash account by default, and keeps a margin account with its leverage', () => {
    expect(resolveBacktestConfig({}).account).toEqual({ type: 'cash' });
    expect(resolveBacktestConfig({ account: { type: 'margin', leverage: 1 } }).account).toEqual({ type: 'margin', leverage: 1 });
    expect(resolveBacktestConfig({ account: { type: 'margin', leverage: 100 } }).account).toEqual({
      type: 'margin',
      leverage: 100,
    });
  });

  const fields = (account: unknown) => {
    try {
      resolveBacktestConfig({ account } as BacktestConfig);
    } catch (error) {
      expect(isNautilusError(error) && error.code).toBe('VALIDATION');
      return (error as { fields: unknown }).fields;
    }
    throw new Error(`accepted ${JSON.stringify(account)}`);
  };
  const leverage = (value: string) => [
    {
      path: 'config.account.leverage',
      message: `must be a number from 1 to 100 (gross position value allowed per unit of equity, e.g. 2), got ${value}`,
    },
  ];

  it('refuses a leverage below 1, above 100, missing or not a number, naming config.account.leverage', () => {
    expect(fields({ type: 'margin', leverage: 0.99 })).toEqual(leverage('0.99'));
    expect(fields({ type: 'margin', leverage: 0 })).toEqual(leverage('0'));
    expect(fields({ type: 'margin', leverage: -2 })).toEqual(leverage('-2'));
    expect(fields({ type: 'margin', leverage: 100.5 })).toEqual(leverage('100.5'));
    expect(fields({ type: 'margin', leverage: Number.NaN })).toEqual(leverage('null'));
    expect(fields({ type: 'margin', leverage: Number.POSITIVE_INFINITY })).toEqual(leverage('null'));
    expect(fields({ type: 'margin', leverage: '2' })).toEqual(leverage('"2"'));
    expect(fields({ type: 'margin' })).toEqual(leverage('undefined'));
  });

  it('refuses an unknown type, a leverage on a cash account, unknown keys and a non-object', () => {
    expect(fields({ type: 'loan' })).toEqual([
      { path: 'config.account.type', message: `must be 'cash' or 'margin' (e.g. { type: 'margin', leverage: 2 }), got "loan"` },
    ]);
    expect(fields({})).toEqual([
      {
        path: 'config.account.type',
        message: `must be 'cash' or 'margin' (e.g. { type: 'margin', leverage: 2 }), got undefined`,
      },
    ]);
    expect(fields({ type: 'cash', leverage: 2 })).toEqual([
      {
        path: 'config.account.leverage',
        message: "must be absent: a cash account has no leverage (for leverage use { type: 'margin', leverage }), got 2",
      },
    ]);
    expect(fields({ type: 'margin', leverage: 2, interest: 0.05 })).toEqual([
      { path: 'config.account.interest', message: 'must be absent (a margin account has type and leverage), got 0.05' },
    ]);
    expect(fields('margin')).toEqual([
      { path: 'config.account', message: `must be { type: 'cash' } or { type: 'margin', leverage }, got "margin"` },
    ]);
    expect(fields([{ type: 'cash' }])).toEqual([
      { path: 'config.account', message: `must be { type: 'cash' } or { type: 'margin', leverage }, got [{"type":"cash"}]` },
    ]);
  });
});

describe('resolveLimits', () => {
  it('fills defaults and refuses limits that are not whole numbers', () => {
    expect(resolveLimits({ memoryMb: 32 })).toMatchObject({ memoryMb: 32, batchTimeoutMs: 10_000, maxLogLines: 1_000 });
    expect(() => resolveLimits({ memoryMb: 4, batchTimeoutMs: 0.5 })).toThrow(
      'Invalid run limits: limits.memoryMb: must be a whole number >= 8, got 4; limits.batchTimeoutMs: must be a whole number >= 1, got 0.5',
    );
  });
});
