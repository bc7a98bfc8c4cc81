import { emptyDashboard } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { describeFieldIssue } from './field-issues.ts';

const document = {
  ...emptyDashboard('Desk'),
  variables: [{ name: 'symbol', type: 'instrument' as const, default: 'SIM:AAPL' }],
  panels: [
    {
      id: 'p-1',
      type: 'a.b/c',
      pluginVersion: '1.0.0',
      title: 'Volume',
      gridPos: { x: 20, y: 0, w: 8, h: 4 },
      options: {},
    },
  ],
};

describe('describeFieldIssue', () => {
  it('names panels and variables by title instead of index', () => {
    expect(describeFieldIssue({ path: 'panels[0].gridPos.w', message: 'x + w must be <= 24' }, document)).toBe(
      'Panel “Volume” (size or position): x + w must be <= 24',
    );
    expect(describeFieldIssue({ path: 'document.variables[0].default', message: 'too long' }, document)).toBe(
      'Variable $symbol (default): too long',
    );
  });

  it('keeps other paths, and counts from 1 for a panel it cannot find', () => {
    expect(describeFieldIssue({ path: 'title', message: 'must not be empty' }, document)).toBe('title: must not be empty');
    expect(describeFieldIssue({ path: 'panels[4].query', message: 'bad' }, document)).toBe('Panel 5 (query): bad');
    expect(describeFieldIssue({ path: '', message: 'expected an object' }, document)).toBe('expected an object');
  });
});
