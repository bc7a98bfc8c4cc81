import { TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';
import { isNyseEarlyClose, isNyseHoliday } from './nyse-holidays.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The session calendars gaps are judged against; `none` never reports a gap. */
export const CALENDARS = ['us-equity', 'fx', '24x7', 'none'] as const;
export type CalendarName = (typeof CALENDARS)[number];

const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

/** New York's offset from UTC in ms on date `day` (US DST: second Sunday of March to first Sunday of November). */
function newYorkOffsetMs(day: number): number {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  const march1 = Math.floor(Date.UTC(year, 2, 1) / DAY_MS);
  const dstStart = march1 + ((7 - weekday(march1)) % 7) + 7;
  const nov1 = Math.floor(Date.UTC(year, 10, 1) / DAY_MS);
  const dstEnd = nov1 + ((7 - weekday(nov1)) % 7);
  return day >= dstStart && day < dstEnd ? -4 * HOUR_MS : -5 * HOUR_MS;
}

/** UTC epoch ms of `minutes` after midnight New York time on New York date `day`. */
const newYork = (day: number, minutes: number) => day * DAY_MS + minutes * 60_000 - newYorkOffsetMs(day);

/** True when `calendar` has a session on trading date `day` (days since 1970-01-01). */
export function tradesOn(calendar: CalendarName, day: number): boolean {
  const dow = weekday(day);
  switch (calendar) {
    case 'us-equity':
      return dow >= 1 && dow <= 5 && !isNyseHoliday(day);
    case 'fx':
      return dow >= 1 && dow <= 5;
    case '24x7':
      return true;
    case 'none':
      return false;
  }
}

/** The session of trading date `day` as [open, close) UTC epoch ms, or undefined on a closed day. */
function session(calendar: CalendarName, day: number): [number, number] | undefined {
  if (!tradesOn(calendar, day)) return undefined;
  switch (calendar) {
    case 'us-equity':
      return [newYork(day, 9 * 60 + 30), newYork(day, isNyseEarlyClose(day) ? 13 * 60 : 16 * 60)];
    case 'fx':
      // Trading date D runs from 17:00 New York on the day before to 17:00 on D.
      return [newYork(day - 1, 17 * 60), newYork(day, 17 * 60)];
    default:
      return [day * DAY_MS, (day + 1) * DAY_MS];
  }
}

/** Milliseconds of [from, to) during which `calendar`'s market is open. */
export function openMs(calendar: CalendarName, from: number, to: number): number {
  if (calendar === 'none' || !(from < to)) return 0;
  if (calendar === '24x7') return to - from;
  let total = 0;
  for (let day = Math.floor(from / DAY_MS) - 1; day <= Math.floor(to / DAY_MS) + 1; day++) {
    const hours = session(calendar, day);
    if (hours) total += Math.max(0, Math.min(to, hours[1]) - Math.max(from, hours[0]));
  }
  return total;
}

/**
 * The trading date a daily bar belongs to. Providers stamp daily bars at 00:00 UTC, 00:00 exchange
 * time or the session's open (FX: 17:00 New York the evening before); eight hours later is within
 * the bar's own date in all these conventions.
 */
export const tradingDate = (time: number) => Math.floor((time + 8 * HOUR_MS) / DAY_MS);

/** True when the calendar expects at least one bar of `timeframe` to open in [from, to). */
export function expectsBars(calendar: CalendarName, timeframe: Timeframe, from: number, to: number): boolean {
  if (calendar === 'none' || !(from < to)) return false;
  if (timeframe === '1d') {
    for (let day = tradingDate(from); day < tradingDate(to); day++) if (tradesOn(calendar, day)) return true;
    return false;
  }
  return openMs(calendar, from, to) >= TIMEFRAME_MS[timeframe];
}

export interface Gaps {
  gaps: { from: number; to: number }[];
  count: number;
}

const MAX_LISTED = 50;

/**
 * Stretches of [from, to) where the calendar expected bars of `timeframe` and `time` (sorted bar open
 * times) has none. Intraday: a stretch between bars (or the range's ends) holding at least one bar's
 * length of open market. Daily: trading dates with no bar. `to` should not lie after the last bar a
 * provider could have closed (the caller passes min(range end, now)).
 */
export function findGaps(calendar: CalendarName, timeframe: Timeframe, time: readonly number[], from: number, to: number): Gaps {
  const found: Gaps = { gaps: [], count: 0 };
  if (calendar === 'none' || !(from < to)) return found;
  const add = (gapFrom: number, gapTo: number) => {
    found.count++;
    if (found.gaps.length < MAX_LISTED) found.gaps.push({ from: gapFrom, to: gapTo });
  };
  if (timeframe === '1d') {
    // Every trading date in [firstDay, endDay) lacks a bar: one gap from the first to the last of them.
    const check = (firstDay: number, endDay: number) => {
      let first: number | undefined;
      let last: number | undefined;
      for (let day = firstDay; day < endDay; day++) {
        if (!tradesOn(calendar, day)) continue;
        first ??= day;
        last = day;
      }
      if (first !== undefined && last !== undefined) add(first * DAY_MS, (last + 1) * DAY_MS);
    };
    let cursor = tradingDate(from);
    for (const bar of time) {
      const day = tradingDate(bar);
      if (day > cursor) check(cursor, day);
      cursor = Math.max(cursor, day + 1);
    }
    check(cursor, tradingDate(to));
    return found;
  }
  const length = TIMEFRAME_MS[timeframe];
  let cursor = from;
  for (const bar of time) {
    if (bar > cursor && openMs(calendar, cursor, bar) >= length) add(cursor, bar);
    cursor = Math.max(cursor, bar + length);
  }
  if (to > cursor && openMs(calendar, cursor, to) >= length) add(cursor, to);
  return found;
}
