import type { FieldIssue } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import {
  addressKey,
  clientAddress,
  IN_PROCESS_ADDRESS,
  normaliseAddress,
  parseTrustedProxies,
  trustedProxyList,
} from './client-address.ts';

const socket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const forwarded = (value: string) => new Headers({ 'x-forwarded-for': value });

describe('clientAddress', () => {
  const none = trustedProxyList([]);

  it('is the socket peer, with IPv4-mapped IPv6 addresses unwrapped', () => {
    expect(clientAddress(socket('::ffff:127.0.0.1'), new Headers(), none)).toBe('127.0.0.1');
    expect(clientAddress(socket('::1'), new Headers(), none)).toBe('::1');
    expect(clientAddress(socket('FE80::1%eth0'), new Headers(), none)).toBe('fe80::1');
  });

  it('falls back to the address an in-process caller names, else a fixed marker', () => {
    expect(clientAddress({ clientAddress: '203.0.113.9' }, new Headers(), none)).toBe('203.0.113.9');
    expect(clientAddress(undefined, new Headers(), none)).toBe(IN_PROCESS_ADDRESS);
    expect(clientAddress({}, new Headers(), none)).toBe(IN_PROCESS_ADDRESS);
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', () => {
    expect(clientAddress(socket('127.0.0.1'), forwarded('203.0.113.9'), none)).toBe('127.0.0.1');
    const trusted = trustedProxyList(['10.0.0.0/8', '127.0.0.1']);
    expect(clientAddress(socket('192.0.2.50'), forwarded('203.0.113.9'), trusted)).toBe('192.0.2.50');
    expect(clientAddress(socket('127.0.0.1'), forwarded('203.0.113.9'), trusted)).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For from the right, so an address the client wrote itself is never believed', () => {
    const trusted = trustedProxyList(['10.0.0.0/8']);
    expect(clientAddress(socket('10.0.0.2'), forwarded('6.6.6.6, 203.0.113.9, 10.0.0.1'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(socket('10.0.0.2'), forwarded('203.0.113.9:4711'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(socket('10.0.0.2'), forwarded('[2001:db8::1]:80'), trusted)).toBe('2001:db8::1');
    // A garbage hop stops the walk at the last proxy that vouched for something.
    expect(clientAddress(socket('10.0.0.2'), forwarded('203.0.113.9, garbage, 10.0.0.1'), trusted)).toBe('10.0.0.1');
    expect(clientAddress(socket('10.0.0.2'), forwarded(''), trusted)).toBe('10.0.0.2');
  });
});

describe('addressKey', () => {
  it('counts IPv4 addresses one by one and IPv6 addresses by their /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:1.2.3.4')).toBe('0:0:0:0::/64');
    expect(addressKey(IN_PROCESS_ADDRESS)).toBe(IN_PROCESS_ADDRESS);
  });

  it('normalises what it is given only when it is an IP address', () => {
    expect(normaliseAddress('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(normaliseAddress('not an address')).toBe('not an address');
  });
});

describe('parseTrustedProxies', () => {
  it('accepts addresses and CIDR ranges and names each bad entry', () => {
    const issues: FieldIssue[] = [];
    expect(parseTrustedProxies(' 10.0.0.0/8, ::1 ,fd00::/8', issues)).toEqual(['10.0.0.0/8', '::1', 'fd00::/8']);
    expect(parseTrustedProxies(undefined, issues)).toEqual([]);
    expect(issues).toEqual([]);
    parseTrustedProxies('proxy.local,10.0.0.0/33,1.2.3.4/x', issues);
    expect(issues.map((issue) => issue.message)).toEqual([
      "expected IP addresses or CIDR ranges, got 'proxy.local'",
      "expected IP addresses or CIDR ranges, got '10.0.0.0/33'",
      "expected IP addresses or CIDR ranges, got '1.2.3.4/x'",
    ]);
    expect(issues.every((issue) => issue.path === 'NAUTILUS_TRUSTED_PROXIES')).toBe(true);
  });
});
