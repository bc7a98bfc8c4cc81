import { describe, expect, it } from 'vitest';
import { isNyseEarlyClose, isNyseHoliday } from './nyse-holidays.ts';
import { findGaps, openMs, tradingDate } from './session-calendar.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe('NYSE holidays', () => {
  it("matches the exchange's published 2024 and 2025 calendars", () => {
    const holidays2024 = [
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ];
    const holidays2025 = [
      '2025-01-01',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ];
    for (const date of [...holidays2024, ...holidays2025]) expect(isNyseHoliday(day(date)), date).toBe(true);
    let count = 0;
    for (let d = day('2024-01-01'); d < day('2026-01-01'); d++) if (isNyseHoliday(d)) count++;
    expect(count).toBe(20);
    for (const date of ['2024-07-03', '2024-11-29', '2024-12-24', '2025-07-03', '2025-11-28', '2025-12-24']) {
      expect(isNyseEarlyClose(day(date)), date).toBe(true);
    }
  });

  it('moves weekend holidays: July 4 2026 (Sat) to Fri 3rd, Christmas 2022 (Sun) to Mon 26th; New Year 2022 (Sat) is not moved back', () => {
    expect(isNyseHoliday(day('2026-07-03'))).toBe(true);
    expect(isNyseHoliday(day('2022-12-26'))).toBe(true);
    expect(isNyseHoliday(day('2021-12-31'))).toBe(false);
    expect(isNyseHoliday(day('2021-06-18'))).toBe(false); // Juneteenth only from 2022
    expect(isNyseHoliday(day('2022-06-20'))).toBe(true); // Sunday 19th observed Monday
  });
});

describe('session calendars', () => {
  it('counts open hours: NYSE 6.5 h a day across DST, 3.5 h on an early close, none on a holiday', () => {
    expect(openMs('us-equity', at('2024-03-08T00:00:00Z'), at('2024-03-09T00:00:00Z'))).toBe(6.5 * 3_600_000); // EST
    expect(openMs('us-equity', at('2024-03-11T00:00:00Z'), at('2024-03-12T00:00:00Z'))).toBe(6.5 * 3_600_000); // EDT
    expect(openMs('us-equity', at('2024-03-11T13:30:00Z'), at('2024-03-11T13:31:00Z'))).toBe(60_000); // 09:30 EDT
    expect(openMs('us-equity', at('2024-03-08T13:30:00Z'), at('2024-03-08T14:30:00Z'))).toBe(0); // before 09:30 EST
    expect(openMs('us-equity', at('2024-11-29T00:00:00Z'), at('2024-11-30T00:00:00Z'))).toBe(3.5 * 3_600_000);
    expect(openMs('us-equity', at('2024-12-25T00:00:00Z'), at('2024-12-26T00:00:00Z'))).toBe(0);
    expect(openMs('fx', at('2024-06-08T00:00:00Z'), at('2024-06-09T21:00:00Z'))).toBe(0); // the weekend
    expect(openMs('fx', at('2024-06-09T21:00:00Z'), at('2024-06-09T22:00:00Z'))).toBe(3_600_000); // Sunday 17:00 EDT
    expect(openMs('24x7', 0, 1000)).toBe(1000);
  });

  it('puts daily bars stamped 00:00 UTC, 00:00 New York, the open, or the FX evening before on their own date', () => {
    const d = day('2024-06-10');
    for (const stamp of ['2024-06-10T00:00:00Z', '2024-06-10T04:00:00Z', '2024-06-10T13:30:00Z', '2024-06-09T21:00:00Z']) {
      expect(tradingDate(at(stamp)), stamp).toBe(d);
    }
  });

  it('finds missing daily bars on trading days only, merging a run into one gap', () => {
    const bars = ['2024-12-23', '2024-12-24', '2024-12-30'].map((date) => at(`${date}T00:00:00Z`));
    // Missing: Thu 26th and Fri 27th (Christmas Wed 25th and the weekend are not gaps); Tue 31st at the end.
    const found = findGaps('us-equity', '1d', bars, at('2024-12-23T00:00:00Z'), at('2025-01-01T00:00:00Z'));
    expect(found.gaps).toEqual([
      { from: at('2024-12-26T00:00:00Z'), to: at('2024-12-28T00:00:00Z') },
      { from: at('2024-12-31T00:00:00Z'), to: at('2025-01-01T00:00:00Z') },
    ]);
    expect(found.count).toBe(2);
  });

  it('finds a missing hour inside an NYSE session, and none overnight or before the open', () => {
    const hour = 3_600_000;
    const open = at('2024-06-10T13:30:00Z');
    const bars = [0, 1, 2, 4, 5, 6].map((n) => open + n * hour); // 12:30 EDT missing
    const found = findGaps('us-equity', '1h', bars, at('2024-06-10T00:00:00Z'), at('2024-06-11T13:30:00Z'));
    expect(found.gaps).toEqual([{ from: open + 3 * hour, to: open + 4 * hour }]);
    expect(findGaps('none', '1h', [], 0, 1e12)).toEqual({ gaps: [], count: 0 });
    // A crypto series missing nothing has no gaps; one missing minute has one.
    const minutes = Array.from({ length: 60 }, (_, i) => i * 60_000).filter((t) => t !== 30 * 60_000);
    expect(findGaps('24x7', '1m', minutes, 0, 3_600_000)).toEqual({ gaps: [{ from: 1_800_000, to: 1_860_000 }], count: 1 });
  });
});

describe('whether a stretch should hold bars', () => {
  it('expects daily bars on trading days only, and intraday bars for a bar length of open market', async () => {
    const { expectsBars } = await import('./session-calendar.ts');
    // 30 and 31 December 2019 trade; 1 January does not.
    expect(expectsBars('us-equity', '1d', at('2019-12-30T00:00:00Z'), at('2020-01-02T00:00:00Z'))).toBe(true);
    expect(expectsBars('us-equity', '1d', at('2020-01-01T00:00:00Z'), at('2020-01-02T00:00:00Z'))).toBe(false);
    expect(expectsBars('us-equity', '1d', at('2024-06-08T00:00:00Z'), at('2024-06-10T00:00:00Z'))).toBe(false); // a weekend
    expect(expectsBars('us-equity', '1h', at('2024-06-10T13:30:00Z'), at('2024-06-10T14:29:00Z'))).toBe(false);
    expect(expectsBars('us-equity', '1h', at('2024-06-10T13:30:00Z'), at('2024-06-10T14:30:00Z'))).toBe(true);
    expect(expectsBars('none', '1m', 0, 1e12)).toBe(false);
  });
});
