const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "5 minutes ago" for recent times, the calendar date (YYYY-MM-DD, UTC) past 30 days;
 * a string that is not a date comes back unchanged.
 * @example formatRelativeTime('2026-11-24T10:00:00Z', Date.parse('2026-11-24T12:30:00Z')) // '2 hours ago'
 */
export function formatRelativeTime(iso: string, nowMs: number): string {
  const thenMs = Date.parse(iso);
  if (Number.isNaN(thenMs)) return iso;
  const elapsedMs = nowMs - thenMs;
  if (Math.abs(elapsedMs) < 45_000) return 'just now';
  if (Math.abs(elapsedMs) > 30 * 86_400_000) return new Date(thenMs).toISOString().slice(0, 10);
  for (const [unit, unitMs] of units) {
    if (Math.abs(elapsedMs) >= unitMs || unit === 'minute') {
      return relative.format(-Math.round(elapsedMs / unitMs), unit);
    }
  }
  return iso;
}
