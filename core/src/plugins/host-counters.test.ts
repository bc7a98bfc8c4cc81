import { describe, expect, it } from 'vitest';
import { HostCounters, stopReason } from './host-counters.ts';
import { createRequestWindow } from './request-window.ts';
import { SourceHealth } from './source-health.ts';

describe('HostCounters', () => {
  it('counts the requests that waited for a rate-limit window and the seconds they waited, per plugin and host', async () => {
    const counters = new HostCounters();
    // 2 requests per 150 ms: the third waits for the first to leave the window.
    const window = counters.countWaits('acme|api.acme.test|2/0.15', createRequestWindow(2, 150));
    const started = performance.now();
    await Promise.all([window.acquire(), window.acquire(), window.acquire()]);
    const elapsed = (performance.now() - started) / 1000;
    const waits = counters.rateLimitWaits.get('acme|api.acme.test');
    expect(waits?.count).toBe(1);
    expect(waits?.seconds).toBeGreaterThan(0.1);
    expect(waits?.seconds).toBeLessThanOrEqual(elapsed + 0.001);
  });

  it('counts a request refused because the window has no room before its deadline', async () => {
    const counters = new HostCounters();
    const window = counters.countWaits('acme|api.acme.test|1/60', createRequestWindow(1, 60_000));
    await window.acquire();
    await expect(window.acquire(undefined, Date.now() + 10)).rejects.toThrow('the request window is full');
    expect(counters.rateLimitRefusals.get('acme|api.acme.test')).toBe(1);
    expect(counters.rateLimitWaits.size).toBe(0);
  });

  it('labels a plugin process stop by a small fixed set of reasons', () => {
    const stopped = (reason: string) => `Plugin p stopped: ${reason}. Restarting it in 0.5 s.`;
    expect(stopReason(stopped('it ran out of memory (its heap is capped at 256 MB)'))).toBe('memory');
    expect(stopReason(stopped('killed because it did not answer a heartbeat within 5000 ms (a CPU spin)'))).toBe('heartbeat');
    expect(stopReason(stopped('killed because query did not finish within 15000 ms'))).toBe('timeout');
    expect(stopReason(stopped('killed because it did not stop within 1000 ms of a cancelled call'))).toBe('hang');
    expect(stopReason(stopped('killed because stopped by the host'))).toBe('killed');
    expect(stopReason(stopped('it exited with code 1: Error: boom'))).toBe('exit');
  });
});

describe('SourceHealth totals', () => {
  it("counts every call and failure since start, a caller's fault as a call but not a failure", () => {
    const health = new SourceHealth();
    health.succeeded('p/a', 5);
    health.failed('p/a', new Error('upstream 500'), 5);
    health.failed('p/a', Object.assign(new Error('bad symbol'), { name: 'NautilusError', code: 'NOT_FOUND' }), 5);
    expect(health.totals()).toEqual([{ source: 'p/a', calls: 3, errors: 1 }]);
  });
});
