import { apiErrorFrom, NautilusApiError, statusOfCode } from './api-error.ts';
import type { EventOf, InputArgs, OutputOf, ProcedurePath, SubscriptionPath } from './procedures.ts';
import { serverSentEvents } from './server-sent-events.ts';

export interface ClientOptions {
  /** Where Nautilus runs, e.g. `https://nautilus.example.com` (the API is under `/api/v1`). */
  baseUrl: string;
  /** An API key (`nautilus apikeys create`), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** A fetch to use instead of the global one (a proxy agent, a test's recorder). */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** The transport every helper goes through: one typed call per procedure, login and subscriptions. */
export interface Transport {
  /**
   * Calls a query or mutation by its path and answers its output, typed from the server's router.
   * @example const dashboards = await client.call('dashboards.list', {});
   */
  call<P extends ProcedurePath>(path: P, ...args: [...InputArgs<P>, options?: CallOptions]): Promise<OutputOf<P>>;
  /**
   * A subscription's events as they come (server-sent events); stop with `break` or the signal.
   * @example for await (const event of client.watch('deployments.watch', { id })) console.log(event);
   */
  watch<P extends SubscriptionPath>(path: P, ...args: [...InputArgs<P>, options?: CallOptions]): AsyncGenerator<EventOf<P>>;
  /** Logs in with a password and keeps the session cookie for later calls (Node; browsers keep it themselves). */
  login(username: string, password: string): Promise<OutputOf<'auth.login'>>;
  /** Ends the session started by `login`. */
  logout(): Promise<void>;
}

const SESSION_COOKIE = 'nautilus_session';

/** The transport over `/api/v1`; `createClient` adds helpers by area on top of it. */
export function createTransport(options: ClientOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  let session: string | undefined;

  const headers = (extra: Record<string, string>): Record<string, string> => {
    const all: Record<string, string> = { accept: 'application/json', ...extra };
    if (options.apiKey) all.authorization = `Bearer ${options.apiKey}`;
    if (session) all.cookie = `${SESSION_COOKIE}=${session}`;
    return all;
  };

  const post = async (path: string, input: unknown, signal?: AbortSignal): Promise<Response> => {
    const response = await send(urlOf(baseUrl, path), {
      method: 'POST',
      headers: headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(input ?? {}),
      signal,
    });
    if (!response.ok) throw await apiErrorFrom(response, path);
    return response;
  };

  const split = (args: unknown[]): [unknown, CallOptions | undefined] => [args[0], args[1] as CallOptions | undefined];

  return {
    // Queries are served on POST too: one method keeps inputs as JSON, with no query-string encoding to guess.
    async call(path, ...args) {
      const [input, callOptions] = split(args);
      const response = await post(path, input, callOptions?.signal);
      return (await response.json()) as never;
    },

    async *watch(path, ...args) {
      const [input, callOptions] = split(args);
      const url = `${urlOf(baseUrl, path)}${queryString(input)}`;
      const response = await send(url, {
        headers: headers({ accept: 'text/event-stream' }),
        signal: callOptions?.signal,
      });
      if (!response.ok) throw await apiErrorFrom(response, path);
      if (!response.body) return;
      for await (const { event, data } of serverSentEvents(response.body, callOptions?.signal)) {
        if (event === 'error' || event === 'serialized-error') throw streamError(data, path);
        if (event === 'message') yield data as never;
      }
    },

    async login(username, password) {
      const response = await post('auth.login', { username, password });
      // Node hands Set-Cookie to the caller; a browser keeps the cookie itself and hides the header.
      for (const line of response.headers.getSetCookie?.() ?? []) {
        const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(line);
        if (match) session = match[1] || undefined;
      }
      return (await response.json()) as never;
    },

    async logout() {
      await post('auth.logout', {});
      session = undefined;
    },
  };
}

/** `/api/v1/{area}/{verb}` for the procedure `area.verb`. */
function urlOf(baseUrl: string, path: string): string {
  const [area, verb] = path.split('.');
  return `${baseUrl}/api/v1/${encodeURIComponent(area ?? '')}/${encodeURIComponent(verb ?? '')}`;
}

/** An input as query parameters: top-level strings as they are, other values (numbers, objects, arrays) as JSON text. */
export function queryString(input: unknown): string {
  if (input === undefined || input === null) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** An `event: error` sent after the stream opened (its HTTP status was 200 by then): the status its code answers elsewhere. */
function streamError(data: unknown, path: string): NautilusApiError {
  const body = (data && typeof data === 'object' ? data : {}) as Record<string, any>;
  return new NautilusApiError(
    statusOfCode(body.code),
    {
      code: typeof body.code === 'string' ? body.code : 'INTERNAL',
      message: typeof body.message === 'string' ? body.message : `${path} ended with an error`,
      fields: Array.isArray(body.fields) ? body.fields : [],
      details: body.details && typeof body.details === 'object' ? body.details : {},
      requestId: typeof body.requestId === 'string' ? body.requestId : null,
    },
    path,
  );
}
