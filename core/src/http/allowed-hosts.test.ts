import { networkInterfaces } from 'node:os';
import type { FieldIssue } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { defaultAllowedHosts, hostOfHeader, isAllowedHost, parseAllowedHosts } from './allowed-hosts.ts';

describe('hostOfHeader', () => {
  it('takes the host name of name, name:port and [v6]:port, in lower case', () => {
    expect(hostOfHeader('LocalHost:3000')).toBe('localhost');
    expect(hostOfHeader('127.0.0.1')).toBe('127.0.0.1');
    expect(hostOfHeader('[::1]:3000')).toBe('::1');
    expect(hostOfHeader('nautilus.example.')).toBe('nautilus.example');
  });

  it('finds nothing in a malformed header', () => {
    for (const header of [
      '',
      ' ',
      'evil.example/@127.0.0.1',
      '127.0.0.1@evil.example',
      'a b',
      'host:port',
      'x:1:2',
      '[::1',
      ':3000',
    ]) {
      expect(hostOfHeader(header), header).toBeUndefined();
    }
  });
});

describe('isAllowedHost', () => {
  it('matches names exactly, a leading dot also matches subdomains, * matches anything', () => {
    expect(isAllowedHost('localhost', ['localhost'])).toBe(true);
    expect(isAllowedHost('localhost.evil.example', ['localhost'])).toBe(false);
    expect(isAllowedHost('evil.example', ['localhost', '127.0.0.1'])).toBe(false);
    expect(isAllowedHost('a.b.example.com', ['.example.com'])).toBe(true);
    expect(isAllowedHost('example.com', ['.example.com'])).toBe(true);
    expect(isAllowedHost('evilexample.com', ['.example.com'])).toBe(false);
    expect(isAllowedHost('anything', ['*'])).toBe(true);
  });
});

describe('parseAllowedHosts', () => {
  it('defaults to localhost, the loopback addresses and the bind address', () => {
    expect(parseAllowedHosts(undefined, '127.0.0.1', [])).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(parseAllowedHosts('', '192.168.1.20', [])).toEqual(['localhost', '127.0.0.1', '::1', '192.168.1.20']);
    expect(defaultAllowedHosts('[::1]')).toEqual(['localhost', '127.0.0.1', '::1']);
  });

  it('bound to every interface, allows every address of this machine', () => {
    const own = Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((entry) => entry.address));
    expect(defaultAllowedHosts('0.0.0.0')).toEqual(expect.arrayContaining(['localhost', ...own]));
  });

  it('takes the configured names instead, and names each bad entry', () => {
    const issues: FieldIssue[] = [];
    expect(parseAllowedHosts(' Nautilus.Example , [::1],10.0.0.5,.corp.example,*', '127.0.0.1', issues)).toEqual([
      'nautilus.example',
      '::1',
      '10.0.0.5',
      '.corp.example',
      '*',
    ]);
    expect(issues).toEqual([]);
    parseAllowedHosts('nautilus.example:3000,http://x,a b', '127.0.0.1', issues);
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        'NAUTILUS_ALLOWED_HOSTS',
        "expected host names or IP addresses without a port (e.g. nautilus.example.com,10.0.0.5), got 'nautilus.example:3000'",
      ],
      [
        'NAUTILUS_ALLOWED_HOSTS',
        "expected host names or IP addresses without a port (e.g. nautilus.example.com,10.0.0.5), got 'http://x'",
      ],
      [
        'NAUTILUS_ALLOWED_HOSTS',
        "expected host names or IP addresses without a port (e.g. nautilus.example.com,10.0.0.5), got 'a b'",
      ],
    ]);
  });
});
