// The pre-trade check on its own: 13 limits (every kind), 20 positions, VaR from a 20 × 20
// correlation matrix, 1,000,000 varied orders. Run by bench/run.ts.
import type { LimitSet, OrderSide, OrderType } from '@nautilus/sdk';
import {
  type CheckContext,
  checkOrder,
  compileLimitSet,
  type OrderIntent,
  OrderTimeRing,
  type PortfolioState,
} from '../src/index.ts';

const CHECKS = 1_000_000;
const WARMUP = 100_000;
const BATCH = 100;
const INSTRUMENTS = 20;

export const PRE_TRADE_LIMITS = (symbols: string[]): LimitSet => ({
  onHardBreach: 'reduce-only',
  limits: [
    { kind: 'allowedInstruments', symbols },
    { kind: 'tradingHours', timeZone: 'America/New_York', start: '09:30', end: '16:00' },
    { kind: 'maxOrderQuantity', warn: 10_000, hard: 20_000 },
    { kind: 'maxOrderNotional', warn: 250_000, hard: 500_000 },
    { kind: 'maxOrderRate', windowMs: 1_000, warn: 250, hard: 400 },
    { kind: 'maxPosition', warn: 8_000, hard: 10_000 },
    { kind: 'maxPosition', hard: 20_000, symbol: symbols[0] },
    { kind: 'maxConcentration', warn: 0.15, hard: 0.25 },
    { kind: 'maxGrossExposure', warn: 4_000_000, hard: 5_000_000 },
    { kind: 'maxNetExposure', warn: 1_500_000, hard: 2_000_000 },
    { kind: 'maxLeverage', warn: 1.8, hard: 2.5 },
    { kind: 'maxVar', warn: 80_000, hard: 100_000, confidence: 0.99 },
    { kind: 'maxDailyLoss', warn: 50_000, hard: 100_000, timeZone: 'America/New_York' },
    { kind: 'maxDrawdown', warn: 0.1, hard: 0.2 },
  ],
});

