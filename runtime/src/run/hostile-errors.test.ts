import { describe, expect, it } from 'vitest';
import { backtest, backtestFile, failure, measure } from './hostile-harness.ts';

// A strategy controls the text of what it throws; what reaches the host (message, details, stack)
// must stay small however it builds that text, so a failed run is cheap to store, return and log.
const HUGE = "'x'.repeat(20_000_000)";
const NO_SLICE = 'String.prototype.slice = function (this: string) { return String(this); };';

function expectSmall(error: { message: string; stack?: string | undefined; details: Record<string, unknown> }): void {
  expect(error.message.length).toBeLessThan(5_000);
  expect((error.stack ?? '').length).toBeLessThan(10_000);
  expect(JSON.stringify(error.details).length).toBeLessThan(50_000);
}

describe('sandbox: oversized errors', () => {
  it.each([
    ['an Error', `throw new Error(${HUGE});`],
    ['a string', `throw ${HUGE};`],
    ['an object', `throw { text: ${HUGE} };`],
    ['an Error whose name is huge', `const error = new Error('short'); error.name = ${HUGE}; throw error;`],
    [
      'an Error with a huge stack',
      `const error = new Error('short'); Object.defineProperty(error, 'stack', { value: ${HUGE} }); throw error;`,
    ],
  ])('caps %s thrown from onBar, even when String.prototype.slice is sabotaged', async (_kind, body) => {
    for (const prefix of ['', NO_SLICE]) {
      const run = await measure(() =>
        failure(backtestFile(`${prefix}\nexport default defineStrategy({ onBar() { ${body} } });`)),
      );
      expect(run.value?.code).toBe('VALIDATION');
      expectSmall(run.value!);
      expect(run.ms).toBeLessThan(10_000);
      expect(run.longestStallMs).toBeLessThan(1_000);
    }
  });

  it('caps the message of an engine that sabotaged built-ins made throw', async () => {
    const error = await failure(
      backtest(
        `if (ctx.barIndex === 0) { ctx.buy(1); const huge = ${HUGE}; Array.prototype.push = function () { throw new Error(huge); }; }`,
      ),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/^The strategy engine failed: /);
    expectSmall(error);
  });

  it('keeps the logs a failed run carries to their caps', async () => {
    const error = await failure(
      backtestFile(`${NO_SLICE}
        export default defineStrategy({ onBar(ctx) { const huge = ${HUGE}; ctx.log(huge); ctx.log(huge, huge); if (ctx.barIndex === 3) throw new Error(huge); } });`),
    );
    expect(error.code).toBe('VALIDATION');
    const logs = error.details.logs as { message: string }[];
    expect(logs).toHaveLength(8);
    expect(logs.every((line) => line.message.length <= 1_000)).toBe(true);
    expect(error.message.length).toBeLessThan(5_000);
  });
});
