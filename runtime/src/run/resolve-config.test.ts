import type { BacktestConfig } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { resolveBacktestConfig } from '../index.ts';
import { resolveLimits } from './run-limits.ts';

describe('resolveBacktestConfig', () => {
  it('fills defaults, with periodsPerYear from the timeframe', () => {
    expect(resolveBacktestConfig({}, '1h')).toEqual({
      initialCash: 100_000,
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

describe('resolveLimits', () => {
  it('fills defaults and refuses limits that are not whole numbers', () => {
    expect(resolveLimits({ memoryMb: 32 })).toMatchObject({ memoryMb: 32, batchTimeoutMs: 10_000, maxLogLines: 1_000 });
    expect(() => resolveLimits({ memoryMb: 4, batchTimeoutMs: 0.5 })).toThrow(
      'Invalid run limits: limits.memoryMb: must be a whole number >= 8, got 4; limits.batchTimeoutMs: must be a whole number >= 1, got 0.5',
    );
  });
});
