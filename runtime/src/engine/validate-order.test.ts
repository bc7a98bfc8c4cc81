import type { OrderRequest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { readOrderRequest } from './validate-order.ts';

const read = (request: Record<string, unknown>) => readOrderRequest(request as unknown as OrderRequest);

describe('readOrderRequest', () => {
  it('fills defaults: a gtc market order', () => {
    expect(read({ side: 'buy', quantity: 5 })).toEqual({
      side: 'buy',
      type: 'market',
      quantity: 5,
      limitPrice: Number.NaN,
      stopPrice: Number.NaN,
      timeInForce: 'gtc',
      tag: null,
    });
  });

  it('says why a request is not an order', () => {
    expect(read({ side: 'long', quantity: 1 })).toBe("side must be 'buy' or 'sell', got 'long'");
    expect(read({ side: 'buy', quantity: 0 })).toBe('quantity must be a positive finite number, got 0');
    expect(read({ side: 'buy', quantity: Number.POSITIVE_INFINITY })).toBe(
      'quantity must be a positive finite number, got Infinity',
    );
    expect(read({ side: 'buy', quantity: 1, type: 'limit' })).toBe(
      'a limit order needs limitPrice as a positive finite number, got undefined',
    );
    expect(read({ side: 'buy', quantity: 1, type: 'stop-limit', limitPrice: 10 })).toBe(
      'a stop-limit order needs stopPrice as a positive finite number, got undefined',
    );
    expect(read({ side: 'buy', quantity: 1, limitPrice: 10 })).toBe(
      'limitPrice was given for a market order; set the type that uses it',
    );
    expect(read({ side: 'buy', quantity: 1, timeInForce: 'fok' })).toBe("timeInForce must be 'gtc', 'day' or 'ioc', got 'fok'");
    expect(read({ side: 'buy', quantity: 1, tag: 7 })).toBe('tag must be a string, got 7');
  });

  it('keeps at most 64 characters of a tag', () => {
    const fields = read({ side: 'sell', quantity: 2, type: 'stop', stopPrice: 9, tag: 'x'.repeat(100) });
    expect(typeof fields === 'object' && fields.tag).toBe('x'.repeat(64));
  });
});
