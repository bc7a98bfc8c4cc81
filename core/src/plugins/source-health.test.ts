import { NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { SourceHealth } from './source-health.ts';

describe('source health and circuit breaker', () => {
  it('opens after 3 failures in a row, lets one probe through after 30 s, and doubles the wait when the probe fails', () => {
    let now = 1_000_000;
    const health = new SourceHealth(() => now);
    const down = new NautilusError('DATA_SOURCE_ERROR', 'provider down');
    for (let i = 0; i < 2; i++) health.failed('p/bars', down, 10);
    expect(health.allow('p/bars')).toBe(true);
    health.failed('p/bars', down, 10);
    expect(health.allow('p/bars')).toBe(false);
    expect(health.report('p/bars')).toMatchObject({
      circuit: 'open',
      retryAt: now + 30_000,
      errors: 3,
      lastError: 'provider down',
    });
    now += 30_000;
    expect(health.allow('p/bars')).toBe(true); // the probe
    expect(health.allow('p/bars')).toBe(false); // only one at a time
    health.failed('p/bars', down, 10);
    expect(health.report('p/bars').retryAt).toBe(now + 60_000);
    now += 60_000;
    expect(health.allow('p/bars')).toBe(true);
    health.succeeded('p/bars', 5);
    expect(health.report('p/bars')).toMatchObject({ circuit: 'closed', retryAt: null });
    expect(health.allow('p/bars')).toBe(true);
  });

  it("does not count a caller's bad parameter or unknown symbol against the source", () => {
    const health = new SourceHealth();
    for (let i = 0; i < 5; i++) health.failed('p/bars', new NautilusError('NOT_FOUND', 'no such symbol'), 1);
    for (let i = 0; i < 5; i++) health.failed('p/bars', NautilusError.validation('q', [{ path: 'symbol', message: 'bad' }]), 1);
    expect(health.report('p/bars')).toMatchObject({ circuit: 'closed', errors: 0, calls: 10 });
  });

  it('reports error rate and latency quantiles', () => {
    const health = new SourceHealth();
    for (let i = 1; i <= 100; i++) health.succeeded('p/q', i);
    health.failed('p/q', new Error('boom'), 1);
    const report = health.report('p/q');
    expect(report.latencyP50Ms).toBe(50);
    expect(report.latencyP95Ms).toBe(95);
    expect(report.errorRate).toBeCloseTo(1 / 101);
  });
});
