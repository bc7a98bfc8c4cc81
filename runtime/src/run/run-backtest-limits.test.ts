import { isNautilusError, type LimitSet, type NautilusError, type OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { createStrategyRunner, runBacktest } from '../index.ts';

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw new Error(`expected a NautilusError, got ${String(error)}`);
  return error;
}

// 15-minute bars from 13:00 to 21:00 UTC on Friday 8 March 2024 (EST, UTC−5) and Monday 11 March
// 2024 (EDT, UTC−4, after the DST change on the Sunday): 09:30 New York is 14:30 UTC, then 13:30 UTC.
function quarterHourBars(): OhlcvFrame {
  const frame: OhlcvFrame = {
    kind: 'ohlcv',
    symbol: 'SIM:NYSE',
    timeframe: '15m',
    time: [],
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
  };
  for (const day of [Date.UTC(2024, 2, 8), Date.UTC(2024, 2, 11)]) {
    for (let slot = 0; slot <= 32; slot++) {
      const price = 100 + (frame.time.length % 5);
      frame.time.push(day + 13 * 3_600_000 + slot * 900_000);
      frame.open.push(price);
      frame.high.push(price + 1);
      frame.low.push(price - 1);
      frame.close.push(price);
      frame.volume.push(1_000);
    }
  }
  return frame;
}

const TRADER = `
export default defineStrategy({
  onBar(ctx) {
    // Alternates a buy of 3 and a sell of 2: the position creeps up until maxPosition stops the buys.
    if (ctx.barIndex % 2 === 0) ctx.buy(3);
    else ctx.sell(2);
  },
  onOrderDenied(ctx, denial) {
    ctx.log('denied', denial.order.id, denial.finding.limit);
  },
});`;

const LIMITS: LimitSet = {
  onHardBreach: 'deny',
  limits: [
    { kind: 'tradingHours', timeZone: 'America/New_York', start: '09:30', end: '16:00' },
    { kind: 'allowedInstruments', symbols: ['SIM:NYSE'] },
    { kind: 'maxPosition', warn: 4, hard: 6 },
    { kind: 'maxOrderRate', windowMs: 3_600_000, hard: 2 },
    { kind: 'maxOrderNotional', hard: 1_000 },
    { kind: 'maxLeverage', hard: 1 },
    { kind: 'maxVar', hard: 100, volatility: { 'SIM:NYSE': 0.02 } },
  ],
};

describe('runBacktest with limits', () => {
  it('denies the same orders sandboxed as in the host, with trading hours across a DST change', async () => {
    const bars = quarterHourBars();
    const [sandboxed, host] = await Promise.all(
      [true, false].map((sandbox) =>
        runBacktest({ source: TRADER, bars, sandbox, config: { initialCash: 10_000, limits: LIMITS } }),
      ),
    );
    expect(sandboxed!.orders).toEqual(host!.orders);
    expect(sandboxed!.riskEvents).toEqual(host!.riskEvents);
    expect(sandboxed!.config.limits).toEqual(LIMITS);

    const result = sandboxed!;
    const inHours = result.orders.filter((order) => !(order.status === 'denied' && order.reason!.startsWith('tradingHours')));
    const utc = (time: number) => new Date(time).toISOString().slice(5, 16);
    const first = (date: string) => utc(inHours.find((order) => utc(order.submittedTime).startsWith(date))!.submittedTime);
    const last = (date: string) => utc(inHours.findLast((order) => utc(order.submittedTime).startsWith(date))!.submittedTime);
    // 09:30 to 15:45 New York: 14:30–20:45 UTC on the Friday (EST), 13:30–19:45 UTC on the Monday (EDT).
    expect([first('03-08'), last('03-08'), first('03-11'), last('03-11')]).toEqual([
      '03-08T14:30',
      '03-08T20:45',
      '03-11T13:30',
      '03-11T19:45',
    ]);
    expect(inHours.length).toBe(2 * 26);
    expect(result.orders.some((order) => order.status === 'denied' && order.reason!.startsWith('maxPosition'))).toBe(true);
    expect(result.fills.every((fill) => result.orders.find((order) => order.id === fill.orderId)!.status === 'filled')).toBe(
      true,
    );
    expect(result.logs.filter((line) => line.message.startsWith('denied')).length).toBe(
      result.orders.filter((order) => order.status === 'denied').length,
    );
    for (const event of result.riskEvents) expect(['warning', 'denial', 'breach']).toContain(event.type);
  });

  it('refuses a bad limit set, naming the field', async () => {
    const error = await failure(
      runBacktest({
        source: TRADER,
        bars: quarterHourBars(),
        config: { limits: { onHardBreach: 'deny', limits: [{ kind: 'maxPosition', warn: 5, hard: 3 }] } },
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([{ path: 'config.limits.limits[0].hard', message: 'must be > warn (5), got 3' }]);
  });

  it('needs the instrument for limits that name instruments', async () => {
    const error = await failure(createStrategyRunner({ source: TRADER, config: { limits: LIMITS } }));
    expect(error.fields).toEqual([
      { path: 'symbol', message: 'must name the instrument traded when config.limits names instruments' },
    ]);
  });

  it('needs the volatility of the traded instrument for maxVar', async () => {
    const error = await failure(
      createStrategyRunner({
        source: TRADER,
        symbol: 'SIM:X',
        config: { limits: { onHardBreach: 'deny', limits: [{ kind: 'maxVar', hard: 1 }] } },
      }),
    );
    expect(error.fields).toEqual([
      {
        path: 'config.limits.limits[0].volatility',
        message: "must give the daily volatility of SIM:X: a run has no other VaR inputs (e.g. { 'SIM:X': 0.02 })",
      },
    ]);
  });

  it('hands a live runner the findings with each step', async () => {
    const runner = await createStrategyRunner({
      source: TRADER,
      symbol: 'SIM:NYSE',
      config: { initialCash: 10_000, limits: LIMITS },
    });
    try {
      await runner.start(Date.UTC(2024, 2, 11, 13));
      const early = await runner.pushBar({
        time: Date.UTC(2024, 2, 11, 13),
        open: 100,
        high: 100,
        low: 100,
        close: 100,
        volume: 1,
      });
      expect(early.riskEvents.map(({ type, limit }) => [type, limit])).toEqual([['denial', 'tradingHours']]);
      expect(early.tradingMode).toBe('normal');
      const open = await runner.pushBar({
        time: Date.UTC(2024, 2, 11, 14),
        open: 100,
        high: 100,
        low: 100,
        close: 100,
        volume: 1,
      });
      expect(open.riskEvents).toEqual([]);
    } finally {
      runner.dispose();
    }
  });
});
