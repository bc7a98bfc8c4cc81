import type { DataSource, Frame, OhlcvFrame } from '@nautilus/sdk';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { QueryGateway } from './query-gateway.ts';
import { limitFrames, timeframeThatFits } from './query-limit.ts';
import { SourceHealth } from './source-health.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
const now = Date.UTC(2026, 0, 1);

function bars(count: number, timeframe: OhlcvFrame['timeframe'] = '1m', start = now - count * MINUTE): OhlcvFrame {
  const time = Array.from({ length: count }, (_, index) => start + index * MINUTE);
  const values = time.map((_, index) => 100 + index);
  return {
    kind: 'ohlcv',
    symbol: 'SIM:BTCUSD',
    timeframe,
    time,
    open: values,
    high: values,
    low: values,
    close: values,
    volume: values,
  };
}

describe('timeframeThatFits', () => {
  it('proposes the smallest larger timeframe whose bars over the range fit the limit', () => {
    // 5 years = 1,825 days: 2,628,000 one-minute bars, 525,600 at 5m, 175,200 at 15m.
    expect(timeframeThatFits({ from: now - 5 * YEAR, to: now }, '1m', 200_000)).toBe('15m');
    // 1 year at 1m: 525,600 bars; at 5m 105,120.
    expect(timeframeThatFits({ from: now - YEAR, to: now }, '1m', 200_000)).toBe('5m');
    // 30 days of 1m bars against 1,000: 43,200 / 8,640 / 2,880 / 720 hourly bars.
    expect(timeframeThatFits({ from: now - 30 * DAY, to: now }, '1m', 1_000)).toBe('1h');
  });

  it('proposes nothing when even daily bars do not fit', () => {
    expect(timeframeThatFits({ from: now - 5 * YEAR, to: now }, '1h', 1_000)).toBeUndefined();
    expect(timeframeThatFits({ from: now - 5 * YEAR, to: now }, '1d', 10)).toBeUndefined();
  });
});

describe('limitFrames', () => {
  const range = { from: now - 5 * YEAR, to: now };

  it('leaves an answer within the limit alone and says nothing', () => {
    const frames = [bars(10)];
    const result = limitFrames(frames, 10, range);
    expect(result.frames[0]).toBe(frames[0]);
    expect(result.truncation).toBeUndefined();
  });

  it('keeps the latest bars of a cut answer and says so, with a timeframe that fits', () => {
    const frame = bars(11);
    const result = limitFrames([frame], 10, range);
    const kept = result.frames[0] as OhlcvFrame;
    expect(kept.time).toEqual(frame.time.slice(1));
    expect(kept.close).toEqual(frame.close.slice(1));
    expect(kept.volume.length).toBe(10);
    expect(result.truncation).toEqual({
      limit: 10,
      from: frame.time[1],
      message: 'Showing the last 10 bars; pick a larger timeframe or a shorter range.',
    });
    const large = limitFrames([bars(200_001)], 200_000, range).truncation;
    expect(large?.suggestedTimeframe).toBe('15m');
    expect(large?.message).toBe(
      'Showing the last 200,000 bars; pick a larger timeframe (15m fits this range) or a shorter range.',
    );
  });

  it('cuts each series of a time series to its latest points', () => {
    const frame: Frame = {
      kind: 'timeseries',
      series: [
        { name: 'equity', time: [1, 2, 3, 4], values: [10, 20, 30, 40] },
        { name: 'short', time: [3, 4], values: [1, 2] },
      ],
    };
    const result = limitFrames([frame], 3, range);
    expect(result.frames[0]).toEqual({
      kind: 'timeseries',
      series: [
        { name: 'equity', time: [2, 3, 4], values: [20, 30, 40] },
        { name: 'short', time: [3, 4], values: [1, 2] },
      ],
    });
    expect(result.truncation).toMatchObject({ limit: 3, from: 2, message: 'Showing the last 3 points; pick a shorter range.' });
  });

  it('keeps the first rows of a ranked table and the latest of a table in time order', () => {
    const ranked: Frame = { kind: 'table', columns: [{ name: 'symbol', type: 'string' }], rows: [['A'], ['B'], ['C']] };
    expect((limitFrames([ranked], 2, range).frames[0] as typeof ranked).rows).toEqual([['A'], ['B']]);
    const timed: Frame = { kind: 'table', columns: [{ name: 'time', type: 'time' }], rows: [[1], [2], [3]] };
    expect((limitFrames([timed], 2, range).frames[0] as typeof timed).rows).toEqual([[2], [3]]);
  });
});

describe('the query gateway', () => {
  /** A source that honours maxPoints as a source should: the latest bars of the range, at most that many. */
  const source: DataSource = {
    async query({ range, maxPoints }) {
      const all = Math.floor((range.to - range.from) / MINUTE);
      const count = Math.min(all, maxPoints);
      return [bars(count, '1m', range.to - count * MINUTE)];
    },
  };
  const gateway = new QueryGateway({
    resolve: () => ({
      pluginId: 'acme.bars',
      descriptor: { id: 'bars', name: 'Bars', frames: ['ohlcv'], querySchema: { type: 'object' } },
      implementation: source,
    }),
    health: new SourceHealth(),
    callTimeoutMs: 5_000,
    logger: pino({ level: 'silent' }),
  });

  it('reports a cut when the range holds more than the limit', async () => {
    const range = { from: now - 30 * DAY, to: now };
    const result = await gateway.queryLimited('acme.bars/bars', { params: {}, range, maxPoints: 1_000 });
    expect((result.frames[0] as OhlcvFrame).time.length).toBe(1_000);
    expect(result.truncation?.suggestedTimeframe).toBe('1h');
    expect(result.truncation?.from).toBe(now - 1_000 * MINUTE);
  });

  it('reports nothing when the range holds exactly the limit', async () => {
    const range = { from: now - 1_000 * MINUTE, to: now };
    const result = await gateway.queryLimited('acme.bars/bars', { params: {}, range, maxPoints: 1_000 });
    expect((result.frames[0] as OhlcvFrame).time.length).toBe(1_000);
    expect(result.truncation).toBeUndefined();
    expect(await gateway.query('acme.bars/bars', { params: {}, range, maxPoints: 999 })).toHaveLength(1);
  });
});
