// Strategy sources and helpers shared by the strategy, backtest and deployment tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Auth, Harness } from './harness.ts';

export const SMA_CROSSOVER = readFileSync(
  fileURLToPath(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url)),
  'utf8',
);

/**
 * Trades on a fixed rhythm so every few bars bring an order and a fill: buy when flat, sell after `hold` bars.
 * Its sizes stay well within the default 100,000 of cash at simulated bitcoin prices, so no order is rejected.
 */
export const RHYTHM_TRADER = `
export default defineStrategy({
  name: 'Rhythm trader',
  params: { hold: { type: 'integer', default: 2, min: 1 }, size: { type: 'number', default: 0.1 } },
  initialState: () => ({ held: 0 }),
  onBar(ctx) {
    if (ctx.position.quantity === 0) { ctx.buy(ctx.params.size); ctx.state.held = 0; return; }
    ctx.state.held++;
    if (ctx.state.held >= ctx.params.hold) ctx.sell(ctx.position.quantity);
  },
});
`;

/** The same trader in an older shape: no `size` param (for rollback tests). */
export const RHYTHM_TRADER_V1 = RHYTHM_TRADER.replace(", size: { type: 'number', default: 0.1 }", '').replace(
  'ctx.params.size',
  '0.1',
);

/** Loops forever once it has seen `bars` bars. */
export const LOOPS_AFTER = (bars: number) => `
export default defineStrategy({
  onBar(ctx) {
    if (ctx.barIndex >= ${bars}) { for (;;) {} }
  },
});
`;

/** Throws on its `bars`-th bar, from line 4. */
export const THROWS_AFTER = (bars: number) => `
export default defineStrategy({
  onBar(ctx) {
    if (ctx.barIndex >= ${bars}) throw new Error('position book corrupted');
  },
});
`;

/** Polls `read` until `done` holds of its value, or fails after `timeoutMs`. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(value).slice(0, 2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Opens a tRPC subscription over server-sent events, as httpSubscriptionLink does, and collects the
 * data of each event until `enough` says stop (or the stream ends).
 */
export async function subscribe(
  api: Harness,
  procedure: string,
  input: unknown,
  auth: Auth,
  enough: (events: any[]) => boolean,
  timeoutMs = 20_000,
): Promise<{ status: number; events: any[] }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await api.request(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { cookie: auth.cookie ?? '', accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: any[] = [];
  if (!response.ok || !response.body) {
    clearTimeout(timer);
    return { status: response.status, events: [await response.json()] };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    while (!enough(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        const isMessage = !/^event: /m.test(block);
        if (isMessage && data) events.push(JSON.parse(data));
        end = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status: response.status, events };
}
