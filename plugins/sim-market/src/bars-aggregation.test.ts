import type { OhlcvFrame, Timeframe } from '@nautilus/sdk';
import { TIMEFRAME_MS } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { instruments } from './index.ts';
import { newYorkParts, queryBars } from './test-host.ts';

// Aggregates 1m bars by a key, the textbook way: first open, max high, min low, last close, sum volume.
function aggregate(minutes: OhlcvFrame, keyOf: (time: number) => number): number[][] {
  const buckets = new Map<number, number[]>();
  minutes.time.forEach((time, index) => {
    const key = keyOf(time);
    const [open, high, low, close, volume] = [minutes.open, minutes.high, minutes.low, minutes.close, minutes.volume].map(
      (column) => column[index] as number,
    ) as [number, number, number, number, number];
    const bar = buckets.get(key);
    if (!bar) buckets.set(key, [key, open, high, low, close, volume]);
    else buckets.set(key, [key, bar[1]!, Math.max(bar[2]!, high), Math.min(bar[3]!, low), close, bar[5]! + volume]);
  });
  return [...buckets.values()];
}

const rows = (frame: OhlcvFrame) =>
  frame.time.map((time, index) => [
    time,
    frame.open[index],
    frame.high[index],
    frame.low[index],
    frame.close[index],
    frame.volume[index],
  ]);

// The trading date of a 1m bar as UTC-midnight epoch ms: sessions that open in the New York evening
// (FX from 17:00, CME from 18:00) belong to the next day's date.
function tradingDate(symbol: string, time: number): number {
  const { date, hour } = newYorkParts(time);
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const evening = symbol === 'SIM:EURUSD' ? 17 : symbol === 'SIM:ES' ? 18 : 24;
  if (symbol === 'SIM:BTCUSD') return time - (time % 86_400_000);
  return hour >= evening ? midnight + 86_400_000 : midnight;
}

describe('bars: larger timeframes are exact aggregates of the 1m bars', () => {
  const cases: [string, Timeframe][] = [
    ['SIM:AAPL', '5m'],
    ['SIM:AAPL', '1h'],
    ['SIM:EURUSD', '15m'],
    ['SIM:ES', '4h'],
    ['SIM:BTCUSD', '1h'],
  ];
  it.each(cases)('%s %s', async (symbol, timeframe) => {
    const from = '2024-03-06T00:00:00Z';
    const to = '2024-03-13T00:00:00Z';
    const size = TIMEFRAME_MS[timeframe];
    const minutes = await queryBars(symbol, '1m', from, to);
    const bars = await queryBars(symbol, timeframe, from, to);
    expect(bars.time.length).toBeGreaterThan(10);
    expect(rows(bars)).toEqual(aggregate(minutes, (time) => time - (time % size)));
  });

  it.each(['SIM:AAPL', 'SIM:EURUSD', 'SIM:ES', 'SIM:BTCUSD'])(
    '%s 1d is the whole session of its trading date',
    async (symbol) => {
      // 2024-03-11 follows the DST switch: the FX and CME sessions open on the Sunday after it.
      const days = await queryBars(symbol, '1d', '2024-03-07', '2024-03-14');
      const minutes = await queryBars(symbol, '1m', '2024-03-05', '2024-03-15');
      const expected = aggregate(minutes, (time) => tradingDate(symbol, time)).filter(
        ([date]) => date! >= Date.parse('2024-03-07') && date! < Date.parse('2024-03-14'),
      );
      expect(days.time.length).toBe(symbol === 'SIM:BTCUSD' ? 7 : 5);
      expect(rows(days)).toEqual(expected);
    },
  );
});

describe('bars: prices are consistent', () => {
  it.each(instruments.map((instrument) => [instrument.symbol, instrument] as const))(
    '%s 1m bars keep OHLC order, ticks and volumes',
    async (_, instrument) => {
      const frame = await queryBars(instrument.symbol, '1m', '2025-06-02', '2025-06-05');
      expect(frame.time.length).toBeGreaterThan(300);
      const offTick = (price: number) => Math.abs(price / instrument.tickSize - Math.round(price / instrument.tickSize)) > 1e-6;
      const problems = frame.time.flatMap((time, index) => {
        const [open, high, low, close, volume] = [frame.open, frame.high, frame.low, frame.close, frame.volume].map(
          (column) => column[index] as number,
        ) as [number, number, number, number, number];
        const ordered = low > 0 && low <= Math.min(open, close) && Math.max(open, close) <= high;
        const onTicks = ![open, high, low, close].some(offTick);
        const counted = Number.isInteger(volume) && volume >= 0;
        return ordered && onTicks && counted ? [] : [{ time, open, high, low, close, volume }];
      });
      expect(problems).toEqual([]);
      expect(frame.volume.some((volume) => volume > 0)).toBe(instrument.dailyVolume > 0);
    },
  );

  it('closes at the anchor price on the anchor date', async () => {
    const [day] = rows(await queryBars('SIM:AAPL', '1d', '2025-01-02', '2025-01-03'));
    expect(day?.[4]).toBe(243.85);
  });

  it.each(['SIM:SPY', 'SIM:NVDA', 'SIM:EURUSD', 'SIM:BTCUSD'])(
    '%s realises roughly its annual volatility over 10 years of daily closes',
    async (symbol) => {
      const instrument = instruments.find((item) => item.symbol === symbol)!;
      const { close } = await queryBars(symbol, '1d', '2014-01-01', '2024-01-01');
      const returns = close.slice(1).map((price, index) => Math.log(price / close[index]!));
      const mean = returns.reduce((sum, value) => sum + value, 0) / returns.length;
      const variance = returns.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (returns.length - 1);
      // Annualised with the bars per year of each market: 252 trading days, 365 for crypto.
      const annualised = Math.sqrt(variance * (instrument.session === 'crypto' ? 365 : 252));
      expect(annualised).toBeGreaterThan(instrument.volatility * 0.8);
      expect(annualised).toBeLessThan(instrument.volatility * 1.2);
    },
  );
});
