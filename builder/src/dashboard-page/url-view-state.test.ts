import type { DashboardVariable, TimeRange } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { describeUrlProblem, hashQuery, parseUrlView, serializeUrlView, withHashQuery } from './url-view-state.ts';

const variables: DashboardVariable[] = [
  { name: 'symbol', type: 'instrument', default: 'SIM:AAPL' },
  { name: 'tf', type: 'custom', options: ['1h', '1d'], default: '1d' },
  { name: 'note', type: 'text', default: '' },
];
const defaults: TimeRange = { from: 'now-30d', to: 'now' };
const NOW = Date.parse('2026-03-01T12:00:00Z');
const parse = (query: string) => parseUrlView(query, variables, defaults, NOW);

describe('parseUrlView', () => {
  it("reads Grafana's from/to and var-<name> parameters", () => {
    expect(parse('from=now-7d&to=now&var-symbol=SIM:MSFT&var-tf=1h')).toEqual({
      timeRange: { from: 'now-7d', to: 'now' },
      values: { symbol: 'SIM:MSFT', tf: '1h' },
      problems: [],
    });
  });

  it('takes absolute ISO dates as they are and epoch milliseconds as ISO times', () => {
    expect(parse('from=2025-01-01&to=2025-02-01T10:30:00Z').timeRange).toEqual({
      from: '2025-01-01',
      to: '2025-02-01T10:30:00Z',
    });
    expect(parse('from=1735689600000&to=now').timeRange).toEqual({ from: '2025-01-01T00:00:00.000Z', to: 'now' });
  });

  it('fills a missing end of the range from the dashboard default', () => {
    expect(parse('from=now-7d').timeRange).toEqual({ from: 'now-7d', to: 'now' });
    expect(parse('to=now-1d').timeRange).toEqual({ from: 'now-30d', to: 'now-1d' });
  });

  it('reports a bad time, naming the parameter and what it expects, and keeps the default range', () => {
    const view = parse('from=bogus&to=now');
    expect(view.timeRange).toBeUndefined();
    expect(view.problems).toEqual([{ param: 'from', value: 'bogus', expected: expect.stringContaining('now-<n>') }]);
    expect(describeUrlProblem(view.problems[0]!, variables, defaults)).toBe(
      "from=bogus: expected now, now-<n><s|m|h|d|w|M|y> (e.g. now-7d), an ISO date such as 2025-01-31, or epoch milliseconds; showing the dashboard's range (Last 30 days).",
    );
    expect(parse('from=now&to=now-1d').problems).toEqual([
      { param: 'from', value: 'now (to=now-1d)', expected: 'a time before to' },
    ]);
    expect(parse('from=now-1d&from=now-2d').problems[0]).toMatchObject({ param: 'from', expected: 'one value' });
  });

  it('reports values a variable does not take, unknown variables and several values for one, and keeps the rest', () => {
    const view = parse('var-tf=5m&var-nope=1&var-symbol=SIM:A&var-symbol=SIM:B&var-note=hello');
    expect(view.values).toEqual({ note: 'hello' });
    expect(view.problems).toEqual([
      { param: 'var-tf', value: '5m', expected: 'one of 1h, 1d' },
      { param: 'var-nope', value: '1', expected: 'a variable of this dashboard (symbol, tf, note)' },
      { param: 'var-symbol', value: 'SIM:A, SIM:B', expected: 'one value: symbol is not a multi-value variable' },
    ]);
    expect(describeUrlProblem(view.problems[0]!, variables, defaults)).toBe(
      'var-tf=5m: expected one of 1h, 1d; showing its default (1d).',
    );
    expect(parse('var-symbol=').problems[0]).toMatchObject({ param: 'var-symbol', expected: 'a non-empty instrument symbol' });
    expect(parse('var-symbol=SIM:A&var-symbol=SIM:A').values).toEqual({ symbol: 'SIM:A' });
  });

  it('ignores parameters that are not part of the view', () => {
    expect(parse('refresh=5s&orgId=1')).toEqual({ timeRange: undefined, values: {}, problems: [] });
  });
});

describe('serializeUrlView', () => {
  it('writes only what differs from the defaults', () => {
    expect(serializeUrlView(defaults, { symbol: 'SIM:AAPL', tf: '1d', note: '' }, variables, defaults)).toBe('');
    expect(serializeUrlView({ from: 'now-7d', to: 'now' }, { symbol: 'SIM:MSFT', tf: '1d' }, variables, defaults)).toBe(
      'from=now-7d&to=now&var-symbol=SIM%3AMSFT',
    );
  });

  it('round-trips through parseUrlView, special characters included', () => {
    const cases: { range: TimeRange; values: Record<string, string> }[] = [
      { range: { from: 'now-7d', to: 'now' }, values: { symbol: 'SIM:MSFT', tf: '1h', note: 'a&b=c #1 ünï' } },
      { range: { from: '2025-01-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' }, values: { symbol: 'SIM:EURUSD' } },
      { range: defaults, values: { tf: '1h' } },
    ];
    for (const { range, values } of cases) {
      const query = serializeUrlView(range, values, variables, defaults);
      const view = parse(query);
      expect(view.problems).toEqual([]);
      expect(view.timeRange ?? defaults).toEqual(range);
      expect(view.values).toEqual(values);
    }
  });
});

describe('hash helpers', () => {
  it('reads and replaces the query of a hash route', () => {
    expect(hashQuery('#/d/1?from=now-7d')).toBe('from=now-7d');
    expect(hashQuery('#/d/1')).toBe('');
    expect(withHashQuery('#/d/1?from=now-7d', 'from=now-1d&to=now')).toBe('#/d/1?from=now-1d&to=now');
    expect(withHashQuery('#/d/1/edit?x=1', '')).toBe('#/d/1/edit');
  });
});
