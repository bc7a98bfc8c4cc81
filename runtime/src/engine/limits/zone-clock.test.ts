import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile.ts';
import { daysFromCivil, ZoneClock } from './zone-clock.ts';

const HOUR = 3_600_000;

describe('ZoneClock', () => {
  it('follows US daylight saving time: 2 am EST → 3 am EDT on 10 March 2024, back on 3 November', () => {
    const newYork = new ZoneClock('America/New_York');
    // The spring change is at 07:00 UTC; the autumn one at 06:00 UTC.
    expect(newYork.offsetAt(Date.parse('2024-03-10T06:59:59Z'))).toBe(-5 * HOUR);
    expect(newYork.offsetAt(Date.parse('2024-03-10T07:00:00Z'))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(Date.parse('2024-11-03T05:59:59Z'))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(Date.parse('2024-11-03T06:00:00Z'))).toBe(-5 * HOUR);
    // Out of order and far apart: the cache must not answer for the wrong day.
    expect(newYork.offsetAt(Date.parse('2024-07-01T12:00:00Z'))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(Date.parse('2024-01-15T12:00:00Z'))).toBe(-5 * HOUR);
    expect(newYork.offsetAt(Date.parse('2024-03-10T06:30:00Z'))).toBe(-5 * HOUR);
  });

  it('gives local minutes, days and weekdays', () => {
    const newYork = new ZoneClock('America/New_York');
    const time = Date.parse('2024-03-11T01:30:00Z'); // Sunday 10 March, 21:30 EDT
    expect(newYork.minuteOfDay(time)).toBe(21 * 60 + 30);
    expect(newYork.weekday(time)).toBe(6);
    expect(newYork.localDay(time)).toBe(daysFromCivil(2024, 3, 10));
    expect(newYork.describe(time)).toBe('Sun 2024-03-10 21:30');
    expect(new ZoneClock('UTC').describe(time)).toBe('Mon 2024-03-11 01:30');
  });

  it('agrees with Intl asked directly, every 3 h 7 min over three years, in several zones', () => {
    const reference = (zone: string, time: number) => {
      const text = new Date(time).toLocaleString('sv-SE', { timeZone: zone }); // '2024-03-10 03:00:00'
      return Date.parse(`${text.replace(' ', 'T')}Z`) - time;
    };
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Australia/Lord_Howe', 'Africa/Casablanca']) {
      const clock = new ZoneClock(zone);
      const mismatches: string[] = [];
      for (let time = Date.UTC(2022, 0, 1); time < Date.UTC(2025, 0, 1); time += 3 * HOUR + 7 * 60_000) {
        if (clock.offsetAt(time) !== reference(zone, time)) mismatches.push(new Date(time).toISOString());
      }
      expect(mismatches, zone).toEqual([]);
    }
  });

  it('handles half-hour zones', () => {
    expect(new ZoneClock('Asia/Kolkata').offsetAt(Date.parse('2024-06-01T00:00:00Z'))).toBe(5.5 * HOUR);
  });

  it('counts days like Date.UTC', () => {
    for (const [year, month, day] of [
      [1970, 1, 1],
      [2000, 2, 29],
      [2024, 12, 31],
      [1969, 12, 31],
    ] as const) {
      expect(daysFromCivil(year, month, day) * 86_400_000).toBe(Date.UTC(year, month - 1, day));
    }
  });
});

describe('normalQuantile', () => {
  it('matches standard normal tables to 1e-8', () => {
    // Φ⁻¹(p) from tables (e.g. Abramowitz & Stegun 26.2): 0.95 → 1.6448536270, 0.975 → 1.9599639845,
    // 0.99 → 2.3263478740, 0.999 → 3.0902323062, 0.5 → 0.
    for (const [p, z] of [
      [0.95, 1.644853627],
      [0.975, 1.9599639845],
      [0.99, 2.326347874],
      [0.999, 3.0902323062],
      [0.5, 0],
      [0.01, -2.326347874],
    ] as const) {
      expect(normalQuantile(p)).toBeCloseTo(z, 8);
    }
    expect(normalQuantile(1)).toBeNaN();
  });
});
