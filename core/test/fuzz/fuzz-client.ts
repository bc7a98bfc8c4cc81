import { SESSION_COOKIE } from '../../src/api/context.ts';
import { createSession } from '../../src/auth/sessions.ts';
import type { Auth, Harness } from '../harness.ts';
import { type Answer, answerProblems, readAnswer } from './check-answer.ts';

export type FuzzRole = 'anonymous' | 'viewer' | 'editor' | 'admin';

export interface FuzzRequest {
  label: string;
  /** Path and query, e.g. `/trpc/dashboards.get?input=…`. */
  url: string;
  init: RequestInit;
  role: FuzzRole;
  /** The procedures called, in batch order (for bookkeeping of what was created and deleted). */
  procedures: string[];
}

/** Sends fuzz requests as a role, collects what was wrong with the answers, and counts what they created. */
export class FuzzClient {
  /** What was wrong with the answers since the last `takeProblems()`. */
  readonly problems: string[] = [];
  /** Successful calls by procedure, e.g. `dashboards.create` → 3. */
  readonly successes = new Map<string, number>();
  /** Every HTTP status seen, with how often. */
  readonly statuses = new Map<number, number>();
  sent = 0;
  readonly #cookies = new Map<FuzzRole, string>();
  readonly #userIds = new Map<FuzzRole, string>();

  readonly #api: Harness;
  readonly #onSuccess: (procedure: string, data: any) => Promise<void>;

  /** `onSuccess` runs after each call answered 200, e.g. to stop a deployment a mutated input started. */
  constructor(api: Harness, onSuccess: (procedure: string, data: any) => Promise<void> = async () => {}) {
    this.#api = api;
    this.#onSuccess = onSuccess;
  }

  /** Logs in a new user of `role`, whose session the role's requests carry. */
  async signIn(role: Exclude<FuzzRole, 'anonymous'>): Promise<Auth> {
    const auth = await this.#api.loginAs(role);
    this.#cookies.set(role, auth.cookie as string);
    this.#userIds.set(role, (await this.#api.call('auth.me', undefined, auth)).data.id);
    return auth;
  }

  /** The role's cookie; a fresh session of the same user when the request logs out, so the role stays signed in. */
  async #cookie(request: FuzzRequest): Promise<string | undefined> {
    if (request.role === 'anonymous') return undefined;
    if (!request.procedures.includes('auth.logout')) return this.#cookies.get(request.role);
    const token = await createSession(this.#api.services.db, this.#userIds.get(request.role) as string, 60_000);
    return `${SESSION_COOKIE}=${token}`;
  }

  async send(request: FuzzRequest): Promise<Answer> {
    const headers = new Headers(request.init.headers);
    const cookie = await this.#cookie(request);
    if (cookie) headers.set('cookie', cookie);
    // Logins are throttled by address: the fuzz's own address keeps other logins out of it.
    const response = await this.#api.request(request.url, { ...request.init, headers }, 'fuzz-client');
    const answer = await readAnswer(response);
    this.sent++;
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    this.problems.push(...answerProblems(`${request.role} ${request.label}`, answer));
    for (const [index, call] of answer.calls.entries()) {
      const procedure = request.procedures[index];
      if (!procedure || call.error || answer.status >= 400) continue;
      this.successes.set(procedure, (this.successes.get(procedure) ?? 0) + 1);
      await this.#onSuccess(procedure, call.data);
    }
    return answer;
  }

  /** The problems found so far, and a clean slate for the next ones. */
  takeProblems(): string[] {
    return this.problems.splice(0);
  }

  /** Sends every request, `concurrency` at a time. */
  async sendAll(requests: FuzzRequest[], concurrency = 4): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < requests.length) await this.send(requests[next++] as FuzzRequest);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A single call the way the tRPC client sends it: GET with `?input=` for queries and subscriptions, POST with a body for mutations. */
export function callRequest(
  role: FuzzRole,
  procedure: string,
  type: string,
  json: string | undefined,
  label: string,
): FuzzRequest {
  const base = `/trpc/${procedure}`;
  if (type === 'mutation') {
    return {
      label: `${procedure} ${label}`,
      url: base,
      init: { method: 'POST', headers: JSON_HEADERS, body: json ?? '' },
      role,
      procedures: [procedure],
    };
  }
  const url = json === undefined ? base : `${base}?input=${encodeURIComponent(json)}`;
  return { label: `${procedure} ${label}`, url, init: { method: 'GET' }, role, procedures: [procedure] };
}
