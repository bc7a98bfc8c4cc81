import { describe, expect, it } from 'vitest';
import { formatCell } from './table-cell.ts';
import type { TableModelColumn } from './table-model.ts';

const column = (type: TableModelColumn['type'], extra: Partial<TableModelColumn> = {}): TableModelColumn => ({
  name: 'x',
  type,
  values: [],
  wholeNumbers: false,
  datesOnly: false,
  ...extra,
});

describe('formatCell', () => {
  it('groups thousands with the table decimals, none for whole-number columns, which shorten from a million', () => {
    expect(formatCell(column('number'), 1234.5, 2)).toBe('1,234.50');
    expect(formatCell(column('number', { wholeNumbers: true }), 123_456, 2)).toBe('123,456');
    expect(formatCell(column('number', { wholeNumbers: true }), 12_345_678, 2)).toBe('12.35M');
  });

  it('writes times in UTC, epoch ms or ISO, dates alone for daily columns', () => {
    expect(formatCell(column('time'), Date.UTC(2024, 0, 2, 9, 30), 2)).toBe('2024-01-02 09:30');
    expect(formatCell(column('time'), '2024-01-02T09:30:00Z', 2)).toBe('2024-01-02 09:30');
    expect(formatCell(column('time', { datesOnly: true }), Date.UTC(2024, 0, 2), 2)).toBe('2024-01-02');
  });

  it('shows a dash for empty cells and Yes/No for booleans', () => {
    expect(formatCell(column('string'), null, 2)).toBe('–');
    expect(formatCell(column('boolean'), false, 2)).toBe('No');
  });
});
