import { describe, expect, it } from 'vitest';
import { newYorkInstant, newYorkOffsetMinutes, weekday } from './new-york-time.ts';

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

describe('New York time', () => {
  it.each([
    ['2024-01-15', -300],
    ['2024-07-15', -240],
    // Switch days: the offset after 02:00 local applies.
    ['2024-03-10', -240],
    ['2024-11-03', -300],
    // Before 2007 DST ran from the first Sunday of April to the last Sunday of October.
    ['2006-03-20', -300],
    ['2006-04-02', -240],
    ['2006-10-29', -300],
  ])('is UTC%s on %s', (date, offset) => {
    expect(newYorkOffsetMinutes(dayOf(date))).toBe(offset);
  });

  it('turns New York wall time into UTC', () => {
    expect(newYorkInstant(dayOf('2024-07-10'), 9 * 60 + 30)).toBe(Date.parse('2024-07-10T13:30:00Z'));
    expect(newYorkInstant(dayOf('2024-12-31'), 17 * 60)).toBe(Date.parse('2024-12-31T22:00:00Z'));
  });

  it('knows the day of the week', () => {
    expect(weekday(dayOf('2024-10-13'))).toBe(0);
    expect(weekday(dayOf('2000-01-03'))).toBe(1);
    expect(weekday(dayOf('2026-11-28'))).toBe(6);
  });
});
