import type { ErrorCode } from '@nautilus/sdk';
import { callTRPCProcedure } from '@trpc/server';
import type { Context, Hono } from 'hono';
import { requestIdOf } from '../../http/request-id.ts';
import { isSameOrigin } from '../../http/same-origin.ts';
import { createRequestContext, type RequestContext, type Services } from '../context.ts';
import { appRouter } from '../router.ts';
import { eventStream } from './event-stream.ts';
import { openApiDocument } from './openapi-document.ts';
import { PROCEDURES, type ProcedureEntry, type ProcedureType, restPath } from './procedure-catalog.ts';
import { isObjectInput, queryInput } from './query-params.ts';
import { procedureError, type RestErrorBody, restError } from './rest-errors.ts';

/** The methods each kind of procedure answers: queries both ways (POST for big inputs), mutations POST, streams GET. */
const METHODS: Record<ProcedureType, readonly string[]> = {
  query: ['GET', 'POST'],
  mutation: ['POST'],
  subscription: ['GET'],
};

const BY_PATH = new Map([...PROCEDURES.values()].map((entry) => [restPath(entry.path), entry]));

/** Client text echoed back is cut short: the answer should not grow with the request. */
function short(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The id the request-id middleware gave this request (also in `x-request-id` and every log line of it). */
function requestIdFor(c: Context, context?: RequestContext): string | null {
  return context?.requestId ?? requestIdOf(c.req.raw) ?? null;
}

function answer(failure: { status: number; body: RestErrorBody }, extraHeaders?: HeadersInit): Response {
  const headers = new Headers(extraHeaders);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(failure.body), { status: failure.status, headers });
}

function wrongMethod(entry: ProcedureEntry, method: string): string {
  const url = restPath(entry.path);
  if (entry.type === 'mutation') return `${entry.path} is a mutation: send it as POST ${url} with a JSON body.`;
  if (entry.type === 'subscription')
    return `${entry.path} is a stream: open it with GET ${url} (query parameters) and read server-sent events.`;
  return `${method} is not served: send ${entry.path} as GET ${url} with query parameters, or POST with a JSON body.`;
}

/** The input of a POST: the JSON body; an empty body is no input (`{}` for a procedure whose input is an object). */
async function bodyInput(c: Context, entry: ProcedureEntry): Promise<{ input: unknown } | { error: string }> {
  const text = await c.req.text();
  if (text.trim() === '') return { input: isObjectInput(entry.input) ? {} : undefined };
  try {
    return { input: JSON.parse(text) };
  } catch (error) {
    return {
      error: `The body is not valid JSON (${short((error as Error).message)}). Send the input as a JSON body with "content-type: application/json".`,
    };
  }
}

/**
 * Serves every procedure of the app router at /api/v1/<area>/<verb> as plain HTTP + JSON (see the
 * README's "HTTP API and OpenAPI"). Calls go through the router with the same request context as
 * /trpc, so authentication, roles, input checks, audit and metrics are the same.
 */
export function mountRestRoutes(app: Hono, services: Services, addressOf: (c: Context) => string): void {
  // Public: the document holds no secrets, and clients are generated from it before they hold a key.
  let document: string | undefined;
  app.get('/api/openapi.json', (c) => {
    document ??= JSON.stringify(openApiDocument());
    return c.body(document, 200, { 'content-type': 'application/json' });
  });
  app.all('/api/v1/*', async (c) => {
    const method = c.req.method;
    const pathname = new URL(c.req.url).pathname;
    const entry = BY_PATH.get(pathname);
    const refuse = (code: ErrorCode, message: string, status?: number, headers?: HeadersInit) =>
      answer(restError(code, message, requestIdFor(c), status), headers);
    if (!entry) {
      return refuse(
        'NOT_FOUND',
        `There is no route ${short(pathname)}: procedures are served at /api/v1/<area>/<verb> (e.g. /api/v1/dashboards/list); /api/openapi.json lists them.`,
      );
    }
    const allowed = METHODS[entry.type];
    if (!allowed.includes(method)) return refuse('VALIDATION', wrongMethod(entry, method), 405, { allow: allowed.join(', ') });
    // Cookies are SameSite=Strict; a cross-origin write is refused outright as well (as on /trpc).
    const origin = c.req.header('origin');
    if (method === 'POST' && origin !== undefined && !isSameOrigin(origin, c.req.url)) {
      return refuse(
        'FORBIDDEN',
        'Cross-origin requests are not allowed: call the API from its own origin, or with an API key and no Origin header.',
      );
    }

    let input: unknown;
    if (method === 'GET') input = queryInput(new URL(c.req.url).searchParams, entry.input);
    else {
      const body = await bodyInput(c, entry);
      if ('error' in body) return refuse('VALIDATION', body.error);
      input = body.input;
    }

    const responseHeaders = new Headers();
    const context = await createRequestContext(services, c.req.raw, responseHeaders, addressOf(c));
    const failure = (error: unknown) =>
      procedureError(error, { path: entry.path, type: entry.type, input, ctx: context }, requestIdFor(c, context));
    const stop = new AbortController();
    const signal = AbortSignal.any([c.req.raw.signal, stop.signal]);
    try {
      const output = await callTRPCProcedure({
        router: appRouter,
        path: entry.path,
        type: entry.type,
        getRawInput: async () => input,
        ctx: context,
        signal,
        batchIndex: 0,
      });
      if (entry.type === 'subscription') return await eventStream(c, output as AsyncIterable<unknown>, stop, failure);
      responseHeaders.set('content-type', 'application/json');
      return new Response(JSON.stringify(output ?? null), { status: 200, headers: responseHeaders });
    } catch (error) {
      return answer(failure(error), responseHeaders);
    }
  });
}
