import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { addClosedBar, type Bar, barsOfFrame, EMPTY_TAIL, mergeBars, pruneTail, setFormingBar } from './bar-merge.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 14, 30);

/** A bar at minute `index` whose prices all equal `price` (enough to tell bars apart). */
const bar = (index: number, price: number, volume = 100): Bar => ({
  time: T0 + index * MINUTE,
  open: price,
  high: price,
  low: price,
  close: price,
  volume,
});

function frameOf(bars: Bar[]): OhlcvFrame {
  return {
    kind: 'ohlcv',
    symbol: 'SIM:AAPL',
    timeframe: '1m',
    time: bars.map((item) => item.time),
    open: bars.map((item) => item.open),
    high: bars.map((item) => item.high),
    low: bars.map((item) => item.low),
    close: bars.map((item) => item.close),
    volume: bars.map((item) => item.volume),
  };
}

const minutes = (frame: OhlcvFrame) => frame.time.map((time) => (time - T0) / MINUTE);

describe('mergeBars', () => {
  it('answers the history itself when nothing arrived live', () => {
    const history = frameOf([bar(0, 10), bar(1, 11)]);
    expect(mergeBars(history, EMPTY_TAIL)).toBe(history);
  });

  it('replaces the history’s still-forming last bar with the closed one and appends newer bars', () => {
    // History fetched during minute 2: its bar 2 was partial (close 12). Live: 2 closed at 12.5, 3 closed, 4 forming.
    const history = frameOf([bar(0, 10), bar(1, 11), bar(2, 12, 40)]);
    let tail = addClosedBar(EMPTY_TAIL, bar(2, 12.5, 100));
    tail = addClosedBar(tail, bar(3, 13));
    tail = setFormingBar(tail, bar(4, 14, 20));
    const merged = mergeBars(history, tail);
    expect(minutes(merged)).toEqual([0, 1, 2, 3, 4]);
    expect(merged.close).toEqual([10, 11, 12.5, 13, 14]);
    expect(merged.forming).toBeUndefined();
  });

  it('keeps times strictly increasing when live bars overlap the whole end of the history (subscribed before the query ran)', () => {
    const history = frameOf([0, 1, 2, 3, 4, 5].map((index) => bar(index, 10 + index)));
    let tail = EMPTY_TAIL;
    for (const index of [3, 4, 5, 6]) tail = addClosedBar(tail, bar(index, 100 + index));
    const merged = mergeBars(history, tail);
    expect(minutes(merged)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(merged.close).toEqual([10, 11, 12, 103, 104, 105, 106]);
  });

  it('leaves out a forming bar older than the history’s newest bar, and a forming bar with less volume than the history’s bar of its time', () => {
    const history = frameOf([bar(0, 10), bar(1, 11), bar(2, 12, 300)]);
    expect(mergeBars(history, { closed: [], forming: bar(1, 99) })).toBe(history);
    expect(mergeBars(history, { closed: [], forming: bar(2, 99, 200) })).toBe(history);
    expect(mergeBars(history, { closed: [], forming: bar(2, 13, 350) }).close).toEqual([10, 11, 13]);
  });

  it('moves the forming bar in place on each tick, then appends it once it closes', () => {
    const history = frameOf([bar(0, 10), bar(1, 11)]);
    let tail = setFormingBar(EMPTY_TAIL, bar(2, 12, 10));
    expect(mergeBars(history, tail).close).toEqual([10, 11, 12]);
    tail = setFormingBar(tail, bar(2, 12.4, 30));
    expect(mergeBars(history, tail).close).toEqual([10, 11, 12.4]);
    tail = addClosedBar(tail, bar(2, 12.6, 50));
    expect(tail.forming).toBeUndefined();
    tail = setFormingBar(tail, bar(3, 13, 5));
    const merged = mergeBars(history, tail);
    expect(minutes(merged)).toEqual([0, 1, 2, 3]);
    expect(merged.close).toEqual([10, 11, 12.6, 13]);
  });
});

describe('the live tail', () => {
  it('ignores a forming update that arrives after its bar closed (latest-value and lossless channels race)', () => {
    const tail = addClosedBar(EMPTY_TAIL, bar(5, 15));
    expect(setFormingBar(tail, bar(5, 14))).toBe(tail);
    expect(setFormingBar(tail, bar(4, 14))).toBe(tail);
  });

  it('keeps closed bars in time order with one bar per time, whatever order they come in', () => {
    let tail = EMPTY_TAIL;
    for (const index of [3, 1, 2, 3]) tail = addClosedBar(tail, bar(index, index));
    expect(tail.closed.map((item) => (item.time - T0) / MINUTE)).toEqual([1, 2, 3]);
  });

  it('prunes closed bars a newer history already holds, keeping the one at its last time', () => {
    let tail = EMPTY_TAIL;
    for (const index of [1, 2, 3, 4]) tail = addClosedBar(tail, bar(index, index));
    const pruned = pruneTail(tail, frameOf([bar(0, 0), bar(1, 1), bar(2, 2), bar(3, 3)]));
    expect(pruned.closed.map((item) => (item.time - T0) / MINUTE)).toEqual([3, 4]);
  });
});

describe('barsOfFrame', () => {
  it('reads a streamed one-bar frame with its forming flag, and refuses what is not OHLCV', () => {
    const streamed = { ...frameOf([bar(7, 17)]), forming: true };
    expect(barsOfFrame(streamed)).toEqual({ bars: [bar(7, 17)], forming: true, symbol: 'SIM:AAPL', timeframe: '1m' });
    expect(barsOfFrame({ kind: 'scalar', value: 1 })).toBeUndefined();
    expect(barsOfFrame('ohlcv')).toBeUndefined();
  });
});
