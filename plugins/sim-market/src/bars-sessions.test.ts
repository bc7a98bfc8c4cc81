import { describe, expect, it } from 'vitest';
import { newYorkParts, queryBars } from './test-host.ts';

// Sunday 2024-10-13 to Sunday 2024-10-20 noon (UTC): one whole trading week, with the evening
// sessions that open it and before the one that opens the next.
const WEEK = ['2024-10-13T00:00:00Z', '2024-10-20T12:00:00Z'] as const;

const newYorkMinute = (time: number) => {
  const { hour, minute } = newYorkParts(time);
  return hour * 60 + minute;
};

describe('bars: trading sessions', () => {
  it('has SIM:AAPL trade only 09:30-16:00 New York, Monday to Friday', async () => {
    const { time } = await queryBars('SIM:AAPL', '1m', ...WEEK);
    expect(time).toHaveLength(5 * 390);
    const weekdays = new Set(time.map((t) => newYorkParts(t).weekday));
    expect([...weekdays].sort()).toEqual(['Fri', 'Mon', 'Thu', 'Tue', 'Wed']);
    expect(time.every((t) => newYorkMinute(t) >= 9 * 60 + 30 && newYorkMinute(t) < 16 * 60)).toBe(true);
    expect(time.some((t) => newYorkParts(t).hour === 3)).toBe(false);
  });

  it('opens SIM:AAPL at 13:30 UTC in July and 14:30 UTC in January (DST)', async () => {
    const july = await queryBars('SIM:AAPL', '1m', '2024-07-10', '2024-07-11');
    const january = await queryBars('SIM:AAPL', '1m', '2024-01-10', '2024-01-11');
    expect(new Date(july.time[0]!).toISOString()).toBe('2024-07-10T13:30:00.000Z');
    expect(new Date(july.time.at(-1)!).toISOString()).toBe('2024-07-10T19:59:00.000Z');
    expect(new Date(january.time[0]!).toISOString()).toBe('2024-01-10T14:30:00.000Z');
  });

  it('moves the SIM:AAPL open across the March 2024 DST switch', async () => {
    const { time } = await queryBars('SIM:AAPL', '1d', '2024-03-08', '2024-03-12');
    const opens = await Promise.all(
      time.map(async (day) => (await queryBars('SIM:AAPL', '1m', day, day + 86_400_000, 1e6)).time[0]),
    );
    expect(opens.map((open) => new Date(open!).toISOString())).toEqual(['2024-03-08T14:30:00.000Z', '2024-03-11T13:30:00.000Z']);
  });

  it('has SIM:EURUSD trade from Sunday 17:00 to Friday 17:00 New York, never on Saturday', async () => {
    const { time } = await queryBars('SIM:EURUSD', '1m', ...WEEK);
    expect(time).toHaveLength(5 * 24 * 60);
    expect(newYorkParts(time[0]!)).toMatchObject({ weekday: 'Sun', hour: 17, minute: 0 });
    expect(newYorkParts(time.at(-1)!)).toMatchObject({ weekday: 'Fri', hour: 16, minute: 59 });
    expect(time.some((t) => newYorkParts(t).weekday === 'Sat')).toBe(false);
  });

  it('has SIM:ES pause 17:00-18:00 New York every day', async () => {
    const { time } = await queryBars('SIM:ES', '1m', ...WEEK);
    expect(time).toHaveLength(5 * 23 * 60);
    expect(time.some((t) => newYorkParts(t).hour === 17)).toBe(false);
    expect(newYorkParts(time[0]!)).toMatchObject({ weekday: 'Sun', hour: 18, minute: 0 });
  });

  it('has SIM:BTCUSD trade around the clock, weekends included', async () => {
    const { time } = await queryBars('SIM:BTCUSD', '1m', ...WEEK);
    expect(time).toHaveLength(7.5 * 24 * 60);
    const weekend = await queryBars('SIM:BTCUSD', '1d', '2024-10-19', '2024-10-21');
    expect(weekend.time).toEqual([Date.parse('2024-10-19'), Date.parse('2024-10-20')]);
  });

  it('stamps daily bars at the UTC midnight of the trading date, Monday for the session opening on Sunday', async () => {
    const fx = await queryBars('SIM:EURUSD', '1d', ...WEEK);
    expect(fx.time.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2024-10-14',
      '2024-10-15',
      '2024-10-16',
      '2024-10-17',
      '2024-10-18',
    ]);
  });
});
