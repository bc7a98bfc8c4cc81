import type { IncomingMessage } from 'node:http';
import { BlockList, isIP, isIPv4 } from 'node:net';
import type { FieldIssue } from '@nautilus/sdk';

/** The address of requests that come with no socket (the app driven in-process, as in tests). */
export const IN_PROCESS_ADDRESS = 'in-process';

/**
 * What the app's `fetch` is called with: @hono/node-server passes the Node request as `incoming`;
 * in-process callers (tests) may name the client address instead, e.g.
 * `app.request(url, init, { clientAddress: '203.0.113.7' })`. No request can set either.
 */
export interface AppBindings {
  incoming?: IncomingMessage;
  clientAddress?: string;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; zone ids dropped; lower case. Anything that is not an IP stays as it is. */
export function normaliseAddress(address: string): string {
  const bare = address.trim().replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (mapped && isIPv4(mapped[1] as string)) return mapped[1] as string;
  return isIP(bare) ? bare : address;
}

/** Checks NAUTILUS_TRUSTED_PROXIES: comma-separated IP addresses or CIDR ranges (`10.0.0.0/8`). */
export function parseTrustedProxies(raw: string | undefined, issues: FieldIssue[]): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [ip = '', prefix] = entry.split('/');
    const family = isIP(ip);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !prefixOk) {
      issues.push({ path: 'NAUTILUS_TRUSTED_PROXIES', message: `expected IP addresses or CIDR ranges, got '${entry}'` });
    }
  }
  return entries;
}

/** The proxies whose X-Forwarded-For is believed, as a BlockList to test addresses against. */
export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip = '', prefix] = entry.split('/');
    const type = isIPv4(ip) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
  }
  return list;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** One X-Forwarded-For entry as a bare address (`[::1]:80` and `1.2.3.4:80` lose their port), or undefined. */
function forwardedEntry(entry: string): string | undefined {
  const trimmed = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(trimmed);
  const candidate = normaliseAddress(bracketed?.[1] ?? withPort?.[1] ?? trimmed);
  return isIP(candidate) ? candidate : undefined;
}

/**
 * The client's address: the socket's peer. X-Forwarded-For is read only when that peer is a trusted
 * proxy, from the right, skipping trusted proxies: the first address no trusted proxy vouches for
 * is the client (an entry the client wrote itself further left is never reached).
 */
export function clientAddress(env: unknown, headers: Headers, trusted: BlockList): string {
  const bindings = (env ?? {}) as AppBindings;
  const peer = bindings.incoming?.socket?.remoteAddress ?? bindings.clientAddress;
  let address = peer ? normaliseAddress(peer) : IN_PROCESS_ADDRESS;
  if (!isTrusted(address, trusted)) return address;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').filter((hop) => hop.trim() !== '');
  for (const hop of hops.reverse()) {
    const hopAddress = forwardedEntry(hop);
    if (!hopAddress) break;
    address = hopAddress;
    if (!isTrusted(address, trusted)) break;
  }
  return address;
}

/** Expands an IPv6 address to its 8 groups of 16 bits. */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) =>
    part
      .split(':')
      .filter(Boolean)
      .flatMap((group) => {
        if (!group.includes('.')) return [Number.parseInt(group, 16)];
        const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
        return [a * 256 + b, c * 256 + d];
      });
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  return [...first, ...new Array(8 - first.length - last.length).fill(0), ...last];
}

/**
 * What limits and lockouts count by: the address itself for IPv4, its /64 network for IPv6 (one
 * client usually holds a whole /64, so counting single IPv6 addresses would be trivial to dodge).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const prefix = ipv6Groups(address)
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':');
  return `${prefix}::/64`;
}
