import type { JsonSchema } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { fieldIssueInWords, isFieldListMessage, messageInWords } from './field-words.ts';

// The shape of core's strategy-results query schema: a run picker, a kind and a view.
const strategyResults: JsonSchema = {
  type: 'object',
  required: ['id'],
  properties: {
    kind: { type: 'string', enum: ['backtest', 'deployment'], title: 'Kind' },
    id: { type: 'string', pattern: '^[0-9a-f-]{36}$', 'x-widget': 'strategy-run', title: 'Run or deployment' },
    lookback: { type: 'integer', minimum: 1, title: 'Lookback' },
  },
};

describe('fieldIssueInWords', () => {
  it('asks to pick what a picker chooses, by the picker, not the path', () => {
    expect(fieldIssueInWords({ path: 'params.id', message: 'is required' }, strategyResults)).toBe('Pick a run.');
    expect(fieldIssueInWords({ path: 'params.id', message: 'must match pattern "^[0-9a-f-]{36}$"' }, strategyResults)).toBe(
      'Pick a run again; the one set is not valid.',
    );
    expect(fieldIssueInWords({ path: 'params.kind', message: 'must be one of "backtest", "deployment"' }, strategyResults)).toBe(
      'Pick the kind: one of "backtest", "deployment".',
    );
  });

  it('names a field by its schema title, or by its words without a schema', () => {
    expect(fieldIssueInWords({ path: 'params.lookback', message: 'must be >= 1' }, strategyResults)).toBe(
      'Lookback must be at least 1.',
    );
    expect(fieldIssueInWords({ path: 'limits.limits[0].warnAbove', message: 'Required' })).toBe('Fill in the warn above.');
    expect(fieldIssueInWords({ path: 'title', message: 'must NOT have more than 200 characters' })).toBe(
      'Title must have at most 200 characters.',
    );
    expect(fieldIssueInWords({ path: 'positions[2]', message: 'must be object' })).toBe('Positions must be a group of fields.');
    expect(fieldIssueInWords({ path: 'params.extra', message: 'is not an allowed field' })).toBe(
      'Extra is not used here; remove it.',
    );
    expect(fieldIssueInWords({ path: 'capital', message: 'Too small: expected number to be >0' })).toBe(
      'Capital: Too small: expected number to be >0.',
    );
    expect(fieldIssueInWords({ path: '', message: 'empty body' })).toBe('Empty body');
  });
});

describe('messageInWords', () => {
  it('replaces a bare list of field paths, and keeps a message a person wrote', () => {
    const listed = {
      message: 'Invalid query for nautilus.core/strategy-results: params.id: is required',
      fields: [{ path: 'params.id', message: 'is required' }],
    };
    expect(isFieldListMessage(listed.message, listed.fields)).toBe(true);
    expect(messageInWords(listed, strategyResults)).toBe('Pick a run.');
    const written = { message: 'A dashboard needs a title.', fields: [{ path: 'title', message: 'is required' }] };
    expect(messageInWords(written)).toBe('A dashboard needs a title.');
    expect(messageInWords({ message: 'Invalid input: (root): bad', fields: [] })).toBe('Invalid input: (root): bad');
  });
});
