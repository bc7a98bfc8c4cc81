/** The compounded return of one calendar month or year (UTC). */
export interface CalendarReturn {
  readonly year: number;
  /** 1–12 for a month; absent for a year. */
  readonly month?: number;
  readonly return: number;
}

/**
 * Monthly and yearly returns: each month's last level over the last level before that month − 1
 * (UTC calendar). The first month (and year) is measured from the series' first point, so it may
 * be partial; so may the last. A month holding only the first point has no return and is left out.
 */
export function calendarReturns(
  time: ArrayLike<number>,
  levels: ArrayLike<number>,
): { monthly: CalendarReturn[]; yearly: CalendarReturn[] } {
  const monthly: CalendarReturn[] = [];
  const yearly: CalendarReturn[] = [];
  if (levels.length < 2) return { monthly, yearly };
  let monthBase = levels[0]!;
  let yearBase = levels[0]!;
  let monthStart = 0;
  let yearStart = 0;
  let current = new Date(time[0]!);
  const end = (index: number) => {
    // `current` is the last point of the month that ends before `index`.
    const level = levels[index - 1]!;
    const newYear = index === levels.length || new Date(time[index]!).getUTCFullYear() !== current.getUTCFullYear();
    if (index - 1 > 0 || monthStart > 0) {
      monthly.push({ year: current.getUTCFullYear(), month: current.getUTCMonth() + 1, return: level / monthBase - 1 });
    }
    monthBase = level;
    monthStart = index;
    if (newYear) {
      if (index - 1 > 0 || yearStart > 0) yearly.push({ year: current.getUTCFullYear(), return: level / yearBase - 1 });
      yearBase = level;
      yearStart = index;
    }
  };
  // A Date only where a month ends: the month's bounds in ms decide the rest.
  let monthEnd = nextMonthStart(current);
  let monthBegin = Date.UTC(current.getUTCFullYear(), current.getUTCMonth(), 1);
  for (let index = 1; index < levels.length; index++) {
    const at = time[index]!;
    if (at >= monthBegin && at < monthEnd) continue;
    current = new Date(time[index - 1]!);
    end(index);
    current = new Date(at);
    monthBegin = Date.UTC(current.getUTCFullYear(), current.getUTCMonth(), 1);
    monthEnd = nextMonthStart(current);
  }
  current = new Date(time[levels.length - 1]!);
  end(levels.length);
  return { monthly, yearly };
}

function nextMonthStart(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
}