/** A deterministic generator (mulberry32), so every run checks the same orders. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export function preTradeBenchmark(): string[] {
  const random = generator(7);
  const symbols = Array.from({ length: INSTRUMENTS }, (_, index) => `SIM:S${String(index).padStart(2, '0')}`);
  const limits = compileLimitSet(PRE_TRADE_LIMITS(symbols));
  // A 2,000,000 book: long and short positions of 20 instruments priced 20 to 500.
  const positions = symbols.map((symbol) => {
    const price = 20 + Math.round(random() * 480);
    const quantity = Math.round(((random() - 0.4) * 200_000) / price);
    return { symbol, quantity, price, pendingBuy: random() < 0.3 ? 100 : 0, pendingSell: random() < 0.3 ? 100 : 0 };
  });
  const orderTimes = new OrderTimeRing(limits.orderTimesCapacity);
  const state: PortfolioState = { positions, equity: 2_000_000, startOfDayEquity: 2_030_000, peakEquity: 2_150_000, orderTimes };
  // Volatilities 1–3 % a day; correlation 0.3 within each group of five, 0.1 across.
  const correlation = new Float64Array(INSTRUMENTS * INSTRUMENTS);
  for (let i = 0; i < INSTRUMENTS; i++)
    for (let j = 0; j < INSTRUMENTS; j++)
      correlation[i * INSTRUMENTS + j] = i === j ? 1 : Math.floor(i / 5) === Math.floor(j / 5) ? 0.3 : 0.1;
  const context: CheckContext = {
    now: Date.UTC(2024, 2, 11, 14, 0),
    var: { symbols, volatility: symbols.map(() => 0.01 + random() * 0.02), correlation },
  };

  // Varied orders prepared up front: 2 % for an instrument outside the list, a quarter limit orders,
  // notionals skewed small (up to 600,000) so that some warn and some are denied.
  const orders: OrderIntent[] = Array.from({ length: 4_096 }, () => {
    const symbol = random() < 0.02 ? 'SIM:OTHER' : symbols[Math.floor(random() * INSTRUMENTS)]!;
    const price = positions.find((position) => position.symbol === symbol)?.price ?? 50;
    const type: OrderType = random() < 0.25 ? 'limit' : 'market';
    const side: OrderSide = random() < 0.5 ? 'buy' : 'sell';
    const quantity = Math.max(1, Math.round((random() ** 2 * 600_000) / price));
    return type === 'limit'
      ? { symbol, side, quantity, type, limitPrice: price * (side === 'buy' ? 0.99 : 1.01) }
      : { symbol, side, quantity, type };
  });

  const counts = { accepted: 0, warned: 0, denied: 0 };
  const deniedBy = new Map<string, number>();
  const perCall = new Float64Array(CHECKS);
  const perBatch = new Float64Array(CHECKS / BATCH);
  const run = (index: number) => {
    // 200 orders a second from 10:00 New York time (2.1M checks end before 13:00); accepted ones count toward the rate limit.
    context.now += 5;
    const decision = checkOrder(orders[index & 4_095]!, state, limits, context);
    if (decision.accepted) orderTimes.push(context.now);
    return decision;
  };
  for (let index = 0; index < WARMUP; index++) run(index);

  // Method 1: every call timed on its own with process.hrtime.bigint (includes the timer's own cost, measured below).
  for (let index = 0; index < CHECKS; index++) {
    const started = process.hrtime.bigint();
    const decision = run(index);
    perCall[index] = Number(process.hrtime.bigint() - started);
    if (!decision.accepted) {
      counts.denied++;
      deniedBy.set(decision.denial!.limit, (deniedBy.get(decision.denial!.limit) ?? 0) + 1);
    } else if (decision.warnings.length > 0) counts.warned++;
    else counts.accepted++;
  }
  // Method 2: batches of 100 calls timed together; the per-order figure is the batch's mean.
  for (let batch = 0; batch < perBatch.length; batch++) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < BATCH; index++) run(batch * BATCH + index);
    perBatch[batch] = Number(process.hrtime.bigint() - started) / BATCH;
  }
  const timer = new Float64Array(100_000);
  for (let index = 0; index < timer.length; index++) {
    const started = process.hrtime.bigint();
    timer[index] = Number(process.hrtime.bigint() - started);
  }
  for (const values of [perCall, perBatch, timer]) values.sort();
  const us = (nanoseconds: number) => `${(nanoseconds / 1000).toFixed(2)} µs`;
  return [
    `Pre-trade check (checkOrder): ${limits.source.limits.length} limits of all ${new Set(limits.source.limits.map((limit) => limit.kind)).size} kinds, ${INSTRUMENTS} positions, VaR over a ` +
      `${INSTRUMENTS}×${INSTRUMENTS} correlation matrix, ${CHECKS.toLocaleString('en')} varied orders after ${WARMUP.toLocaleString('en')} warm-up checks ` +
      `(${((counts.accepted / CHECKS) * 100).toFixed(1)} % accepted clean, ${((counts.warned / CHECKS) * 100).toFixed(1)} % with warnings, ` +
      `${((counts.denied / CHECKS) * 100).toFixed(1)} % denied: ${[...deniedBy]
        .sort((a, b) => b[1] - a[1])
        .map(([limit, count]) => `${limit} ${((count / CHECKS) * 100).toFixed(1)} %`)
        .join(', ')}):`,
    `  per call, each timed with process.hrtime.bigint: median ${us(quantile(perCall, 0.5))}, p99 ${us(quantile(perCall, 0.99))}, ` +
      `p99.9 ${us(quantile(perCall, 0.999))}, max ${us(perCall[perCall.length - 1]!)} (target p99 < 20 µs; ` +
      `includes the timer pair itself: median ${us(quantile(timer, 0.5))})`,
    `  per call, mean of each batch of ${BATCH}: median ${us(quantile(perBatch, 0.5))}, p99 ${us(quantile(perBatch, 0.99))} ` +
      `(GC pauses and outliers spread over their batch)`,
  ];
}
