import { describe, expect, it } from 'vitest';
import { ALL_FOLDERS, filterDashboards, foldersOf } from './dashboard-filter.ts';

const list = [
  { title: 'Rates desk', folder: 'Macro' },
  { title: 'FX RATES', folder: null },
  { title: 'Equities', folder: 'Macro' },
  { title: 'Crypto', folder: 'Alt' },
];

describe('foldersOf', () => {
  it('lists each folder once, sorted, without the top level', () => {
    expect(foldersOf(list)).toEqual(['Alt', 'Macro']);
  });
});

describe('filterDashboards', () => {
  it('keeps one folder, or the top level, or all', () => {
    expect(filterDashboards(list, 'Macro', '').map((item) => item.title)).toEqual(['Rates desk', 'Equities']);
    expect(filterDashboards(list, null, '').map((item) => item.title)).toEqual(['FX RATES']);
    expect(filterDashboards(list, ALL_FOLDERS, '')).toHaveLength(4);
  });

  it('matches titles containing the search text whatever its case', () => {
    expect(filterDashboards(list, ALL_FOLDERS, ' rates ').map((item) => item.title)).toEqual(['Rates desk', 'FX RATES']);
    expect(filterDashboards(list, 'Macro', 'rates').map((item) => item.title)).toEqual(['Rates desk']);
    expect(filterDashboards(list, ALL_FOLDERS, 'bonds')).toEqual([]);
  });
});
