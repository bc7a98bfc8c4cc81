import { describe, expect, it } from 'vitest';
import { expiresAtFor, linkProblemTitle, shareUrl } from './share-expiry.ts';

describe('expiresAtFor', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('adds the chosen lifetime to now', () => {
    expect(expiresAtFor('1h', now)).toEqual({ at: Date.parse('2025-06-01T13:00:00Z') });
    expect(expiresAtFor('7d', now)).toEqual({ at: Date.parse('2025-06-08T12:00:00Z') });
    expect(expiresAtFor('30d', now)).toEqual({ at: Date.parse('2025-07-01T12:00:00Z') });
  });

  it('takes a custom date within a year, and says what is wrong with one outside', () => {
    expect(expiresAtFor('custom', now, Date.parse('2025-12-24T00:00:00Z'))).toEqual({ at: Date.parse('2025-12-24T00:00:00Z') });
    expect(expiresAtFor('custom', now)).toEqual({ problem: 'Pick the date and time the link stops working.' });
    expect(expiresAtFor('custom', now, now - 1)).toEqual({ problem: 'Pick a time at least a minute from now.' });
    expect(expiresAtFor('custom', now, Date.parse('2026-06-02T12:00:00Z'))).toEqual({
      problem: 'A link lives at most 365 days.',
    });
  });
});

describe('shareUrl', () => {
  it('points at this page with the token in the hash', () => {
    expect(shareUrl('nsh_a-b', { origin: 'https://n.example', pathname: '/' })).toBe('https://n.example/#/s/nsh_a-b');
  });
});

describe('linkProblemTitle', () => {
  it('names revoked, expired and unknown links apart', () => {
    expect(linkProblemTitle('revoked')).toBe('This link was revoked');
    expect(linkProblemTitle('expired')).toBe('This link has expired');
    expect(linkProblemTitle(undefined)).toBe('This link does not open anything');
  });
});
