import { describe, expect, it } from 'vitest';
import { dueIn, nextBarDue } from './next-bar.ts';

const MINUTE = 60_000;
const T = Date.UTC(2026, 0, 5, 10, 0); // a bar's open time

describe('nextBarDue', () => {
  it('live: the bar after the last one seen closes two timeframes after the last one opened', () => {
    expect(nextBarDue({ timeframe: '1m', startedAt: new Date(T).toISOString(), replay: null, lastBarTime: T }, T + MINUTE)).toBe(
      T + 2 * MINUTE,
    );
    expect(nextBarDue({ timeframe: '1h', startedAt: '', replay: null, lastBarTime: T }, T)).toBe(T + 2 * 3_600_000);
  });

  it('live before any bar: the close of the bar forming now', () => {
    expect(nextBarDue({ timeframe: '1m', startedAt: '', replay: null, lastBarTime: null }, T + 15_000)).toBe(T + MINUTE);
  });

  it('replay: the replay clock maps bar times to wall time at its speed, never ahead of real time', () => {
    const started = T + 30 * MINUTE; // the deployment replays 30 bars before it at 600×
    const replay = { from: T, speed: 600 };
    // Bar T+4m (last seen) → T+5m opens, closes at T+6m of replay time: 6 min / 600 = 0.6 s after the start.
    expect(
      nextBarDue({ timeframe: '1m', startedAt: new Date(started).toISOString(), replay, lastBarTime: T + 4 * MINUTE }, started),
    ).toBe(started + 600);
    // Caught up with real time: due when the bar really closes.
    const late = T + 40 * MINUTE;
    expect(
      nextBarDue({ timeframe: '1m', startedAt: new Date(started).toISOString(), replay, lastBarTime: late }, late + 1_000),
    ).toBe(late + 2 * MINUTE);
  });
});

describe('dueIn', () => {
  it('says how long until, or how late', () => {
    expect(dueIn(10_000, 0)).toBe('in 10 s');
    expect(dueIn(185_000, 0)).toBe('in 3 min 5 s');
    expect(dueIn(2 * 3_600_000 + 600_000, 0)).toBe('in 2 h 10 min');
    expect(dueIn(0, 90_000)).toBe('overdue by 1 min 30 s');
  });
});
