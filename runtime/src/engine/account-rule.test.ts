import { describe, expect, it } from 'vitest';
import { AccountRule, submissionPrice } from './account-rule.ts';

const cash = new AccountRule({ type: 'cash' });
const margin2 = new AccountRule({ type: 'margin', leverage: 2 });
const CASH_NEXT = 'trade fewer units, or use a margin account (config.account)';

describe('AccountRule: cash account', () => {
  it('accepts a buy that needs exactly the cash, and rejects one that needs a cent more', () => {
    expect(cash.problem(10_000, 0, 'buy', 100, 100, 0, 'at submission', false)).toBeNull();
    expect(cash.problem(9_999.99, 0, 'buy', 100, 100, 0, 'at submission', false)).toBe(
      `insufficient cash at submission: the order needs 10000.00 (100 × 100 + commission 0.00) but 9999.99 is available; ${CASH_NEXT}`,
    );
    expect(cash.problem(10_000, 0, 'buy', 100, 100.0001, 0, 'at the fill', false)).toBe(
      `insufficient cash at the fill: the order needs 10000.01 (100 × 100.0001 + commission 0.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
  });

  it('counts the commission: 100 × 100 + 1 does not fit in 10,000, 99 × 100 + 1 does', () => {
    expect(cash.problem(10_000, 0, 'buy', 100, 100, 1, 'at submission', false)).toBe(
      `insufficient cash at submission: the order needs 10001.00 (100 × 100 + commission 1.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
    expect(cash.problem(10_000, 0, 'buy', 99, 100, 1, 'at submission', false)).toBeNull();
  });

  it('shows as many decimals as it takes to tell a shortfall below a cent from none', () => {
    expect(cash.problem(10_000, 0, 'buy', 1, 10_000.004, 0, 'at submission', false)).toContain(
      'the order needs 10000.004 (1 × 10000.004 + commission 0.00) but 10000.000 is available',
    );
  });

  it('does not mistake floating-point noise for a shortfall (0.1 + 0.2 of cash buys 3 × 0.1)', () => {
    expect(cash.problem(0.1 + 0.2, 0, 'buy', 3, 0.1, 0, 'at submission', false)).toBeNull();
    expect(cash.problem(0.3, 0, 'buy', 3, 0.1, 0, 'at submission', false)).toBeNull();
  });

  it('always lets units held be sold, even when the commission exceeds the cash and the proceeds', () => {
    expect(cash.problem(0, 100, 'sell', 100, 0.005, 1, 'at the fill', false)).toBeNull();
    expect(cash.problem(-50, 100, 'sell', 40, 1, 0, 'at submission', false)).toBeNull();
    // Fractional positions: 0.1 + 0.2 held sells as 0.3.
    expect(cash.problem(0, 0.1 + 0.2, 'sell', 0.3, 1, 0, 'at submission', false)).toBeNull();
  });

  it('refuses a short sale, naming what is held', () => {
    expect(cash.problem(10_000, 100, 'sell', 101, 100, 0, 'at submission', false)).toBe(
      'a cash account cannot sell short: the order sells 101 but 100 are held; sell at most the units held, or use a margin account (config.account)',
    );
    expect(cash.problem(10_000, 0, 'sell', 1, 100, 0, 'at the fill', false)).toContain('the order sells 1 but 0 are held;');
    expect(cash.problem(10_000, 1, 'sell', 2, 100, 0, 'at submission', true)).toContain(
      'the order sells 2 but 1 is held after the orders accepted on this bar;',
    );
  });

  it('skips the money check when no price is known yet, but not the short-sale check', () => {
    expect(cash.problem(10, 0, 'buy', 1_000_000, Number.NaN, 0, 'at submission', false)).toBeNull();
    expect(cash.problem(10, 0, 'sell', 1, Number.NaN, 0, 'at submission', false)).toContain('cannot sell short');
  });

  it('says the orders accepted on this bar were counted', () => {
    expect(cash.problem(4_000, 60, 'buy', 50, 100, 0, 'at submission', true)).toBe(
      `insufficient cash at submission: the order needs 5000.00 (50 × 100 + commission 0.00) but 4000.00 is available after the orders accepted on this bar; ${CASH_NEXT}`,
    );
  });

  it('has the cash as its buying power', () => {
    expect(cash.buyingPower(1_234.5, 10, 99)).toBe(1_234.5);
  });
});

describe('AccountRule: margin account, leverage 2', () => {
  it('accepts a long of 2 × equity and refuses one unit more', () => {
    expect(margin2.problem(10_000, 0, 'buy', 200, 100, 0, 'at submission', false)).toBeNull();
    expect(margin2.problem(10_000, 0, 'buy', 201, 100, 0, 'at submission', false)).toBe(
      "insufficient buying power at submission: the order needs 20100.00 (201 units added to the position's size × 100 + 2 × commission 0.00) " +
        'but 20000.00 is available (2 × equity 10000.00 − position value 0.00); trade fewer units, or raise the leverage',
    );
  });

  it('needs margin for shorts too: a short of 2 × equity fits, one unit more does not', () => {
    expect(margin2.problem(10_000, 0, 'sell', 200, 100, 0, 'at submission', false)).toBeNull();
    // Short 200 at 100: cash 30,000, equity 10,000, gross 20,000; nothing left to add.
    expect(margin2.problem(30_000, -200, 'sell', 1, 100, 0, 'at submission', false)).toContain(
      'the order needs 100.00 (1 units added',
    );
    expect(margin2.problem(30_000, -200, 'sell', 1, 100, 0, 'at submission', false)).toContain(
      'but 0.00 is available (2 × equity 10000.00 − position value 20000.00)',
    );
  });

  it('counts the commission leverage times, as paying it lowers equity: 199 × 100 + 2 × 50 fits 20,000', () => {
    expect(margin2.problem(10_000, 0, 'buy', 199, 100, 50, 'at submission', false)).toBeNull();
    expect(margin2.problem(10_000, 0, 'buy', 199, 100, 50.01, 'at submission', false)).toBe(
      "insufficient buying power at submission: the order needs 20000.02 (199 units added to the position's size × 100 + 2 × commission 50.01) " +
        'but 20000.00 is available (2 × equity 10000.00 − position value 0.00); trade fewer units, or raise the leverage',
    );
  });

  it('always accepts an order that only brings the position closer to flat, or flips it to no larger a size', () => {
    // Long 200 bought with 10,000 of equity; the price fell to 90: equity 8,000, buying power −2,000.
    expect(margin2.problem(-10_000, 200, 'sell', 200, 90, 5, 'at the fill', false)).toBeNull();
    expect(margin2.problem(-10_000, 200, 'sell', 400, 90, 0, 'at the fill', false)).toBeNull();
    expect(margin2.problem(-10_000, 200, 'buy', 1, 90, 0, 'at the fill', false)).toContain(
      'the order needs 90.00 (1 units added',
    );
    expect(margin2.problem(-10_000, 200, 'buy', 1, 90, 0, 'at the fill', false)).toContain(
      'but -2000.00 is available (2 × equity 8000.00 − position value 18000.00)',
    );
    // A flip to a larger short needs the units it adds: 401 sold from 200 long adds 1.
    expect(margin2.problem(-10_000, 200, 'sell', 401, 90, 0, 'at the fill', false)).toContain('(1 units added');
  });

  it('has leverage × equity − gross position value as its buying power', () => {
    expect(margin2.buyingPower(10_000, 0, Number.NaN)).toBe(20_000);
    expect(margin2.buyingPower(-10_000, 200, 100)).toBe(0);
    expect(margin2.buyingPower(30_000, -100, 100)).toBe(30_000);
  });

  it('behaves as a cash account for longs at leverage 1', () => {
    const margin1 = new AccountRule({ type: 'margin', leverage: 1 });
    expect(margin1.problem(10_000, 0, 'buy', 100, 100, 0, 'at submission', false)).toBeNull();
    expect(margin1.problem(9_999.99, 0, 'buy', 100, 100, 0, 'at submission', false)).toContain('needs 10000.00');
    expect(margin1.problem(9_999.99, 0, 'buy', 100, 100, 0, 'at submission', false)).toContain('but 9999.99 is available');
  });
});

describe('submissionPrice', () => {
  it('is the last price for a market order, the limit for a limit order, the stop for stop and stop-limit orders', () => {
    expect(submissionPrice('market', Number.NaN, Number.NaN, 101)).toBe(101);
    expect(submissionPrice('limit', 99, Number.NaN, 101)).toBe(99);
    expect(submissionPrice('stop', Number.NaN, 105, 101)).toBe(105);
    expect(submissionPrice('stop-limit', 106, 105, 101)).toBe(105);
  });
});
