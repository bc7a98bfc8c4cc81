import { describe, expect, it } from 'vitest';
import {
  ALERTS_SEEN_STORAGE_KEY,
  countUnseenAlerts,
  readAlertsSeenAt,
  seenMarkAfterOpening,
  writeAlertsSeenAt,
} from './alert-badge.ts';

const alerts = [{ at: '2026-11-24T10:05:00.000Z' }, { at: '2026-11-24T10:00:00.000Z' }, { at: '2026-11-24T09:00:00.000Z' }];

describe('countUnseenAlerts', () => {
  it('counts every alert when the drawer was never opened', () => {
    expect(countUnseenAlerts(alerts, undefined)).toBe(3);
  });

  it('counts only alerts strictly newer than the last one seen', () => {
    expect(countUnseenAlerts(alerts, '2026-11-24T10:00:00.000Z')).toBe(1);
    expect(countUnseenAlerts(alerts, '2026-11-24T10:05:00.000Z')).toBe(0);
    expect(countUnseenAlerts([], '2026-11-24T10:05:00.000Z')).toBe(0);
  });
});

describe('seenMarkAfterOpening', () => {
  it("marks the newest alert's time, whatever the list order", () => {
    expect(seenMarkAfterOpening([...alerts].reverse(), undefined)).toBe('2026-11-24T10:05:00.000Z');
  });

  it('keeps the previous mark when nothing newer is listed', () => {
    expect(seenMarkAfterOpening([], '2026-11-24T08:00:00.000Z')).toBe('2026-11-24T08:00:00.000Z');
    expect(seenMarkAfterOpening(alerts, '2026-11-25T00:00:00.000Z')).toBe('2026-11-25T00:00:00.000Z');
  });
});

describe('seen mark storage', () => {
  it('reads back what it wrote and ignores junk or a storage that throws', () => {
    const values = new Map<string, string>();
    const storage = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => values.set(key, value),
    };
    writeAlertsSeenAt(storage, '2026-11-24T10:05:00.000Z');
    expect(readAlertsSeenAt(storage)).toBe('2026-11-24T10:05:00.000Z');
    values.set(ALERTS_SEEN_STORAGE_KEY, 'yesterday');
    expect(readAlertsSeenAt(storage)).toBeUndefined();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readAlertsSeenAt(broken)).toBeUndefined();
    expect(() => writeAlertsSeenAt(broken, '2026-11-24T10:05:00.000Z')).not.toThrow();
  });
});
