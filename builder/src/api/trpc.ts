import type { AppRouter } from '@nautilus/core/router';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

/**
 * The app's one tRPC client. The session lives in an HttpOnly cookie set by `auth.login`, so every
 * request must carry same-origin credentials; there is no transformer (plain JSON, dates as ISO strings).
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
    }),
  ],
});
