/** Anything that answers requests like a Hono app; `env` carries the Node request and response. */
export interface FetchHandler {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/**
 * The HTTP server's front door while the server starts: it listens at once, so probes get an answer,
 * but holds every request back with 503 and Retry-After until start-up is done (migrations, the first
 * admin, plugins, strategy services), then hands them all to the app. `/readyz` says which steps are
 * still running; after `stopping()`, it answers 503 again so load balancers drain this instance.
 */
export interface StartupGate extends FetchHandler {
  /** Marks one start-up step finished. */
  done(step: string): void;
  /** Start-up is over: from now on the app answers (and /readyz says ready). */
  open(app: FetchHandler): void;
  /** The server is shutting down: /readyz answers 503 again. */
  stopping(): void;
}

/** Seconds a client is asked to wait before trying again while the server starts. */
export const STARTING_RETRY_AFTER_SECONDS = 1;

export function createStartupGate(steps: readonly string[]): StartupGate {
  const pending = new Set(steps);
  let app: FetchHandler | undefined;
  let stopping = false;

  const status = () =>
    stopping ? { status: 'stopping' } : app ? { status: 'ready' } : { status: 'starting', pending: [...pending] };

  return {
    fetch(request, env) {
      const { pathname } = new URL(request.url);
      if (pathname === '/readyz') return Response.json(status(), { status: app && !stopping ? 200 : 503, headers: noStore });
      if (app) return app.fetch(request, env);
      return starting(pathname, new URL(request.url).searchParams, [...pending]);
    },
    done(step) {
      pending.delete(step);
    },
    open(ready) {
      pending.clear();
      app = ready;
    },
    stopping() {
      stopping = true;
    },
  };
}

const noStore = { 'cache-control': 'no-store' };

/** 503 while starting: a tRPC-shaped error for the API (one per call of a batch), JSON for the rest. */
function starting(pathname: string, search: URLSearchParams, pending: string[]): Response {
  const message = `Nautilus is starting (still waiting for: ${pending.join(', ') || 'the HTTP app'}); retry in ${STARTING_RETRY_AFTER_SECONDS} s, or poll /readyz until it answers 200.`;
  const headers = { ...noStore, 'retry-after': String(STARTING_RETRY_AFTER_SECONDS) };
  if (!pathname.startsWith('/trpc/'))
    return Response.json({ status: 'starting', pending, error: message }, { status: 503, headers });
  const paths = decodePath(pathname.slice('/trpc/'.length)).split(',');
  const errors = paths.map((path) => ({
    error: {
      message,
      code: -32603,
      data: {
        code: 'SERVICE_UNAVAILABLE',
        httpStatus: 503,
        path,
        nautilus: {
          code: 'UNAVAILABLE',
          message,
          fields: [],
          details: { retryAfterSeconds: STARTING_RETRY_AFTER_SECONDS, pending },
          plugin: null,
        },
      },
    },
  }));
  return Response.json(search.get('batch') === '1' ? errors : errors[0], { status: 503, headers });
}

/** The procedure path as sent; a malformed %-escape is echoed as it came rather than failing the request. */
function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}
