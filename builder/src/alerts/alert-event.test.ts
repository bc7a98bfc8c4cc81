import { describe, expect, it } from 'vitest';
import { alertEvent } from './alert-event.ts';

describe('alertEvent', () => {
  it("reads the event core recorded in the alert's details", () => {
    expect(alertEvent({ level: 'hard', details: { event: 'denial' } })).toBe('denial');
    expect(alertEvent({ level: 'warn', details: { event: 'warning' } })).toBe('warning');
  });

  it('falls back to the level when the details do not say', () => {
    expect(alertEvent({ level: 'hard', details: {} })).toBe('breach');
    expect(alertEvent({ level: 'warn', details: { event: 'something else' } })).toBe('warning');
  });
});
