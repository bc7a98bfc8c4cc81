import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { runInRequestScope } from '../request-scope.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may send as its own request id: up to 128 of [A-Za-z0-9._-]; anything else is replaced. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's request id when it is a valid one, else a fresh UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && VALID_REQUEST_ID.test(header) ? header : randomUUID();
}

const ids = new WeakMap<Request, string>();

/** The id {@link requestIdMiddleware} gave this request, or undefined for a request that did not pass through it. */
export function requestIdOf(request: Request): string | undefined {
  return ids.get(request);
}

/**
 * Gives every request an id (the caller's `x-request-id` when valid, else a UUID), answers with it
 * in `x-request-id`, and runs the request in a scope whose log lines carry it (see logger.ts).
 */
export function requestIdMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const requestId = requestIdFrom(c.req.header(REQUEST_ID_HEADER));
    ids.set(c.req.raw, requestId);
    // Also as a Hono variable, for routes that read `c.var.requestId`.
    c.set('requestId' as never, requestId as never);
    await runInRequestScope({ requestId }, async () => {
      await next();
      try {
        c.res.headers.set(REQUEST_ID_HEADER, requestId);
      } catch {
        // A response with immutable headers (a fetched one passed through): answer with a copy.
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set(REQUEST_ID_HEADER, requestId);
      }
    });
  };
}
