import { emptyDashboard } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { withTitle } from './document-title.ts';

describe('withTitle', () => {
  it('changes only the title, trimmed, and leaves the original document untouched', () => {
    const original = { ...emptyDashboard('Old'), tags: ['fx'] };
    const renamed = withTitle(original, '  New title ');
    expect(renamed).toEqual({ ...emptyDashboard('New title'), tags: ['fx'] });
    expect(original.title).toBe('Old');
  });
});
