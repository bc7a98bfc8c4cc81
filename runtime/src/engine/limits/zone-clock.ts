const DAY_MS = 86_400_000;
/** Offset changes are months apart (even Morocco's Ramadan pause lasts about a month): at most one per span. */
const SPAN_MS = 28 * DAY_MS;
/** Every UTC offset in use is a whole number of quarter hours, so offsets only change on these boundaries. */
const QUARTER_HOUR_MS = 900_000;
const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * Local time in one IANA time zone, DST included, without asking Intl on every call: Intl is asked
 * for the offset at both ends of a 28-day span of UTC time; when they differ (a span with one of
 * the one or two transitions a year) a binary search over quarter hours finds the change (12 more
 * calls). Then the span is answered with two numbers.
 */
export class ZoneClock {
  readonly timeZone: string;
  /** Null for UTC, whose offset is always 0. */
  private readonly format: Intl.DateTimeFormat | null;
  private spanStart = Number.NaN;
  /** The offset before `change` and from it on, within [spanStart, spanStart + SPAN_MS). */
  private before = 0;
  private after = 0;
  private change = Number.POSITIVE_INFINITY;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    this.format = format.resolvedOptions().timeZone === 'UTC' ? null : format;
  }

  /** Local time minus UTC at `time`, in ms (e.g. −4 h for New York in summer). */
  offsetAt(time: number): number {
    if (this.format === null) return 0;
    if (!(time >= this.spanStart && time < this.spanStart + SPAN_MS)) this.learnSpan(Math.floor(time / SPAN_MS) * SPAN_MS);
    return time < this.change ? this.before : this.after;
  }

  private learnSpan(start: number): void {
    this.spanStart = start;
    let low = start;
    let high = start + SPAN_MS - QUARTER_HOUR_MS;
    this.before = this.exactOffset(low);
    this.after = this.exactOffset(high);
    this.change = Number.POSITIVE_INFINITY;
    if (this.before === this.after) return;
    // Offset changes happen on quarter-hour boundaries: find the first quarter hour with the new offset.
    while (high - low > QUARTER_HOUR_MS) {
      const middle = low + Math.floor((high - low) / QUARTER_HOUR_MS / 2) * QUARTER_HOUR_MS;
      if (this.exactOffset(middle) === this.before) low = middle;
      else high = middle;
    }
    this.change = high;
  }

  /** Days since 1970-01-01 of the local date at `time`. */
  localDay(time: number): number {
    return Math.floor((time + this.offsetAt(time)) / DAY_MS);
  }

  /** Minutes since local midnight, 0 to 1439. */
  minuteOfDay(time: number): number {
    const local = time + this.offsetAt(time);
    return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / 60_000);
  }

  /** 0 = Monday … 6 = Sunday, of the local date. */
  weekday(time: number): number {
    return weekdayOfDay(this.localDay(time));
  }

  /** e.g. 'Sun 2024-03-10 03:00', for messages. */
  describe(time: number): string {
    const day = this.localDay(time);
    const minute = this.minuteOfDay(time);
    const [year, month, date] = civilFromDays(day);
    return `${WEEKDAY_LABELS[weekdayOfDay(day)]} ${year}-${pad(month)}-${pad(date)} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
  }

  private exactOffset(time: number): number {
    const wholeSeconds = Math.floor(time / 1000) * 1000;
    let year = 1970;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format!.formatToParts(wholeSeconds)) {
      const value = Number(part.value);
      if (part.type === 'year') year = value;
      else if (part.type === 'month') month = value;
      else if (part.type === 'day') day = value;
      else if (part.type === 'hour') hour = value;
      else if (part.type === 'minute') minute = value;
      else if (part.type === 'second') second = value;
    }
    const local = daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
    return local - wholeSeconds;
  }
}

function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 3) % 7) + 7) % 7;
}

const pad = (value: number) => (value < 10 ? `0${value}` : String(value));

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
