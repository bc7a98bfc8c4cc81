/**
 * NYSE full holidays and 13:00 early closes by the exchange's published rules (Rule 7.2), for any
 * year from 1990: New Year's Day, Martin Luther King Jr. Day (from 1998), Washington's Birthday,
 * Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving and
 * Christmas, moved to Friday or Monday when they fall on a weekend (New Year's Day is not moved back
 * into December). One-off closings (national mourning, 9/11, Hurricane Sandy) are not included.
 */

const DAY_MS = 86_400_000;
const cache = new Map<number, { holidays: Set<number>; earlyCloses: Set<number> }>();

/** Days since 1970-01-01 of a UTC calendar date. */
const dayOf = (year: number, month: number, date: number) => Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday

function nthWeekday(year: number, month: number, dow: number, n: number): number {
  const first = dayOf(year, month, 1);
  return first + ((dow - weekday(first) + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, dow: number): number {
  const last = dayOf(year, month + 1, 0);
  return last - ((weekday(last) - dow + 7) % 7);
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, date);
}

/** A fixed-date holiday as observed: Saturday → Friday, Sunday → Monday. */
function observed(day: number): number {
  const dow = weekday(day);
  return dow === 6 ? day - 1 : dow === 0 ? day + 1 : day;
}

function forYear(year: number) {
  let entry = cache.get(year);
  if (entry) return entry;
  const holidays = new Set<number>();
  const newYear = dayOf(year, 1, 1);
  if (weekday(newYear) !== 6) holidays.add(observed(newYear));
  if (year >= 1998) holidays.add(nthWeekday(year, 1, 1, 3));
  holidays.add(nthWeekday(year, 2, 1, 3));
  holidays.add(easter(year) - 2);
  holidays.add(lastWeekday(year, 5, 1));
  if (year >= 2022) holidays.add(observed(dayOf(year, 6, 19)));
  holidays.add(observed(dayOf(year, 7, 4)));
  holidays.add(nthWeekday(year, 9, 1, 1));
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  holidays.add(thanksgiving);
  holidays.add(observed(dayOf(year, 12, 25)));
  const earlyCloses = new Set<number>();
  const isTradingWeekday = (day: number) => weekday(day) >= 1 && weekday(day) <= 5 && !holidays.has(day);
  for (const day of [dayOf(year, 7, 3), thanksgiving + 1, dayOf(year, 12, 24)]) {
    if (isTradingWeekday(day)) earlyCloses.add(day);
  }
  entry = { holidays, earlyCloses };
  cache.set(year, entry);
  return entry;
}

/** True when the NYSE is closed all of `day` (days since 1970-01-01, a New York date). */
export function isNyseHoliday(day: number): boolean {
  return forYear(new Date(day * DAY_MS).getUTCFullYear()).holidays.has(day);
}

/** True when the NYSE closes at 13:00 New York time on `day`. */
export function isNyseEarlyClose(day: number): boolean {
  return forYear(new Date(day * DAY_MS).getUTCFullYear()).earlyCloses.has(day);
}
