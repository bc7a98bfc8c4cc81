import { isTrackedEnvelope } from '@trpc/server';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RestErrorBody } from './rest-errors.ts';

/** A comment line every so often keeps proxies from closing a quiet stream (as /trpc's pings do). */
const PING_MS = 15_000;
/** How long the first event is awaited before the stream opens anyway: an early failure still gets its status. */
const FIRST_EVENT_WAIT_MS = 1_000;

type Step = { value: IteratorResult<unknown> } | { error: unknown } | undefined;

/**
 * Serves a subscription's events as server-sent events, each `data: <json>` (with `id:` for a
 * tracked event). A failure before the first event answers with its status; a later one is sent as
 * `event: error` with the error body, and the stream ends.
 */
export async function eventStream(
  c: Context,
  events: AsyncIterable<unknown>,
  stop: AbortController,
  failure: (error: unknown) => { status: number; body: RestErrorBody },
): Promise<Response> {
  const iterator = events[Symbol.asyncIterator]();
  const first = iterator.next().then(
    (value): Step => ({ value }),
    (error: unknown): Step => ({ error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const early = await Promise.race([
    first,
    new Promise<Step>((resolve) => {
      timer = setTimeout(() => resolve(undefined), FIRST_EVENT_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (early && 'error' in early) {
    stop.abort();
    const { status, body } = failure(early.error);
    return c.json(body, status as 400);
  }
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => stop.abort());
    const ping = setInterval(() => void stream.write(': ping\n\n').catch(() => stop.abort()), PING_MS);
    try {
      let step = await first;
      while (step && 'value' in step && !step.value.done && !stop.signal.aborted) {
        const value = step.value.value;
        if (isTrackedEnvelope(value)) await stream.writeSSE({ id: String(value[0]), data: JSON.stringify(value[1]) });
        else await stream.writeSSE({ data: JSON.stringify(value ?? null) });
        step = await iterator.next().then(
          (next): Step => ({ value: next }),
          (error: unknown): Step => ({ error }),
        );
      }
      if (step && 'error' in step && !stop.signal.aborted) {
        await stream.writeSSE({ event: 'error', data: JSON.stringify(failure(step.error).body) });
      }
    } finally {
      clearInterval(ping);
      stop.abort();
      await iterator.return?.();
    }
  });
}
