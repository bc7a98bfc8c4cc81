/** The lifetimes the Share dialog offers; `custom` takes a date. */
export const EXPIRY_CHOICES = [
  { value: '1h', label: '1 hour', ms: 3_600_000 },
  { value: '1d', label: '1 day', ms: 86_400_000 },
  { value: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: '30 days', ms: 30 * 86_400_000 },
  { value: 'custom', label: 'Custom', ms: 0 },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

/** The server's limit on a link's life. */
export const MAX_LINK_DAYS = 365;

/**
 * When a link made now with `choice` expires (epoch ms), or a message saying what is wrong with a
 * custom date (missing, past, or more than a year ahead).
 * @example expiresAtFor('1d', 0) // { at: 86400000 }
 */
export function expiresAtFor(choice: ExpiryChoice, now: number, custom?: number): { at: number } | { problem: string } {
  if (choice !== 'custom') return { at: now + (EXPIRY_CHOICES.find((item) => item.value === choice)?.ms ?? 0) };
  if (custom === undefined) return { problem: 'Pick the date and time the link stops working.' };
  if (custom <= now + 60_000) return { problem: 'Pick a time at least a minute from now.' };
  if (custom > now + MAX_LINK_DAYS * 86_400_000) return { problem: `A link lives at most ${MAX_LINK_DAYS} days.` };
  return { at: custom };
}

/** The address that opens a shared dashboard: this app's page with `#/s/<token>`. */
export function shareUrl(token: string, location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}#/s/${encodeURIComponent(token)}`;
}

/** What a shared view says about a link that does not open, by the server's `details.reason`. */
export function linkProblemTitle(reason: unknown): string {
  switch (reason) {
    case 'revoked':
      return 'This link was revoked';
    case 'expired':
      return 'This link has expired';
    case 'inactive':
      return 'This link no longer works';
    default:
      return 'This link does not open anything';
  }
}
