import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginManifest } from '@nautilus/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.ts';
import { createComputeService } from '../compute/compute-service.ts';
import { createPluginContext } from './plugin-context.ts';
import { hostAllowed } from './plugin-fetch.ts';

const manifest = (network: string[]): PluginManifest => ({
  id: 'test.ctx',
  name: 'ctx',
  version: '1.0.0',
  engine: '*',
  description: 'd',
  contributes: {},
  permissions: { network, secrets: ['ALLOWED'] },
});
const options = {
  logger: pino({ level: 'silent' }),
  bus: new MemoryBus(),
  config: { a: 1 },
  readSecret: (name: string) => `value-of-${name}`,
  fetchTimeoutMs: 2000,
  compute: createComputeService({ findKernel: () => undefined, gpu: { acquire: async () => ({ unavailable: 'none' }) } }),
};

describe('plugin context', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/redirect-out') {
        response.writeHead(302, { location: 'http://localhost:1/elsewhere' });
        response.end();
        return;
      }
      response.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('matches hosts, wildcard subdomains and ports', () => {
    expect(hostAllowed(['api.example.com'], 'api.example.com', '')).toBe(true);
    expect(hostAllowed(['api.example.com'], 'evil.com', '')).toBe(false);
    expect(hostAllowed(['*.example.com'], 'a.b.example.com', '')).toBe(true);
    expect(hostAllowed(['*.example.com'], 'example.com.evil.net', '')).toBe(false);
    expect(hostAllowed(['127.0.0.1:8080'], '127.0.0.1', '9090')).toBe(false);
  });

  it('lets fetch reach a declared host', async () => {
    const ctx = createPluginContext(manifest([`127.0.0.1:${port}`]), options);
    expect(await (await ctx.fetch(`http://127.0.0.1:${port}/`)).text()).toBe('hello');
  });

  it('refuses an undeclared host, and a redirect that leads to one', async () => {
    const ctx = createPluginContext(manifest([`127.0.0.1:${port}`]), options);
    await expect(ctx.fetch('http://127.0.0.2:1/')).rejects.toMatchObject({ code: 'FORBIDDEN', plugin: 'test.ctx' });
    await expect(ctx.fetch(`http://127.0.0.1:${port}/redirect-out`)).rejects.toThrow(/tried to reach localhost:1/);
  });

  it('lets an admin-configured baseUrl stand in for the provider: reachable, and under the same rate limits', async () => {
    const declared: PluginManifest = {
      ...manifest(['api.provider.example']),
      permissions: {
        network: ['api.provider.example'],
        secrets: [],
        rateLimits: [{ host: 'api.provider.example', requests: 1, perSeconds: 0.3 }],
      },
    };
    const ctx = createPluginContext(declared, { ...options, config: { baseUrl: `http://127.0.0.1:${port}/v1/` } });
    const started = performance.now();
    const answers = await Promise.all([ctx.fetch(`http://127.0.0.1:${port}/`), ctx.fetch(`http://127.0.0.1:${port}/`)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    // Without the setting the same host stays out of reach.
    const plain = createPluginContext(declared, options);
    await expect(plain.fetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an admin allow extra download hosts (allowedHosts), ignoring entries that are not host patterns', async () => {
    const ctx = createPluginContext(manifest(['*.gov']), {
      ...options,
      config: { allowedHosts: [`127.0.0.1:${port}`, '*', 'http://evil.example/', 42] },
    });
    expect(await (await ctx.fetch(`http://127.0.0.1:${port}/`)).text()).toBe('hello');
    await expect(ctx.fetch('http://evil.example/')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const plain = createPluginContext(manifest(['*.gov']), options);
    await expect(plain.fetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('accepts a self-signed certificate for the configured baseUrl host only when allowSelfSignedTls is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const tls = createHttpsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_request, response) => response.end('gateway'),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tls.address() as AddressInfo).port;
    try {
      const url = `https://localhost:${tlsPort}/v1/api/`;
      const trusting = createPluginContext(manifest([]), { ...options, config: { baseUrl: url, allowSelfSignedTls: true } });
      expect(await (await trusting.fetch(url)).text()).toBe('gateway');
      // The same gateway without the setting fails the certificate check.
      const strict = createPluginContext(manifest([]), { ...options, config: { baseUrl: url } });
      await expect(strict.fetch(url)).rejects.toThrow();
      // The setting covers the configured host only: another host on the same server is checked.
      const other = createPluginContext(manifest([`127.0.0.1:${tlsPort}`]), {
        ...options,
        config: { baseUrl: url, allowSelfSignedTls: true },
      });
      await expect(other.fetch(`https://127.0.0.1:${tlsPort}/`)).rejects.toThrow();
    } finally {
      tls.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets an admin's rateLimits replace the manifest's free-tier quota on the same hosts", async () => {
    const declared: PluginManifest = {
      ...manifest([`127.0.0.1:${port}`]),
      permissions: {
        network: [`127.0.0.1:${port}`],
        secrets: [],
        rateLimits: [{ host: `127.0.0.1:${port}`, requests: 1, perSeconds: 60 }],
      },
    };
    const free = createPluginContext(declared, { ...options, fetchTimeoutMs: 300 });
    await free.fetch(`http://127.0.0.1:${port}/`);
    await expect(free.fetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const premium = createPluginContext(declared, { ...options, config: { rateLimits: [{ requests: 75, perSeconds: 60 }] } });
    for (let i = 0; i < 5; i++) expect((await premium.fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    // A malformed override is ignored as a whole: the manifest's limit stands.
    const bad = createPluginContext(declared, {
      ...options,
      fetchTimeoutMs: 300,
      config: { rateLimits: [{ requests: -1, perSeconds: 60 }] },
    });
    await bad.fetch(`http://127.0.0.1:${port}/`);
    await expect(bad.fetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('reads declared secrets only', () => {
    const ctx = createPluginContext(manifest([]), options);
    expect(ctx.secrets.get('ALLOWED')).toBe('value-of-ALLOWED');
    expect(() => ctx.secrets.get('DATABASE_URL')).toThrow(/does not declare/);
  });

  it('keeps cache values as copies that expire', async () => {
    const ctx = createPluginContext(manifest([]), options);
    const value = { n: 1 };
    await ctx.cache.set('k', value, 50);
    value.n = 2;
    expect(await ctx.cache.get('k')).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await ctx.cache.get('k')).toBeUndefined();
  });
});
