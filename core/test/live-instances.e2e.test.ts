import { fileURLToPath } from 'node:url';
import type { ClientMessage, LiveChannel, LogPosition, OhlcvFrame, ServerMessage } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { trpcOverHttp } from '../src/testing/trpc-over-http.ts';
import { dialects, type TestDatabase } from './databases.ts';
import { REDIS_URL, skipRedis } from './redis.ts';

// Two server processes on one PostgreSQL and one Redis, as docker-compose.yml runs them, with real
// WebSocket clients on `GET /live` and real producers on both lossless kinds: risk alerts, which
// `risk.checkOrder` stores and publishes from the instance that served the call, and closed bars of
// a market feed that runs on one instance under a lease (a fixture plugin on the wall clock, a bar
// every 250 ms, so every instance and the history query agree on the bars).

const PASSWORD = 'two instances admin password';
const PLUGINS = fileURLToPath(new URL('./fixtures/live-plugins', import.meta.url));
const ALERTS: LiveChannel = { kind: 'alerts' };
const BARS: LiveChannel = { kind: 'bars', dataSource: 'test.wall-bars/bars', symbol: 'WALL', timeframe: '1m' };
const MINUTE = 60_000;
const postgres = dialects.find((dialect) => dialect.name === 'postgres');
if (!postgres) throw new Error('no postgres dialect');

type Data = Extract<ServerMessage, { type: 'data' }>;
interface Alert {
  id: string;
  details: { order?: string };
}

/** A WebSocket client of the live protocol that keeps every message it receives, in order. */
class LiveClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<number>;
  readonly #socket: WebSocket;
  #listeners = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (frame: Buffer) => {
      for (const message of JSON.parse(frame.toString()) as ServerMessage[]) this.messages.push(message);
      for (const listener of this.#listeners) listener();
    });
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  static async connect(server: ServerProcess, cookie: string): Promise<LiveClient> {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/live`, { headers: { cookie, origin: server.url } });
    const client = new LiveClient(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode} instead of an upgrade`)),
      );
    });
    await client.waitFor((message) => message.type === 'hello');
    return client;
  }

  send(...messages: ClientMessage[]): void {
    this.#socket.send(JSON.stringify(messages));
  }

  /** The first message (from the start of the connection) that `test` accepts; waits for it. */
  waitFor<T extends ServerMessage>(test: (message: ServerMessage) => message is T, timeoutMs?: number): Promise<T>;
  waitFor(test: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  waitFor(test: (message: ServerMessage) => boolean, timeoutMs = 15_000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(test);
        if (!found) return false;
        this.#listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`no such message in ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 2_000)}`));
      }, timeoutMs);
      this.#listeners.add(listener);
      check();
    });
  }

  /** Subscribes and answers the log position the subscription starts after. */
  async subscribe(id: number, channel: LiveChannel, from?: LogPosition): Promise<LogPosition | undefined> {
    this.send({ type: 'subscribe', id, channel, ...(from ? { from } : {}) });
    const reply = await this.waitFor(
      (message) => (message.type === 'subscribed' || message.type === 'error') && message.id === id,
    );
    if (reply.type !== 'subscribed') throw new Error(`subscription refused: ${JSON.stringify(reply)}`);
    return reply.position;
  }

  data(id: number): Data[] {
    return this.messages.filter((message): message is Data => message.type === 'data' && message.id === id);
  }

  close(): void {
    this.#socket.close();
  }
}

