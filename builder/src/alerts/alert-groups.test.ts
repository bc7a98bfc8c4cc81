import { describe, expect, it } from 'vitest';
import { limitName } from '../risk/limit-kinds.ts';
import { alertGroupsInput, groupCountText, newestListed, sourceOptions } from './alert-groups.ts';

const source = (kind: 'backtest' | 'deployment' | 'portfolio', id: string, name: string) => ({ source: { kind, id, name } });

describe('alertGroupsInput', () => {
  it('sends only the filters set, so equal filters share a query', () => {
    expect(alertGroupsInput({})).toEqual({ maxGroups: 100 });
    expect(alertGroupsInput({ sourceKind: undefined, limit: '', unread: false })).toEqual({ maxGroups: 100 });
    expect(alertGroupsInput({ sourceKind: 'backtest', sourceId: 'r1', limit: 'maxPosition', unread: true })).toEqual({
      maxGroups: 100,
      sourceKind: 'backtest',
      sourceId: 'r1',
      limit: 'maxPosition',
      unread: true,
    });
  });
});

describe('limitName', () => {
  it('names a limit kind as the limit editor does, and keeps what it does not know', () => {
    expect(limitName('maxPosition')).toBe('Max position');
    expect(limitName('allowedInstruments')).toBe('Allowed instruments');
    expect(limitName('summary')).toBe('Findings not stored one by one');
    expect(limitName('somethingNew')).toBe('somethingNew');
  });
});

describe('sourceOptions', () => {
  const groups = [
    source('backtest', 'r1', 'SMA v1 on SIM:MSFT 1d'),
    source('portfolio', 'p1', 'Core book'),
    source('backtest', 'r1', 'SMA v1 on SIM:MSFT 1d'),
    source('deployment', 'd1', 'SMA v2 live'),
  ];

  it('offers each source once, in the order listed', () => {
    expect(sourceOptions(groups, undefined)).toEqual([
      { value: 'r1', label: 'SMA v1 on SIM:MSFT 1d' },
      { value: 'p1', label: 'Core book' },
      { value: 'd1', label: 'SMA v2 live' },
    ]);
  });

  it('narrows to the kind picked', () => {
    expect(sourceOptions(groups, 'portfolio')).toEqual([{ value: 'p1', label: 'Core book' }]);
    expect(sourceOptions([], 'backtest')).toEqual([]);
  });
});

describe('newestListed and groupCountText', () => {
  it('marks up to the newest alert listed, whatever the order', () => {
    expect(
      newestListed([
        { latestAt: '2026-01-01T10:00:00.000Z' },
        { latestAt: '2026-01-01T11:00:00.000Z' },
        { latestAt: '2026-01-01T09:00:00.000Z' },
      ]),
    ).toBe('2026-01-01T11:00:00.000Z');
    expect(newestListed([])).toBeUndefined();
  });

  it('says how many alerts a group holds and how many are unread', () => {
    expect(groupCountText({ count: 1, unread: 0 })).toBe('1 alert');
    expect(groupCountText({ count: 12, unread: 3 })).toBe('12 alerts · 3 unread');
  });
});
