import { emptyDashboard } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { copyTitle, TITLE_MAX_LENGTH, withTitle } from './document-title.ts';

describe('withTitle', () => {
  it('changes only the title, trimmed, and leaves the original document untouched', () => {
    const original = { ...emptyDashboard('Old'), tags: ['fx'] };
    const renamed = withTitle(original, '  New title ');
    expect(renamed).toEqual({ ...emptyDashboard('New title'), tags: ['fx'] });
    expect(original.title).toBe('Old');
  });
});

describe('copyTitle', () => {
  it('prefixes “Copy of” and stays within the title limit', () => {
    expect(copyTitle('Morning desk')).toBe('Copy of Morning desk');
    expect(copyTitle('x'.repeat(TITLE_MAX_LENGTH))).toHaveLength(TITLE_MAX_LENGTH);
  });
});
