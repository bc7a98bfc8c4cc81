import { describe, expect, it } from 'vitest';
import { createRequestWindow, WindowFull } from './request-window.ts';

describe('request window', () => {
  it('admits at most `requests` in any window, in arrival order, however many arrive at once', async () => {
    const window = createRequestWindow(3, 200);
    const started = performance.now();
    const admitted: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => window.acquire().then(() => admitted.push(index) && performance.now() - started)),
    );
    expect(admitted).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('never lets more than the limit through a sliding window (a token bucket would let twice through)', async () => {
    const window = createRequestWindow(2, 150);
    const times: number[] = [];
    await Promise.all(Array.from({ length: 8 }, () => window.acquire().then(() => times.push(performance.now()))));
    times.sort((a, b) => a - b);
    // Any three consecutive admissions span at least the window (a timer may fire a millisecond early).
    for (let index = 2; index < times.length; index++) expect(times[index]! - times[index - 2]!).toBeGreaterThanOrEqual(148);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(3 * 148);
  });

  it('lets a waiter give up when its signal aborts, and the next waiter keeps its turn', async () => {
    const window = createRequestWindow(1, 300);
    await window.acquire();
    const controller = new AbortController();
    const gaveUp = window.acquire(controller.signal);
    const next = window.acquire();
    controller.abort(new Error('client gone'));
    await expect(gaveUp).rejects.toThrow('client gone');
    const started = performance.now();
    await next;
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('refuses at once, saying when, a request that could not go before its deadline', async () => {
    let clock = 1_000;
    const window = createRequestWindow(2, 60_000, () => clock);
    await window.acquire(undefined, clock + 100);
    await window.acquire(undefined, clock + 100);
    clock = 5_000;
    const full = await window.acquire(undefined, clock + 10_000).catch((error: unknown) => error);
    expect(full).toBeInstanceOf(WindowFull);
    expect((full as WindowFull).nextAt).toBe(61_000);
    // Later, the window has room again.
    clock = 61_000;
    await window.acquire(undefined, clock);
  });

  it('says how much of the window is used, for the health view', async () => {
    let clock = 1_000;
    const window = createRequestWindow(25, 86_400_000, () => clock);
    expect(window.used()).toBe(0);
    for (let i = 0; i < 3; i++) await window.acquire();
    expect(window.used()).toBe(3);
    clock += 86_400_000;
    expect(window.used()).toBe(0);
  });
});
