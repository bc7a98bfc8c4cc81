import { AsyncLocalStorage } from 'node:async_hooks';

/** What the server knows about the request whose work is running now (HTTP middleware sets it). */
export interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (and everything it starts) as part of the request `scope`; log lines written meanwhile carry its id. */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The id of the request being served, or undefined outside one (start-up, timers, the live hub). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
