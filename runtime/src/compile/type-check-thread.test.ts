import { describe, expect, it } from 'vitest';
import { typeCheckStrategy } from './type-check-strategy.ts';

describe('the type check thread', () => {
  it('keeps the caller answering while TypeScript loads and checks (the first check takes about a second)', async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticks = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const { diagnostics } = await typeCheckStrategy('export default defineStrategy({ onBar(ctx) { ctx.liquidat(); } });\n');
    const took = performance.now() - started;
    clearInterval(ticks);
    expect(diagnostics.map((item) => item.line)).toEqual([1]);
    // Were the check on this thread, the loop would stall for the whole of it.
    expect(took).toBeGreaterThan(longestGap * 2);
    expect(longestGap).toBeLessThan(500);
  });
});