const call = async (server: ServerProcess, procedure: string, input: unknown, cookie: string) => {
  const response = await trpcOverHttp(server.url, procedure, input, cookie);
  if (response.status !== 200) throw new Error(`${procedure} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.result.data;
};

/** Polls `condition` until it holds or `timeoutMs` passed (the assertions after it say what is missing). */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** An order over the portfolio's maxOrderQuantity (1): exactly one hard denial, one alert naming the order. */
const orderOf = (quantity: number) => ({ symbol: 'SIM:AAPL', side: 'buy', quantity });
const described = (quantity: number) => `buy ${quantity} SIM:AAPL`;

describe.skipIf(postgres.skip || skipRedis)('two server processes on one PostgreSQL and one Redis', () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let cookie: string;
  let portfolioId: string;

  beforeAll(async () => {
    database = await postgres.create();
    const env = (name: string) => ({
      NAUTILUS_ADMIN_PASSWORD: PASSWORD,
      NAUTILUS_DATA_DIR: `${database.options.dataDir}/${name}`,
      DATABASE_URL: database.options.databaseUrl ?? '',
      REDIS_URL,
      NAUTILUS_SECRETS_KEY: 'cd'.repeat(32),
      NAUTILUS_PLUGIN_DIRS: PLUGINS,
    });
    // One after the other, as compose starts them: the first migrates and creates the admin.
    a = await startServerProcess(env('a'));
    b = await startServerProcess(env('b'));
    const login = await trpcOverHttp(a.url, 'auth.login', { username: 'admin', password: PASSWORD });
    cookie = login.cookie as string;
    const portfolio = await call(
      a,
      'portfolios.create',
      {
        name: 'Two instances',
        capital: 1_000_000,
        dataSource: 'nautilus.sim-market/bars',
        positions: [{ symbol: 'SIM:AAPL', quantity: 10 }],
        limits: { onHardBreach: 'deny', limits: [{ kind: 'maxOrderQuantity', hard: 1 }] },
      },
      cookie,
    );
    portfolioId = portfolio.id;
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('delivers a message published on instance A to a client connected to instance B', async () => {
    const client = await LiveClient.connect(b, cookie);
    const hello = client.messages[0] as Extract<ServerMessage, { type: 'hello' }>;
    const onA = await LiveClient.connect(a, cookie);
    expect(hello.instance).not.toBe((onA.messages[0] as typeof hello).instance);
    onA.close();
    await client.subscribe(1, ALERTS);
    const decision = await call(a, 'risk.checkOrder', { portfolioId, order: orderOf(2) }, cookie);
    expect(decision.denials.map((denial: { limit: string }) => denial.limit)).toEqual(['maxOrderQuantity']);
    const delivered = (await client.waitFor((message) => message.type === 'data' && message.id === 1)) as Data;
    expect((delivered.data as Alert).details.order).toBe(described(2));
    expect(delivered.position?.offset).toBeGreaterThan(0);
    client.close();
  });

  it('kill -9 of the instance its clients and a feed are on: they resume on the other from their offsets, nothing lost, nothing twice', async () => {
    // A subscribes first, so A runs the bars feed (and holds its lease); B only follows it.
    const clients = await Promise.all(Array.from({ length: 4 }, () => LiveClient.connect(a, cookie)));
    const alertStarts: (LogPosition | undefined)[] = [];
    const barStarts: (LogPosition | undefined)[] = [];
    for (const client of clients) {
      barStarts.push(await client.subscribe(9, BARS));
      alertStarts.push(await client.subscribe(7, ALERTS));
    }
    const onB = await LiveClient.connect(b, cookie);
    const onBStart = await onB.subscribe(9, BARS);
    await until(() => clients.every((client) => client.data(9).length >= 8) && onB.data(9).length >= 8, 20_000);
    // The alerts producer serves its calls on B, the instance that survives: every call that returned was logged.
    const produced: number[] = [];
    let producing = true;
    let quantity = 1_000;
    const producer = (async () => {
      while (producing) {
        const decision = await call(b, 'risk.checkOrder', { portfolioId, order: orderOf(quantity) }, cookie);
        expect(decision.denials).toHaveLength(1);
        expect(decision.warnings).toHaveLength(0);
        produced.push(quantity++);
      }
    })();
    const producedAtLeast = (count: number) => until(() => produced.length >= count, 30_000);
    await producedAtLeast(15);
    a.child.kill('SIGKILL');
    const lastBarBeforeKill = Math.floor(Date.now() / 250);
    await Promise.all(clients.map((client) => client.closed));
    const killedAt = produced.length;
    // Reconnect after a pause, as a client's back-off does: the producer goes on meanwhile.
    await producedAtLeast(killedAt + 10);
    const resumed: LiveClient[] = [];
    for (const [index, client] of clients.entries()) {
      const again = await LiveClient.connect(b, cookie);
      await again.subscribe(9, BARS, client.data(9).at(-1)?.position ?? barStarts[index]);
      await again.subscribe(7, ALERTS, client.data(7).at(-1)?.position ?? alertStarts[index]);
      resumed.push(again);
    }
    await producedAtLeast(produced.length + 10);
    producing = false;
    await producer;
    // B takes the feed over once A's lease lapses (15 s), fills the bars nobody streamed meanwhile
    // from the source's history, and goes on: wait for bars well past the kill.
    const barTime = (message: Data) => (message.data as OhlcvFrame).time[0] as number;
    const pastKill = (messages: Data[]) =>
      (messages.length ? barTime(messages.at(-1) as Data) / MINUTE : 0) >= lastBarBeforeKill + 12;
    await until(() => pastKill(onB.data(9)) && resumed.every((again) => pastKill(again.data(9))), 45_000);
    await until(
      () =>
        resumed.every((again, index) => (clients[index] as LiveClient).data(7).length + again.data(7).length >= produced.length),
      20_000,
    );

    /** One lossless subscription's whole story: dense offsets in one epoch from its start, no resync. */
    const expectDense = (messages: Data[], start: LogPosition | undefined, what: string) => {
      expect(start, what).toBeDefined();
      expect(
        messages.map((message) => message.position?.epoch),
        what,
      ).toEqual(messages.map(() => start?.epoch));
      expect(
        messages.map((message) => message.position?.offset),
        what,
      ).toEqual(messages.map((_, at) => (start?.offset ?? 0) + at + 1));
    };
    /** Bars one minute apart from the first to the last: nothing lost, nothing twice, across the takeover. */
    const expectConsecutiveBars = (messages: Data[], what: string) => {
      const times = messages.map(barTime);
      expect(pastKill(messages), `${what}: bars resumed after the feed moved`).toBe(true);
      expect(times, what).toEqual(times.map((_, at) => (times[0] as number) + at * MINUTE));
    };
    // The feed ran on A, then on B: the lease moved.
    const feedStarted = (server: ServerProcess) =>
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('feed started') && line.includes('wall-bars')).length;
    expect(feedStarted(a)).toBe(1);
    expect(feedStarted(b)).toBe(1);
    expectDense(onB.data(9), onBStart, 'bars on B');
    expectConsecutiveBars(onB.data(9), 'bars on B');
    expect(onB.messages.some((message) => message.type === 'resync')).toBe(false);
    for (const [index, client] of clients.entries()) {
      const again = resumed[index] as LiveClient;
      expect(again.messages.some((message) => message.type === 'resync')).toBe(false);
      const alerts = [...client.data(7), ...again.data(7)];
      // Exactly the alerts produced, in order: nothing lost, nothing twice.
      expect(alerts.map((message) => (message.data as Alert).details.order)).toEqual(produced.map(described));
      expect(new Set(alerts.map((message) => (message.data as Alert).id)).size).toBe(alerts.length);
      expectDense(alerts, alertStarts[index], `alerts of client ${index}`);
      // Some of them were logged while the client was away and came from the log on resume.
      expect(client.data(7).length).toBeLessThan(produced.length - 10);
      const bars = [...client.data(9), ...again.data(9)];
      expectDense(bars, barStarts[index], `bars of client ${index}`);
      expectConsecutiveBars(bars, `bars of client ${index}`);
      again.close();
    }
    onB.close();
  }, 150_000);
});
