import { describe, expect, it } from 'vitest';
import { isNautilusError, resolveTime, resolveTimeRange } from './index.ts';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('resolveTime', () => {
  it.each([
    ['now', now],
    ['now-15m', now - 15 * 60_000],
    ['now-7d', now - 7 * 86_400_000],
    ['now+1h', now + 3_600_000],
    ['now-1y', now - 365 * 86_400_000],
    ['2026-01-02', Date.parse('2026-01-02T00:00:00Z')],
    ['2026-01-02T03:04:05Z', Date.parse('2026-01-02T03:04:05Z')],
    ['2026-01-02T03:04', Date.parse('2026-01-02T03:04:00Z')],
    ['2026-01-02T03:04:05+02:00', Date.parse('2026-01-02T01:04:05Z')],
  ])('resolves %s', (expression, expected) => {
    expect(resolveTime(expression, now)).toBe(expected);
  });

  it('rejects nonsense, naming the field', () => {
    try {
      resolveTime('last tuesday', now, 'range.from');
      expect.unreachable();
    } catch (error) {
      expect(isNautilusError(error) && error.fields[0]?.path).toBe('range.from');
    }
  });

  it.each([
    [1e308, 'range.to'],
    [-1e308, 'range.from'],
    [2 ** 53, 'range.to'],
    [8.64e15, 'range.to'],
    [-62_135_596_800_001, 'range.from'],
    ['now-999999y', 'range.from'],
    ['now+999999y', 'range.to'],
  ])('rejects %s, a time outside years 0001-9999, naming the field', (expression, field) => {
    try {
      resolveTime(expression, now, field);
      expect.unreachable();
    } catch (error) {
      expect(isNautilusError(error) && error.fields[0]).toMatchObject({ path: field, message: /between years 0001 and 9999/ });
    }
  });

  it('accepts the first and the last millisecond of years 0001-9999', () => {
    expect(resolveTime('0001-01-01', now)).toBe(-62_135_596_800_000);
    expect(resolveTime(253_402_300_799_999, now)).toBe(Date.parse('9999-12-31T23:59:59.999Z'));
  });

  it('rejects a range whose start is not before its end', () => {
    expect(() => resolveTimeRange({ from: 'now', to: 'now-1h' }, now)).toThrow(/must be before range.to/);
  });
});
