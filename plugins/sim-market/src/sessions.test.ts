import { describe, expect, it } from 'vitest';
import { sessions } from './sessions.ts';
import { newYorkParts } from './test-host.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const wall = (time: number) => {
  const { hour, minute } = newYorkParts(time);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

describe('sessions', () => {
  // Every trading date from 2000 to 2030, so every DST switch of both US rules is crossed.
  const first = Date.parse('2000-01-03') / DAY;
  const last = Date.parse('2030-12-31') / DAY;

  it.each([
    ['us-equity', '09:30', '16:00'],
    ['fx', '17:00', '17:00'],
    ['cme', '18:00', '17:00'],
  ] as const)('%s opens at %s and closes at %s New York time on every trading date', (kind, opens, closes) => {
    const session = sessions[kind];
    const wrong: string[] = [];
    for (let day = first; day <= last; day++) {
      if (!session.trades(day)) continue;
      const open = session.opensAt(day);
      const close = open + session.minutes * MINUTE;
      if (wall(open) !== opens || wall(close) !== closes) wrong.push(new Date(day * DAY).toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('trades weekday dates only, except crypto', () => {
    const saturday = Date.parse('2024-10-19') / DAY;
    const monday = Date.parse('2024-10-21') / DAY;
    expect(
      [sessions['us-equity'], sessions.fx, sessions.cme].map((session) => [session.trades(saturday), session.trades(monday)]),
    ).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
    expect(sessions.crypto.trades(saturday)).toBe(true);
    expect(sessions.crypto.opensAt(saturday)).toBe(Date.parse('2024-10-19T00:00:00Z'));
  });

  it('gives each profile mean-one volume weights and a variance share from 0 to 1', () => {
    for (const session of Object.values(sessions)) {
      const { volumeWeight, varianceShare } = session.profile;
      expect(volumeWeight).toHaveLength(session.minutes);
      expect(volumeWeight.reduce((sum, weight) => sum + weight, 0) / session.minutes).toBeCloseTo(1, 9);
      expect([varianceShare[0], varianceShare[session.minutes]]).toEqual([0, 1]);
    }
  });

  it('makes the US cash session busiest at the open and the close (U shape)', () => {
    const weights = sessions['us-equity'].profile.volumeWeight;
    const midday = weights[195]!;
    expect(weights[0]! / midday).toBeGreaterThan(3);
    expect(weights[389]! / midday).toBeGreaterThan(2);
  });
});
