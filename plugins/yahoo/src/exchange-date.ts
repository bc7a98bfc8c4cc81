const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Throws RangeError for a zone ICU does not know.
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether ICU knows `timeZone` (e.g. `America/New_York`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** How a chart's instants map to exchange-local dates: by IANA zone, or by a fixed offset in seconds when the zone is unknown. */
export type ExchangeClock = { timeZone: string } | { gmtOffsetSeconds: number };

/**
 * 00:00 UTC of the date on which the instant `utc` falls at the exchange. Yahoo stamps a daily bar
 * with its session's open (AAPL 2020-01-02: 14:30 UTC, 09:30 in New York); this is 2020-01-02T00:00Z,
 * so daily bars of every provider line up whatever the exchange's time zone.
 */
export function exchangeDate(utc: number, clock: ExchangeClock): number {
  if ('gmtOffsetSeconds' in clock) return Math.floor((utc + clock.gmtOffsetSeconds * 1000) / DAY_MS) * DAY_MS;
  const parts = Object.fromEntries(
    formatter(clock.timeZone)
      .formatToParts(utc)
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!);
}
