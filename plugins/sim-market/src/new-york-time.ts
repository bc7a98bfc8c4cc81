// Sessions are defined in New York wall time; this turns that into UTC instants, DST included.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

// Intl formatting costs microseconds; a session needs one offset per day, so each day is asked once.
// At most one entry per calendar day ever queried: a few thousand numbers.
const offsetByDay = new Map<number, number>();

function offsetAt(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallClock.formatToParts(instant)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  return Math.round((wall - instant) / MINUTE_MS);
}

/**
 * New York's offset from UTC in minutes (-300 in winter, -240 in summer) on calendar date `day`
 * (days since 1970-01-01), valid from 03:00 local: DST switches at 02:00, before any session edge.
 */
export function newYorkOffsetMinutes(day: number): number {
  let offset = offsetByDay.get(day);
  if (offset === undefined) {
    // Noon UTC is 07:00 or 08:00 in New York, after the switch on a switching day.
    offset = offsetAt(day * DAY_MS + 12 * 60 * MINUTE_MS);
    offsetByDay.set(day, offset);
  }
  return offset;
}

/** UTC epoch ms of New York wall time `minuteOfDay` (e.g. 570 = 09:30) on calendar date `day`. */
export function newYorkInstant(day: number, minuteOfDay: number): number {
  return day * DAY_MS + (minuteOfDay - newYorkOffsetMinutes(day)) * MINUTE_MS;
}

/** Day of the week of calendar date `day`: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
