import { describe, expect, it } from 'vitest';
import { circuitTag, describeLimit, healthSummary, parseQuota } from './health-format.ts';

const base = {
  source: 'p/bars',
  lastSuccessAt: null,
  lastErrorAt: null,
  lastError: null,
  calls: 0,
  errors: 0,
  errorRate: 0,
  latencyP50Ms: null,
  latencyP95Ms: null,
  circuit: 'closed' as const,
  retryAt: null,
};

describe('data source health in words', () => {
  it('says a source was not used yet, and sums up one that was', () => {
    expect(healthSummary(base, 0)).toBe('not used yet');
    expect(
      healthSummary(
        { ...base, lastSuccessAt: 40_000, calls: 10, errors: 1, errorRate: 0.1, latencyP50Ms: 12.4, latencyP95Ms: 80.6 },
        100_000,
      ),
    ).toBe('last answer 1 min ago · 10% errors of 10 calls (15 min) · p50 12 ms · p95 81 ms');
  });

  it('tags a skipped source with when it is tried again, and a failing one before its circuit opens', () => {
    expect(circuitTag({ ...base, circuit: 'open', retryAt: 31_000 }, 1_000)).toEqual({
      color: 'red',
      text: 'skipped, retried in 30 s',
    });
    expect(circuitTag({ ...base, lastSuccessAt: 1, lastErrorAt: 2 }, 3)).toEqual({ color: 'orange', text: 'failing' });
    expect(circuitTag({ ...base, lastSuccessAt: 2, lastErrorAt: 1 }, 3)).toEqual({ color: 'green', text: 'working' });
  });

  it('reads rate limits the way providers state them', () => {
    expect(describeLimit({ requests: 5, perSeconds: 60 })).toBe('5 per minute');
    expect(describeLimit({ requests: 25, perSeconds: 86_400 })).toBe('25 per day');
    expect(describeLimit({ requests: 3, perSeconds: 0.4 })).toBe('3 per 0.4 s');
  });
});

describe('a paid plan quota typed as requests/seconds', () => {
  it('reads one or several rules, and nothing as none', () => {
    expect(parseQuota('75/60')).toEqual([{ requests: 75, perSeconds: 60 }]);
    expect(parseQuota(' 75 / 60, 1200/86400 ')).toEqual([
      { requests: 75, perSeconds: 60 },
      { requests: 1200, perSeconds: 86_400 },
    ]);
    expect(parseQuota('')).toEqual([]);
    expect(parseQuota('75 per minute')).toBeUndefined();
  });
});
