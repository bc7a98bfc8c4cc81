import { NautilusError, type PluginContext, type RateLimitRule } from '@nautilus/sdk';
import { Agent, fetch as undiciFetch } from 'undici';
import { createRequestWindow, type RequestWindow, WindowFull } from './request-window.ts';

/** Attempts of one idempotent request in all (the first and two retries). */
const ATTEMPTS = 3;
/** Back-off before the first retry, doubled for each next one; each wait is drawn from [0, that) (full jitter). */
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 8_000;
/** Answers worth another try: throttled, or the provider's side failing for now. */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD']);

/** True when `host` (with `port`) is one of the manifest's network entries: `host`, `host:port` or `*.domain`. */
export function hostAllowed(allowed: readonly string[], host: string, port: string): boolean {
  return allowed.some((entry) => entryMatches(entry, host, port));
}

function entryMatches(entry: string, host: string, port: string): boolean {
  const [pattern = '', wantPort] = entry.split(':');
  if (wantPort !== undefined && wantPort !== port) return false;
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

/**
 * How long `Retry-After` asks to wait, in ms: seconds or an HTTP date; undefined when absent or
 * unreadable. Never negative.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The `ctx.fetch` of one plugin: only http(s) to the hosts its manifest's `permissions.network`
 * names (redirects followed by hand so none leads outside), within its `permissions.rateLimits`,
 * under `timeoutMs` for the whole call, and with retries of idempotent requests that meet a
 * throttle or a passing failure (see PluginContext.fetch).
 */
export interface PluginFetchOptions {
  /**
   * `host` or `host:port` whose self-signed TLS certificate is accepted (an admin's
   * `allowSelfSignedTls` for the configured baseUrl, e.g. the IBKR gateway on localhost). Every
   * other host keeps full certificate checks.
   */
  selfSignedTlsHost?: string | undefined;
  /**
   * Makes the window of one rate-limit rule (`key` names plugin, host and rule): in memory by
   * default, in Redis when instances share a provider's quota (see shared-request-window.ts).
   */
  windowFor?: ((key: string, requests: number, windowMs: number) => RequestWindow) | undefined;
}

/** One rate-limit rule and how much of it is used now. */
export interface RateBudget extends RateLimitRule {
  used: number;
  remaining: number;
}

/** A plugin's `ctx.fetch`, with the state of its rate limits for the health view. */
export type PluginFetch = PluginContext['fetch'] & { budget(): RateBudget[] };

export function createPluginFetch(
  pluginId: string,
  permissions: { network: readonly string[]; rateLimits?: readonly RateLimitRule[] | undefined },
  timeoutMs: number,
  options: PluginFetchOptions = {},
): PluginFetch {
  const allowed = permissions.network;
  const windowFor = options.windowFor ?? ((_key, requests, windowMs) => createRequestWindow(requests, windowMs));
  const windows = (permissions.rateLimits ?? []).map((rule) => ({
    rule,
    // A little slack (2 % and 10 ms) so that network jitter cannot bunch requests up at the provider's end.
    window: windowFor(
      `${pluginId}|${rule.host}|${rule.requests}/${rule.perSeconds}`,
      rule.requests,
      rule.perSeconds * 1000 * 1.02 + 10,
    ),
  }));
  const insecure = options.selfSignedTlsHost;
  const insecureAgent = insecure ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined;
  const fetchOne = (url: URL, init: RequestInit): Promise<Response> =>
    insecureAgent && insecure && entryMatches(insecure, url.hostname, url.port)
      ? (undiciFetch(url, { ...(init as object), dispatcher: insecureAgent }) as unknown as Promise<Response>)
      : fetch(url, init);
  /**
   * Waits for a place in every window of the rules for `url`'s host; a place that would come after
   * `deadline` is RATE_LIMITED at once, saying when to try again (a day's quota used up, say).
   */
  const admit = async (url: URL, signal: AbortSignal, deadline: number): Promise<void> => {
    for (const { rule, window } of windows) {
      if (!entryMatches(rule.host, url.hostname, url.port)) continue;
      try {
        await window.acquire(signal, deadline);
      } catch (error) {
        if (!(error instanceof WindowFull)) throw error;
        const retryAfterSeconds = Math.max(1, Math.ceil((error.nextAt - Date.now()) / 1000));
        throw new NautilusError(
          'RATE_LIMITED',
          `Plugin ${pluginId} has used its ${rule.requests} requests per ${rule.perSeconds} s to ${rule.host} (its manifest's permissions.rateLimits); the next may go in ${retryAfterSeconds} s.`,
          { plugin: pluginId, details: { host: rule.host, retryAfterSeconds } },
        );
      }
    }
  };

  const send = async (
    url: URL,
    init: RequestInit,
    signal: AbortSignal,
    deadline: number,
    redirectsLeft: number,
  ): Promise<Response> => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new NautilusError('FORBIDDEN', `Plugin ${pluginId} may only fetch http(s) URLs, not ${url.protocol}`, {
        plugin: pluginId,
      });
    }
    if (!hostAllowed(allowed, url.hostname, url.port)) {
      throw new NautilusError(
        'FORBIDDEN',
        `Plugin ${pluginId} tried to reach ${url.host}, which is not in its manifest's permissions.network (${allowed.join(', ') || 'empty'})`,
        { plugin: pluginId },
      );
    }
    await admit(url, signal, deadline);
    const response = await fetchOne(url, { ...init, signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    if (redirectsLeft === 0)
      throw new NautilusError('DATA_SOURCE_ERROR', `Too many redirects from ${url.host}`, { plugin: pluginId });
    await response.body?.cancel();
    return send(new URL(location, url), init, signal, deadline, redirectsLeft - 1);
  };

  const pluginFetch: PluginContext['fetch'] = async (input, init) => {
    const deadline = Date.now() + timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const url = new URL(typeof input === 'string' ? input : input.href);
    const retryable = IDEMPOTENT.has((init?.method ?? 'GET').toUpperCase());
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await send(url, init ?? {}, signal, deadline, 5);
      } catch (error) {
        // Refusals of ours, and the call's own timeout or abort, are final.
        if (!retryable || signal.aborted || error instanceof NautilusError) throw error;
        failure = error;
      }
      const last = !retryable || attempt >= ATTEMPTS;
      if (response && (last || !RETRY_STATUSES.has(response.status))) return response;
      if (!response && last) throw failure;
      const backoff = Math.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      const wait = (response && retryAfterMs(response.headers.get('retry-after'))) ?? backoff;
      // A wait that would outlast the call gives the caller the answer now (a 429 it can report).
      if (Date.now() + wait >= deadline) {
        if (response) return response;
        throw failure;
      }
      await response?.body?.cancel();
      await sleep(wait, signal);
    }
  };
  return Object.assign(pluginFetch, {
    budget: (): RateBudget[] =>
      windows.map(({ rule, window }) => {
        const used = Math.min(rule.requests, window.used());
        return { ...rule, used, remaining: rule.requests - used };
      }),
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
