import type { AppRouter } from '@nautilus/core/router';
import { createTRPCClient, httpBatchLink, httpBatchStreamLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';

// The session lives in an HttpOnly cookie set by `auth.login`, so every request must carry
// same-origin credentials; there is no transformer (plain JSON, dates as ISO strings).
const options = {
  url: '/trpc',
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, credentials: 'same-origin' }),
  // Many panels' queries travel in one request; past this length the link splits them.
  maxURLLength: 6000,
};

/** The app's tRPC client for everything but panel data. The server refuses `auth.login` in a batch, so it goes alone. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.path === 'auth.login',
      true: httpLink({ url: options.url, fetch: options.fetch }),
      false: httpBatchLink(options),
    }),
  ],
});

/**
 * The client for panel data: the queries of all panels go in one request, and each answer streams
 * back as soon as its data source has it, so a quick stat tile does not wait for the slowest chart.
 */
export const dataClient = createTRPCClient<AppRouter>({ links: [httpBatchStreamLink(options)] });

/** Subscriptions (server-sent events on the same origin, so the session cookie goes with them). */
export const watchClient = createTRPCClient<AppRouter>({ links: [httpSubscriptionLink({ url: '/trpc' })] });
