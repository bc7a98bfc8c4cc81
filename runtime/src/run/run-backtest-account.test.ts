// The account check (config.account) on worked examples, each run sandboxed and on the host engine:
// both must give the identical result, and that result the one computed by hand.
import type { BacktestConfig, BacktestResult, OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../index.ts';
import { DAY, START } from './test-bars.ts';

type Ohlc = [open: number, high: number, low: number, close: number];
const flat = (price: number): Ohlc => [price, price, price, price];
const CASH_NEXT = 'trade fewer units, or use a margin account (config.account)';
const SHORT_NEXT = 'sell at most the units held, or use a margin account (config.account)';

function frame(bars: Ohlc[]): OhlcvFrame {
  return {
    kind: 'ohlcv',
    symbol: 'SIM:HAND',
    timeframe: '1d',
    time: bars.map((_, index) => START + index * DAY),
    open: bars.map((bar) => bar[0]),
    high: bars.map((bar) => bar[1]),
    low: bars.map((bar) => bar[2]),
    close: bars.map((bar) => bar[3]),
    volume: bars.map(() => 1_000),
  };
}

/**
 * A strategy whose onBar runs `steps[barIndex]` (a statement with `ctx`), and that logs every
 * rejection with the bar it was heard on, and the ticket of every `ctx.order`.
 */
function scripted(steps: Record<number, string>, onStart = ''): string {
  const cases = Object.entries(steps)
    .map(([bar, step]) => `case ${bar}: { ${step} } break;`)
    .join('\n');
  return `
const ticket = (ctx, request) => {
  const t = ctx.order(request);
  ctx.log('ticket', t.id, t.status, t.reason ?? '');
};
export default defineStrategy({
  onStart(ctx) { ${onStart} },
  onOrderRejected(ctx, order) { ctx.log('rejected', order.id, 'after bar', ctx.barIndex, order.reason); },
  onBar(ctx) {
    switch (ctx.barIndex) {
      ${cases}
    }
  },
});`;
}

/** Runs sandboxed and on the host; asserts both agree and returns the result. */
async function both(
  source: string,
  bars: Ohlc[],
  config: BacktestConfig,
  limits?: { maxRecords: number },
): Promise<BacktestResult> {
  const options = { source, bars: frame(bars), config, ...(limits ? { limits } : {}) };
  const sandboxed = await runBacktest(options);
  const host = await runBacktest({ ...options, sandbox: false });
  expect(host).toEqual(sandboxed);
  return sandboxed;
}

const statuses = (result: BacktestResult) => result.orders.map((order) => [order.id, order.status]);
const fills = (result: BacktestResult) => result.fills.map((fill) => [fill.orderId, fill.quantity, fill.price]);
const messages = (result: BacktestResult) => result.logs.map((line) => line.message);

describe('the cash account (the default)', () => {
  it('fills a buy that needs exactly the cash, leaving 0', async () => {
    const result = await both(scripted({ 0: 'ctx.buy(100);' }), [flat(100), flat(100)], { initialCash: 10_000 });
    expect(fills(result)).toEqual([[1, 100, 100]]);
    expect(result.final.cash).toBe(0);
    expect(result.rejectedOrders).toBe(0);
    expect(result.config.account).toEqual({ type: 'cash' });
  });

  it('rejects at submission a buy one cent over the cash, says why on the ticket and to onOrderRejected, and fills nothing', async () => {
    const reason = `insufficient cash at submission: the order needs 10000.00 (100 × 100 + commission 0.00) but 9999.99 is available; ${CASH_NEXT}`;
    const result = await both(
      scripted({ 0: "ticket(ctx, { side: 'buy', quantity: 100 }); ctx.log('onBar 0 returns');" }),
      [flat(100), flat(100)],
      {
        initialCash: 9_999.99,
      },
    );
    expect(statuses(result)).toEqual([[1, 'rejected']]);
    expect(result.orders[0]!.reason).toBe(reason);
    expect(result.orders[0]!.closedTime).toBe(START);
    expect(messages(result)).toEqual([`ticket 1 rejected ${reason}`, 'onBar 0 returns', `rejected 1 after bar 0 ${reason}`]);
    expect(result.fills).toEqual([]);
    expect(result.final.cash).toBe(9_999.99);
    expect(result.rejectedOrders).toBe(1);
  });

  it('checks a limit order at its limit price: one cent over at 100.0001 × 100 is rejected', async () => {
    const result = await both(scripted({ 0: "ctx.buy(100, { type: 'limit', limitPrice: 100.0001 });" }), [flat(100), flat(100)], {
      initialCash: 10_000,
    });
    expect(result.orders[0]!.reason).toBe(
      `insufficient cash at submission: the order needs 10000.01 (100 × 100.0001 + commission 0.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
  });

  it('counts the commission: 100 × 100 + 1 is rejected with 10,000 of cash, 99 × 100 + 1 fills', async () => {
    const config: BacktestConfig = { initialCash: 10_000, commission: { type: 'per-share', perShare: 0.005, minimum: 1 } };
    const over = await both(scripted({ 0: 'ctx.buy(100);' }), [flat(100), flat(100)], config);
    expect(over.orders[0]!.reason).toBe(
      `insufficient cash at submission: the order needs 10001.00 (100 × 100 + commission 1.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
    const within = await both(scripted({ 0: 'ctx.buy(99);' }), [flat(100), flat(100)], config);
    expect(fills(within)).toEqual([[1, 99, 100]]);
    expect(within.final.cash).toBe(99);
    // Percent commission: 0.1 % of 10,000 is 10.
    const percent = await both(scripted({ 0: 'ctx.buy(100);' }), [flat(100), flat(100)], {
      initialCash: 10_005,
      commission: { type: 'percent', rate: 0.001 },
    });
    expect(percent.orders[0]!.reason).toContain(
      'the order needs 10010.00 (100 × 100 + commission 10.00) but 10005.00 is available',
    );
  });

  it('accepts a limit buy priced within the cash though the last close is not, and fills it lower on a gap down', async () => {
    // 100 × 105 would need 10,500; at its limit it needs 10,000. Bar 1 opens at 98, below the limit.
    const result = await both(
      scripted({ 0: "ctx.buy(100, { type: 'limit', limitPrice: 100 });" }),
      [flat(105), [98, 99, 97, 98]],
      {
        initialCash: 10_000,
      },
    );
    expect(fills(result)).toEqual([[1, 100, 98]]);
    expect(result.final.cash).toBe(200);
  });

  it('rejects at the fill an accepted market order that the next open gapped above the cash', async () => {
    const reason = `insufficient cash at the fill: the order needs 10001.00 (100 × 100.01 + commission 0.00) but 10000.00 is available; ${CASH_NEXT}`;
    const result = await both(
      scripted({ 0: "ticket(ctx, { side: 'buy', quantity: 100 });", 1: "ctx.log('onBar 1');" }),
      [flat(100), [100.01, 100.01, 100.01, 100.01], flat(100)],
      { initialCash: 10_000 },
    );
    expect(statuses(result)).toEqual([[1, 'rejected']]);
    expect(result.orders[0]!.reason).toBe(reason);
    expect(result.orders[0]!.closedTime).toBe(START + DAY);
    // Accepted at submission; heard where the fill would have been, before onBar of bar 1.
    expect(messages(result)).toEqual(['ticket 1 open ', `rejected 1 after bar 0 ${reason}`, 'onBar 1']);
    expect(result.fills).toEqual([]);
    expect(result.final.cash).toBe(10_000);
    expect(result.rejectedOrders).toBe(1);
  });

  it('rejects at the fill a market order that slippage pushed over the cash (no slippage at submission)', async () => {
    const result = await both(scripted({ 0: 'ctx.buy(100);' }), [flat(100), flat(100)], {
      initialCash: 10_000,
      slippage: { type: 'fixed', amount: 0.01 },
    });
    expect(result.orders[0]!.reason).toBe(
      `insufficient cash at the fill: the order needs 10001.00 (100 × 100.01 + commission 0.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
  });

  it('rejects at the fill a stop buy checked at its stop price when the bar gaps above it', async () => {
    // 99 × 100 = 9,900 fits; bar 1 opens at 102, above the stop, and fills there: 99 × 102 = 10,098.
    const result = await both(
      scripted({ 0: "ctx.buy(99, { type: 'stop', stopPrice: 100 });" }),
      [flat(95), [102, 103, 101, 102]],
      {
        initialCash: 10_000,
      },
    );
    expect(result.orders[0]!.reason).toBe(
      `insufficient cash at the fill: the order needs 10098.00 (99 × 102 + commission 0.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
  });

  it('checks a market order from onStart (no price known yet) only at its fill', async () => {
    const tooMany = await both(scripted({}, "ticket(ctx, { side: 'buy', quantity: 101 });"), [flat(100)], {
      initialCash: 10_000,
    });
    expect(messages(tooMany)[0]).toBe('ticket 1 open ');
    expect(tooMany.orders[0]!.reason).toBe(
      `insufficient cash at the fill: the order needs 10100.00 (101 × 100 + commission 0.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
    const enough = await both(scripted({}, 'ctx.buy(100);'), [flat(100)], { initialCash: 10_000 });
    expect(fills(enough)).toEqual([[1, 100, 100]]);
  });

  it("checks orders filled at the bar's own close (fillAt 'close') against that close", async () => {
    const within = await both(scripted({ 0: 'ctx.buy(100);' }), [flat(100)], { initialCash: 10_000, fillAt: 'close' });
    expect(fills(within)).toEqual([[1, 100, 100]]);
    const over = await both(scripted({ 0: 'ctx.buy(101);' }), [flat(100)], { initialCash: 10_000, fillAt: 'close' });
    expect(over.orders[0]!.reason).toContain('insufficient cash at submission: the order needs 10100.00');
  });

  it('counts the orders accepted on the same bar: of 60 + 50 + 40 at 100 with 10,000, the 50 is rejected and the 40 fills', async () => {
    const result = await both(scripted({ 0: 'ctx.buy(60); ctx.buy(50); ctx.buy(40);' }), [flat(100), flat(100)], {
      initialCash: 10_000,
    });
    expect(statuses(result)).toEqual([
      [1, 'filled'],
      [2, 'rejected'],
      [3, 'filled'],
    ]);
    expect(result.orders[1]!.reason).toBe(
      `insufficient cash at submission: the order needs 5000.00 (50 × 100 + commission 0.00) but 4000.00 is available after the orders accepted on this bar; ${CASH_NEXT}`,
    );
    expect(result.final.cash).toBe(0);
    expect(result.final.position.quantity).toBe(100);
  });

  it('no longer counts an order cancelled on the same bar', async () => {
    const result = await both(scripted({ 0: 'ctx.cancel(ctx.buy(60)); ctx.buy(100);' }), [flat(100), flat(100)], {
      initialCash: 10_000,
    });
    expect(statuses(result)).toEqual([
      [1, 'cancelled'],
      [2, 'filled'],
    ]);
  });

  it('does not count orders resting from earlier bars at submission; whichever fills second is checked then', async () => {
    // Bar 0: a limit buy at 90 (9,000) rests. Bar 1: a market buy of 100 at 100 is accepted (10,000)
    // and fills at bar 2's open; bar 3 reaches 90 and the limit order finds no cash left.
    const result = await both(
      scripted({ 0: "ctx.buy(100, { type: 'limit', limitPrice: 90 });", 1: 'ctx.buy(100);' }),
      [flat(100), [100, 100, 99, 100], [100, 100, 99, 100], [95, 95, 89, 90]],
      { initialCash: 10_000 },
    );
    expect(statuses(result)).toEqual([
      [1, 'rejected'],
      [2, 'filled'],
    ]);
    expect(result.orders[0]!.reason).toBe(
      `insufficient cash at the fill: the order needs 9000.00 (100 × 90 + commission 0.00) but 0.00 is available; ${CASH_NEXT}`,
    );
    expect(result.orders[0]!.closedTime).toBe(START + 3 * DAY);
  });

  it('always lets a held position be sold, even when the commission exceeds the proceeds', async () => {
    // 100 bought at 100 for 10,001 with commission; sold at 0.005 for 0.5 less 1 of commission.
    const result = await both(scripted({ 0: 'ctx.buy(100);', 1: 'ctx.sell(100);' }), [flat(100), flat(100), flat(0.005)], {
      initialCash: 10_001,
      commission: { type: 'per-share', perShare: 0.005, minimum: 1 },
    });
    expect(fills(result)).toEqual([
      [1, 100, 100],
      [2, 100, 0.005],
    ]);
    expect(result.final.cash).toBeCloseTo(-0.5, 10);
    expect(result.rejectedOrders).toBe(0);
  });

  it('refuses to sell short: more than held at submission, counting the sells accepted on the same bar', async () => {
    const result = await both(
      scripted({ 0: 'ctx.buy(100);', 1: 'ctx.sell(101);', 2: 'ctx.sell(60); ctx.sell(60);' }),
      [flat(100), flat(100), flat(100), flat(100)],
      { initialCash: 10_000 },
    );
    expect(statuses(result)).toEqual([
      [1, 'filled'],
      [2, 'rejected'],
      [3, 'filled'],
      [4, 'rejected'],
    ]);
    expect(result.orders[1]!.reason).toBe(
      `a cash account cannot sell short: the order sells 101 but 100 are held; ${SHORT_NEXT}`,
    );
    expect(result.orders[3]!.reason).toBe(
      `a cash account cannot sell short: the order sells 60 but 40 are held after the orders accepted on this bar; ${SHORT_NEXT}`,
    );
    expect(result.final.position.quantity).toBe(40);
  });

  it('rejects at the fill a sell whose units another sell already sold (a stop and a later exit)', async () => {
    // Bar 1: a stop at 90 protects the 100 held; bar 2: the strategy also exits at market. Bar 3 opens
    // at 85: the older stop sells first, and the market sell would be a short sale.
    const result = await both(
      scripted({ 0: 'ctx.buy(100);', 1: "ctx.sell(100, { type: 'stop', stopPrice: 90 });", 2: 'ctx.liquidate();' }),
      [flat(100), flat(100), flat(100), [85, 86, 84, 85]],
      { initialCash: 10_000 },
    );
    expect(statuses(result)).toEqual([
      [1, 'filled'],
      [2, 'filled'],
      [3, 'rejected'],
    ]);
    expect(fills(result)).toEqual([
      [1, 100, 100],
      [2, 100, 85],
    ]);
    expect(result.orders[2]!.reason).toBe(`a cash account cannot sell short: the order sells 100 but 0 are held; ${SHORT_NEXT}`);
  });

  it('counts every rejection, invalid ones included, beyond the records a run keeps', async () => {
    const result = await both(
      scripted({ 0: 'for (let i = 0; i < 4; i++) ctx.buy(1000); ctx.buy(-1);' }),
      [flat(100)],
      { initialCash: 10_000 },
      {
        maxRecords: 2,
      },
    );
    expect(result.orders).toHaveLength(2);
    expect(result.dropped.orders).toBe(3);
    expect(result.rejectedOrders).toBe(5);
  });
});

describe('the account check against a strategy that sabotages its realm', () => {
  it('still rejects what the account cannot pay for when Number.isNaN and Math.abs were replaced (sandboxed)', async () => {
    const sabotage = 'globalThis.Number.isNaN = () => true; globalThis.Math.abs = () => 0; globalThis.Math.max = () => 0;';
    for (const config of [{ initialCash: 10_000 }, { initialCash: 10_000, account: { type: 'margin', leverage: 1 } as const }]) {
      const result = await runBacktest({
        source: scripted({ 0: 'ctx.buy(200);' }, sabotage),
        bars: frame([flat(100), flat(100)]),
        config,
      });
      expect(statuses(result)).toEqual([[1, 'rejected']]);
      expect(result.orders[0]!.reason).toMatch(/^insufficient (cash|buying power) at submission: the order needs 20000\.00 /);
    }
  });
});

describe('the margin account', () => {
  const margin2: BacktestConfig = { initialCash: 10_000, account: { type: 'margin', leverage: 2 } };

  it('buys with leverage 2 what the cash account refuses, and refuses one unit beyond', async () => {
    const cash = await both(scripted({ 0: 'ctx.buy(200);' }), [flat(100), flat(100)], { initialCash: 10_000 });
    expect(cash.orders[0]!.reason).toBe(
      `insufficient cash at submission: the order needs 20000.00 (200 × 100 + commission 0.00) but 10000.00 is available; ${CASH_NEXT}`,
    );
    const within = await both(
      scripted({ 0: 'ctx.buy(200);', 1: "ctx.log('buying power', ctx.buyingPower);" }),
      [flat(100), flat(100)],
      margin2,
    );
    expect(fills(within)).toEqual([[1, 200, 100]]);
    expect(within.final.cash).toBe(-10_000);
    expect(messages(within)).toEqual(['buying power 0']);
    const beyond = await both(scripted({ 0: 'ctx.buy(201);' }), [flat(100), flat(100)], margin2);
    expect(beyond.orders[0]!.reason).toBe(
      "insufficient buying power at submission: the order needs 20100.00 (201 units added to the position's size × 100 + 2 × commission 0.00) " +
        'but 20000.00 is available (2 × equity 10000.00 − position value 0.00); trade fewer units, or raise the leverage',
    );
  });

  it('needs margin for shorts: 200 short at 100 fits 2 × 10,000, one more unit does not, covering always does', async () => {
    const result = await both(
      scripted({ 0: 'ctx.sell(200);', 1: 'ctx.sell(1); ctx.buy(200);' }),
      [flat(100), flat(100), flat(100)],
      margin2,
    );
    expect(statuses(result)).toEqual([
      [1, 'filled'],
      [2, 'rejected'],
      [3, 'filled'],
    ]);
    expect(result.orders[1]!.reason).toContain('the order needs 100.00 (1 units added');
    expect(result.orders[1]!.reason).toContain('but 0.00 is available (2 × equity 10000.00 − position value 20000.00)');
    expect(result.final.cash).toBe(10_000);
  });

  it('checks buying power again at the fill, with equity marked at the fill price', async () => {
    // Long 200 bought at bar 1's open of 100 on 10,000 (cash −10,000). Bar 1 closes at 110: equity
    // 12,000, buying power 24,000 − 22,000 = 2,000, so a buy of 18 (1,980) is accepted. Bar 2 opens at
    // 90: equity 8,000, buying power 16,000 − 18,000 = −2,000.
    const result = await both(
      scripted({ 0: 'ctx.buy(200);', 1: 'ctx.buy(18);' }),
      [flat(100), [100, 110, 100, 110], flat(90)],
      margin2,
    );
    expect(statuses(result)).toEqual([
      [1, 'filled'],
      [2, 'rejected'],
    ]);
    expect(result.orders[1]!.reason).toBe(
      "insufficient buying power at the fill: the order needs 1620.00 (18 units added to the position's size × 90 + 2 × commission 0.00) " +
        'but -2000.00 is available (2 × equity 8000.00 − position value 18000.00); trade fewer units, or raise the leverage',
    );
  });
});
