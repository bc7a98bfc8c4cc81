import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { FieldIssue } from '@nautilus/sdk';
import type { MiddlewareHandler } from 'hono';

/** Probes answer whatever name they are sent to (load balancers often use the bare IP); they reveal nothing. */
export const HOST_CHECK_EXEMPT_PATHS = ['/healthz', '/readyz'];

const WILDCARD_BINDS = new Set(['', '0.0.0.0', '::', '[::]']);
const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * The names served when NAUTILUS_ALLOWED_HOSTS is unset: localhost, 127.0.0.1, ::1 and the bind
 * address; bound to every interface (0.0.0.0 or ::), every address of this machine's interfaces.
 */
export function defaultAllowedHosts(bindHost: string): string[] {
  const hosts = new Set(['localhost', '127.0.0.1', '::1']);
  const bind = unbracket(bindHost.toLowerCase());
  if (!WILDCARD_BINDS.has(bindHost)) hosts.add(bind);
  else {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address } of addresses ?? []) hosts.add(address.replace(/%.*$/, '').toLowerCase());
    }
  }
  return [...hosts];
}

/**
 * Checks NAUTILUS_ALLOWED_HOSTS: comma-separated host names or IP addresses, without ports; a
 * leading dot (`.example.com`) also allows every subdomain; `*` allows any host (no protection).
 */
export function parseAllowedHosts(raw: string | undefined, bindHost: string, issues: FieldIssue[]): string[] {
  if (raw === undefined || raw.trim() === '') return defaultAllowedHosts(bindHost);
  const entries = raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of entries) {
    const name = unbracket(entry.startsWith('.') ? entry.slice(1) : entry).replace(/\.$/, '');
    if (entry === '*' || isIP(name) || HOST_NAME.test(name)) continue;
    issues.push({
      path: 'NAUTILUS_ALLOWED_HOSTS',
      message: `expected host names or IP addresses without a port (e.g. nautilus.example.com,10.0.0.5), got '${entry}'`,
    });
  }
  return entries.map((entry) => unbracket(entry).replace(/\.$/, ''));
}

/** The host name of a Host header (`name`, `name:port`, `[v6]:port`), lower case, or undefined when malformed. */
export function hostOfHeader(header: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(:\d{1,5})?$/i.exec(header.trim());
  if (!match) return undefined;
  const host = unbracket((match[1] as string).toLowerCase()).replace(/\.$/, '');
  return host === '' ? undefined : host;
}

/** Whether `host` (from {@link hostOfHeader}) is one of `allowed` (as {@link parseAllowedHosts} returns them). */
export function isAllowedHost(host: string, allowed: string[]): boolean {
  return allowed.some(
    (entry) => entry === '*' || entry === host || (entry.startsWith('.') && (host === entry.slice(1) || host.endsWith(entry))),
  );
}

/**
 * Refuses requests addressed to a name Nautilus is not served under, so a page on another domain
 * that re-points its DNS at this machine (DNS rebinding) cannot drive it. The Host header and, for
 * an absolute request target, the URL's host must both be allowed.
 */
export function hostCheck(allowed: string[]): MiddlewareHandler {
  return async (c, next) => {
    if (HOST_CHECK_EXEMPT_PATHS.includes(c.req.path)) return next();
    const header = c.req.header('host');
    const hosts = [header === undefined ? undefined : (hostOfHeader(header) ?? null), unbracket(new URL(c.req.url).hostname)];
    const refused = hosts.find((host) => host === null || (host !== undefined && !isAllowedHost(host, allowed)));
    if (refused === undefined) return next();
    const what = refused === null ? 'A malformed Host header is' : `The host '${refused}' is`;
    const message = `${what} not allowed: Nautilus answers only requests addressed to the names it is served under (protection against DNS rebinding). If you reach it by this name, add it to NAUTILUS_ALLOWED_HOSTS (comma-separated host names).`;
    return c.req.path.startsWith('/trpc/') ? c.json({ error: message }, 403) : c.text(`${message}\n`, 403);
  };
}
