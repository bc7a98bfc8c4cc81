import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.ts';

const now = Date.parse('2026-11-24T12:00:00Z');

describe('formatRelativeTime', () => {
  it('says "just now" within 45 seconds either way (clock skew)', () => {
    expect(formatRelativeTime('2026-11-24T11:59:20Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-11-24T12:00:30Z', now)).toBe('just now');
  });

  it('counts minutes, hours and days', () => {
    expect(formatRelativeTime('2026-11-24T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-11-24T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2026-11-23T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2026-11-14T12:00:00Z', now)).toBe('10 days ago');
  });

  it('gives the calendar date beyond 30 days', () => {
    expect(formatRelativeTime('2026-09-01T08:00:00Z', now)).toBe('2026-09-01');
  });

  it('returns a string that is not a date unchanged', () => {
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
  });
});
