import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIVE_CLOSE } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcOverHttp as trpc } from '../testing/trpc-over-http.ts';
import { LiveTestClient } from './live-test-client.ts';
import { LIVE_TEST_PASSWORD, type LiveTestServer, startLiveTestServer } from './live-test-server.ts';

describe('GET /live against the real server (PGlite, memory bus, 1 s heartbeat, credentials checked every 300 ms)', () => {
  let live: LiveTestServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-live-'));
  const clients: LiveTestClient[] = [];
  const connect = (options: ConstructorParameters<typeof LiveTestClient>[1] = { cookie: live.cookie }) => {
    const client = new LiveTestClient(live.url, options);
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    live = await startLiveTestServer(dataDir, { NAUTILUS_LIVE_HEARTBEAT_MS: '1000', NAUTILUS_LIVE_REAUTH_MS: '300' });
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    await live?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says hello, subscribes to alerts and delivers a published alert with its position', async () => {
    const client = connect();
    await client.opened();
    const hello = await client.waitFor(() => client.messages.find((message) => message.type === 'hello'));
    expect(hello).toMatchObject({ type: 'hello', maxQueue: 2_000, heartbeatMs: 1_000 });
    client.subscribe(1, { kind: 'alerts' });
    const [subscribed] = await client.waitFor(() => client.of(1, 'subscribed').length > 0 && client.of(1, 'subscribed'));
    expect(subscribed).toMatchObject({ policy: 'lossless', position: { offset: 0 } });
    const position = await live.server.services.live.publish({ kind: 'alerts' }, { message: 'hello' });
    const [data] = await client.waitFor(() => client.data(1).length > 0 && client.data(1));
    expect(data).toEqual({ type: 'data', id: 1, data: { message: 'hello' }, position });
    expect(position?.offset).toBe(1);
  });

  it('refuses an upgrade without credentials with 4001', async () => {
    const client = connect({});
    await client.opened();
    expect(await client.closed()).toBe(LIVE_CLOSE.unauthenticated);
  });

  it('drops a peer that stops answering pings and keeps one that answers', async () => {
    const dead = connect({ cookie: live.cookie, autoPong: false });
    const alive = connect();
    await Promise.all([dead.opened(), alive.opened()]);
    const before = live.server.services.live.stats.connections;
    expect(await dead.closed()).toBe(1006);
    await expect.poll(() => live.server.services.live.stats.connections).toBe(before - 1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(alive.closeCode).toBeUndefined();
  });

  it('answers ping with pong', async () => {
    const client = connect();
    await client.opened();
    client.send({ type: 'ping', time: 42 });
    expect(await client.waitFor(() => client.messages.find((message) => message.type === 'pong'))).toEqual({
      type: 'pong',
      time: 42,
    });
  });

  it('closes a connection with 4001 once its session is logged out or its API key revoked, and keeps the others', async () => {
    const login = await trpc(live.url, 'auth.login', { username: 'admin', password: LIVE_TEST_PASSWORD });
    const other = login.cookie as string;
    const key = (await trpc(live.url, 'apiKeys.create', { name: 'revoked soon' }, live.cookie)).body.result.data;
    const bySession = connect({ cookie: other });
    const byKey = connect({ apiKey: key.key });
    const staying = connect();
    for (const client of [bySession, byKey, staying])
      await client.waitFor(() => client.messages.some((message) => message.type === 'hello'));
    expect((await trpc(live.url, 'auth.logout', {}, other)).status).toBe(200);
    expect(await bySession.closed()).toBe(LIVE_CLOSE.unauthenticated);
    expect(byKey.closeCode).toBeUndefined();
    expect((await trpc(live.url, 'apiKeys.revoke', { id: key.id }, live.cookie)).status).toBe(200);
    expect(await byKey.closed()).toBe(LIVE_CLOSE.unauthenticated);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(staying.closeCode).toBeUndefined();
  });

  it('answers a plain GET /live (no upgrade) with 426', async () => {
    const response = await fetch(`${live.url}/live`, { headers: { cookie: live.cookie } });
    expect(response.status).toBe(426);
    expect(response.headers.get('upgrade')).toBe('websocket');
  });

  it('reports its connections and messages in GET /metrics', async () => {
    const client = connect();
    await client.waitFor(() => client.messages.some((message) => message.type === 'hello'));
    const text = await (await fetch(`${live.url}/metrics`, { headers: { cookie: live.cookie } })).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('nautilus_live_connections')).toBe(live.server.services.live.stats.connections);
    expect(value('nautilus_live_connections')).toBeGreaterThanOrEqual(1);
    expect(value('nautilus_live_messages_sent_total')).toBeGreaterThanOrEqual(1);
    expect(value('nautilus_live_refused_total')).toBeGreaterThanOrEqual(1);
    for (const name of ['subscriptions', 'channels', 'conflated_total', 'slow_consumer_closes_total', 'resyncs_total']) {
      expect(value(`nautilus_live_${name}`)).toBeGreaterThanOrEqual(0);
    }
  });
});
