import { describe, expect, it } from 'vitest';
import { parseTimeCell } from './time-cell.ts';

const utc = (iso: string) => Date.parse(iso);

describe('time cells of data files', () => {
  it('reads years, months, dates and date-times as UTC unless an offset is given', () => {
    expect(parseTimeCell('2024')).toBe(utc('2024-01-01T00:00:00Z'));
    expect(parseTimeCell('2024-05')).toBe(utc('2024-05-01T00:00:00Z'));
    expect(parseTimeCell('2024-05-06')).toBe(utc('2024-05-06T00:00:00Z'));
    expect(parseTimeCell(' 2024-05-06 13:30 ')).toBe(utc('2024-05-06T13:30:00Z'));
    expect(parseTimeCell('2024-05-06T13:30:15.250')).toBe(utc('2024-05-06T13:30:15.250Z'));
    expect(parseTimeCell('2024-05-06T13:30:00-04:00')).toBe(utc('2024-05-06T17:30:00Z'));
    expect(parseTimeCell('2024-05-06T13:30:00+0530')).toBe(utc('2024-05-06T08:00:00Z'));
    expect(parseTimeCell('2024-02-29')).toBe(utc('2024-02-29T00:00:00Z'));
    for (const bad of ['06/05/2024', '2024-13-01', '2023-02-29', '2024-04-31', '2024-05-06T24:00', '', 'May 2024', '20240506']) {
      expect(parseTimeCell(bad), bad).toBeUndefined();
    }
  });
});
