const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Throws RangeError for a zone ICU does not know.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utc`, in ms. */
function offsetAt(utc: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(utc)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall - Math.floor(utc / 1000) * 1000;
}

/** Whether ICU knows `timeZone` (e.g. `US/Eastern`, `America/New_York`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The UTC instant of a wall-clock time (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]`) in `timeZone`. A time
 * skipped by a DST change resolves to the instant after the gap; a repeated one to its first occurrence.
 * NaN for text that is not such a time.
 */
export function zonedToUtc(text: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
  if (Number.isNaN(wall)) return Number.NaN;
  // The zone's offsets half a day either side; a time valid under both (a repeated hour) takes the
  // first occurrence, one valid under neither (a skipped hour) the offset from before the change.
  const before = offsetAt(wall - 43_200_000, timeZone);
  const after = offsetAt(wall + 43_200_000, timeZone);
  const candidates = [wall - before, wall - after].filter((utc) => wall - offsetAt(utc, timeZone) === utc);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}
