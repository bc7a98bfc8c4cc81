import { describe, expect, it } from 'vitest';
import { commissionFor, slippedPrice } from './costs.ts';

describe('commissionFor', () => {
  it('charges per share with a minimum per fill', () => {
    const model = { type: 'per-share', perShare: 0.005, minimum: 1 } as const;
    expect(commissionFor(model, 1_000, 50)).toBe(5);
    expect(commissionFor(model, 100, 50)).toBe(1);
  });

  it('charges a fraction of the notional with an optional minimum', () => {
    expect(commissionFor({ type: 'percent', rate: 0.001 }, 200, 50)).toBeCloseTo(10, 12);
    expect(commissionFor({ type: 'percent', rate: 0.001, minimum: 15 }, 200, 50)).toBe(15);
    expect(commissionFor({ type: 'none' }, 200, 50)).toBe(0);
  });
});

describe('slippedPrice', () => {
  it('moves the price against the trader by a fixed amount or a fraction', () => {
    expect(slippedPrice({ type: 'fixed', amount: 0.05 }, 'buy', 100)).toBe(100.05);
    expect(slippedPrice({ type: 'fixed', amount: 0.05 }, 'sell', 100)).toBe(99.95);
    expect(slippedPrice({ type: 'percent', rate: 0.001 }, 'buy', 200)).toBeCloseTo(200.2, 12);
    expect(slippedPrice({ type: 'percent', rate: 0.001 }, 'sell', 200)).toBeCloseTo(199.8, 12);
    expect(slippedPrice({ type: 'none' }, 'buy', 200)).toBe(200);
  });
});
