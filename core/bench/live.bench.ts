// Live streaming figures (`npm run bench`, or `node --no-node-snapshot core/bench/live.bench.ts` alone):
// the server process pinned to core 0 and the load generator (live-load.ts) to core 1 with taskset,
// loopback only, every step bounded in time. Needs PostgreSQL and Redis (the tests' servers).
//
// (a) idle connections held and memory per connection: RSS and V8 heap of the server process
//     (after a full GC, asked for over the inspector) before and after N connections, divided by N;
// (b) updates delivered per second and publish → client latency, 1,000 connections × 10 lossless
//     channels each, messages appended to the channels' Redis logs (as any instance's producer does)
//     carrying their publish time, at rising rates;
// (c) the same with the connections split over two server processes (both on core 0).

import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { channelKey, type LiveChannel, TIMEFRAMES } from '@nautilus/sdk';
import WebSocket from 'ws';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { dialects, type TestDatabase } from '../test/databases.ts';
import { REDIS_URL, skipRedis } from '../test/redis.ts';
import { benchAdminEnv, login } from './http-api.bench.ts';
import type { LoadCommand, LoadReply } from './live-load.ts';
import { printTable } from './stats.ts';

const SERVER_CORE = '0';
const LOAD_CORE = '1';
const FD_LIMIT = 65_536;
const IDLE_CONNECTIONS = Number(process.env.NAUTILUS_BENCH_LIVE_CONNECTIONS ?? 20_000);
/** Subscriptions each connection of (a) takes after the idle figures, as a dashboard tab would. */
const SUBSCRIPTIONS_PER_IDLE_CONNECTION = 5;
const FANOUT_CONNECTIONS = 1_000;
const CHANNELS_PER_CONNECTION = 10;
/** 1,000 × 10 subscriptions over 50 channels: 200 subscribers per channel. */
const CHANNEL_POOL = 50;
/** Publishes per second at each step; deliveries are 200 times that. */
const PUBLISH_RATES = [500, 1_000, 2_000, 3_000, 4_000, 6_000];
const STEP_MS = 4_000;
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'SPY', 'QQQ', 'SPX', 'EURUSD', 'USDJPY', 'BTCUSD', 'ETHUSD'];

/** Sets a process's CPU affinity (every thread), priority and open-file limit; returns what could not be done. */
function pin(pid: number, core: string): string[] {
  const problems: string[] = [];
  try {
    execFileSync('taskset', ['-a', '-p', '-c', core, String(pid)], { stdio: 'ignore' });
  } catch {
    problems.push('taskset failed');
  }
  try {
    // Ahead of whatever else the machine runs, so that neighbours disturb the figures less.
    // Linux keeps a nice value per thread: every thread of the process.
    execFileSync('renice', ['-n', '-10', '-p', ...readdirSync(`/proc/${pid}/task`)], { stdio: 'ignore' });
  } catch {
    problems.push('renice failed');
  }
  try {
    execFileSync('prlimit', ['--pid', String(pid), `--nofile=${FD_LIMIT}:${FD_LIMIT}`], { stdio: 'ignore' });
  } catch {
    problems.push(`could not raise the open-file limit to ${FD_LIMIT}`);
  }
  return problems;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are the 14th and 15th fields of the whole line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) * 1024;
}

/**
 * The V8 heap in use of another Node process after a full GC, over the inspector (SIGUSR1 opens it
 * on the port its `--inspect-port` names): `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`.
 */
async function inspector(pid: number, port: number): Promise<{ heapUsedAfterGc(): Promise<number>; close(): void }> {
  process.kill(pid, 'SIGUSR1');
  let target: string | undefined;
  for (let attempt = 0; attempt < 50 && !target; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
      target = list[0]?.webSocketDebuggerUrl;
    } catch {
      // Not listening yet.
    }
  }
  if (!target) throw new Error('the server process did not open its inspector');
  const socket = new WebSocket(target);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const mine = ++id;
      const onMessage = (text: Buffer) => {
        const reply = JSON.parse(text.toString()) as { id?: number; result: Record<string, number> };
        if (reply.id !== mine) return;
        socket.off('message', onMessage);
        resolve(reply.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method }));
    });
  return {
    async heapUsedAfterGc() {
      await call('HeapProfiler.collectGarbage');
      return (await call('Runtime.getHeapUsage')).usedSize as number;
    },
    close: () => socket.close(),
  };
}

/** The load generator, pinned to its core, answering one command at a time. */
interface LoadProcess {
  child: ChildProcess;
  send(command: LoadCommand): Promise<LoadReply>;
  problems: string[];
}

function startLoad(): LoadProcess {
  const child = fork(fileURLToPath(new URL('./live-load.ts', import.meta.url)), [], {
    execArgv: ['--no-node-snapshot', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const problems = pin(child.pid as number, LOAD_CORE);
  let waiting: { resolve(reply: LoadReply): void; reject(error: Error): void } | undefined;
  child.on('message', (reply) => {
    waiting?.resolve(reply as LoadReply);
    waiting = undefined;
  });
  child.on('exit', (code) => waiting?.reject(new Error(`the load generator exited with ${code}`)));
  return {
    child,
    problems,
    send: (command) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        child.send(command);
      }),
  };
}

interface PinnedServer extends ServerProcess {
  /** What pinning could not do (no taskset, no permission to raise the open-file limit). */
  problems: string[];
}

async function startServer(database: TestDatabase, extra: Record<string, string> = {}): Promise<PinnedServer> {
  const server = await startServerProcess(
    {
      ...benchAdminEnv,
      NAUTILUS_DATA_DIR: database.options.dataDir,
      DATABASE_URL: database.options.databaseUrl ?? '',
      REDIS_URL,
      ...extra,
    },
    120_000,
  );
  return { ...server, problems: pin(server.child.pid as number, SERVER_CORE) };
}

function liveUrl(server: ServerProcess): string {
  return `${server.url.replace(/^http/, 'ws')}/live`;
}

/** The session cookie; the generator adds each server's own Origin, as a browser on its page would. */
function authHeaders(cookie: string): Record<string, string> {
  return { cookie };
}

/** The channels of the fan-out test: closed bars of sim-market symbols, every timeframe. */
function channelPool(): LiveChannel[] {
  const channels: LiveChannel[] = [];
  for (const symbol of SYMBOLS) {
    for (const timeframe of TIMEFRAMES) {
      channels.push({ kind: 'bars', dataSource: 'nautilus.sim-market/bars', symbol: `SIM:${symbol}`, timeframe });
    }
  }
  return channels.slice(0, CHANNEL_POOL);
}

export interface IdleFigures {
  requested: number;
  /** What the server's open-file limit allows at most (connections past it would be refused by the OS). */
  fdHeadroom: number;
  opened: number;
  failed: number;
  firstError: string | undefined;
  connectSeconds: number;
  rssPerConnectionBytes: number;
  heapPerConnectionBytes: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** Subscriptions the connections then held (SUBSCRIPTIONS_PER_IDLE_CONNECTION each), and the memory per connection with them. */
  subscriptions: number;
  rssPerSubscribedConnectionBytes: number;
  heapPerSubscribedConnectionBytes: number;
  problems: string[];
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Open-file soft limit of a process and how many it has open now. */
function fileDescriptors(pid: number): { limit: number; open: number } {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  const limit = Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? Number.NaN);
  return { limit, open: readdirSync(`/proc/${pid}/fd`).length };
}

/**
 * (a): idle connections (hello received, no subscription) held by one server, and what each costs it.
 * Where the open-file limit cannot be raised (prlimit needs CAP_SYS_RESOURCE), as many as it allows;
 * the clients are spread over as many generator processes as their own limit needs.
 */
export async function idleConnections(database: TestDatabase, count = IDLE_CONNECTIONS): Promise<IdleFigures> {
  // Its own inspector port, so that no other process listening on the default one is measured instead.
  const inspectPort = await freePort();
  const server = await startServer(database, { NODE_OPTIONS: `--inspect-port=127.0.0.1:${inspectPort}` });
  const loads: LoadProcess[] = [];
  const debug = await inspector(server.child.pid as number, inspectPort);
  try {
    const cookie = await login(server);
    const headers = authHeaders(cookie);
    const urls = [liveUrl(server)];
    loads.push(startLoad());
    const perLoad = fileDescriptors(loads[0]?.child.pid as number).limit - 200;
    // Warm the code paths (authentication, hello) so the baseline holds what every connection needs.
    await loads[0]?.send({ op: 'connect', urls, headers, count: 200, concurrency: 50, timeoutMs: 30_000 });
    await loads[0]?.send({ op: 'close' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const fds = fileDescriptors(server.child.pid as number);
    const fdHeadroom = fds.limit - fds.open - 20;
    const target = Math.min(count, fdHeadroom);
    while (loads.length < Math.ceil(target / perLoad)) loads.push(startLoad());
    const heapBefore = await debug.heapUsedAfterGc();
    const rssBefore = rssBytes(server.child.pid as number);
    const shares = loads.map((_, index) => Math.floor(target / loads.length) + (index < target % loads.length ? 1 : 0));
    const started = performance.now();
    const replies = await Promise.all(
      loads.map((load, index) =>
        load.send({ op: 'connect', urls, headers, count: shares[index] as number, concurrency: 100, timeoutMs: 180_000 }),
      ),
    );
    const connectMs = performance.now() - started;
    let opened = 0;
    let failed = 0;
    let firstError: string | undefined;
    for (const reply of replies) {
      if (reply.op !== 'connected') throw new Error('unexpected reply');
      opened += reply.opened;
      failed += reply.failed;
      firstError ??= reply.firstError;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const heapAfter = await debug.heapUsedAfterGc();
    const rssAfter = rssBytes(server.child.pid as number);
    // Then as a dashboard tab holds them: every connection subscribes to a few lossless channels.
    const subscribed = await Promise.all(
      loads.map((load) =>
        load.send({
          op: 'subscribe',
          channels: channelPool(),
          perConnection: SUBSCRIPTIONS_PER_IDLE_CONNECTION,
          timeoutMs: 120_000,
        }),
      ),
    );
    let subscriptions = 0;
    for (const reply of subscribed) if (reply.op === 'subscribed') subscriptions += reply.subscriptions;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const heapSubscribed = await debug.heapUsedAfterGc();
    const rssSubscribed = rssBytes(server.child.pid as number);
    await Promise.all(loads.map((load) => load.send({ op: 'close' })));
    return {
      requested: count,
      fdHeadroom,
      opened,
      failed,
      firstError,
      connectSeconds: connectMs / 1000,
      rssPerConnectionBytes: (rssAfter - rssBefore) / opened,
      heapPerConnectionBytes: (heapAfter - heapBefore) / opened,
      rssBeforeMb: rssBefore / 2 ** 20,
      rssAfterMb: rssAfter / 2 ** 20,
      subscriptions,
      rssPerSubscribedConnectionBytes: (rssSubscribed - rssBefore) / opened,
      heapPerSubscribedConnectionBytes: (heapSubscribed - heapBefore) / opened,
      problems: [...server.problems, ...loads.flatMap((load) => load.problems)],
    };
  } finally {
    debug.close();
    for (const load of loads) load.child.kill('SIGKILL');
    await server.stop();
  }
}

export interface FanoutStep {
  publishesPerSecond: number;
  offeredPerSecond: number;
  deliveredPerSecond: number;
  delivered: number;
  expected: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  closedDuring: number;
  /** CPU the server processes used over the step, in cores (1 = one core busy the whole step). */
  serverCores: number;
  /** The same for the load generator (publisher and clients). */
  loadCores: number;
  /** Messages delivered per CPU second the server processes used: the per-core throughput. */
  perServerCpuSecond: number;
}

export interface FanoutFigures {
  instances: number;
  connections: number;
  subscriptions: number;
  refused: number;
  firstError: string | undefined;
  steps: FanoutStep[];
  problems: string[];
}

/**
 * (b) with one instance, (c) with two: 1,000 connections × 10 channels, messages appended to the channels'
 * logs at rising rates (`options.rates`; `serverEnv`, e.g. NODE_OPTIONS=--cpu-prof, to profile the servers).
 */
export async function fanout(
  database: TestDatabase,
  instances: 1 | 2,
  options: { rates?: number[]; serverEnv?: Record<string, string> } = {},
): Promise<FanoutFigures> {
  const servers: PinnedServer[] = [];
  for (let index = 0; index < instances; index++) servers.push(await startServer(database, options.serverEnv));
  const load = startLoad();
  try {
    const cookie = await login(servers[0] as ServerProcess);
    const channels = channelPool();
    const connected = await load.send({
      op: 'connect',
      urls: servers.map(liveUrl),
      headers: authHeaders(cookie),
      count: FANOUT_CONNECTIONS,
      concurrency: 100,
      timeoutMs: 60_000,
    });
    if (connected.op !== 'connected') throw new Error('unexpected reply');
    const subscribed = await load.send({ op: 'subscribe', channels, perConnection: CHANNELS_PER_CONNECTION, timeoutMs: 60_000 });
    if (subscribed.op !== 'subscribed') throw new Error('unexpected reply');
    const logs = channels.map((channel) => ({ key: channelKey(channel), topic: `live.${channelKey(channel)}` }));
    const steps: FanoutStep[] = [];
    const pids = servers.map((server) => server.child.pid as number);
    const serverCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    // Warm-up (not reported): JIT, the logs' scripts, every channel's first messages.
    await load.send({ op: 'publish', redisUrl: REDIS_URL, logs, perSecond: 500, durationMs: 2_000, drainMs: 3_000 });
    for (const perSecond of options.rates ?? PUBLISH_RATES) {
      const cpuBefore = serverCpu();
      const loadBefore = cpuSeconds(load.child.pid as number);
      const wallBefore = performance.now();
      const result = await load.send({
        op: 'publish',
        redisUrl: REDIS_URL,
        logs,
        perSecond,
        durationMs: STEP_MS,
        drainMs: 3_000,
      });
      if (result.op !== 'published') throw new Error('unexpected reply');
      const wallSeconds = (performance.now() - wallBefore) / 1000;
      const serverSeconds = serverCpu() - cpuBefore;
      steps.push({
        publishesPerSecond: perSecond,
        offeredPerSecond: result.expected / result.seconds,
        deliveredPerSecond: result.received / result.seconds,
        delivered: result.received,
        expected: result.expected,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        maxMs: result.maxMs,
        closedDuring: result.closedDuring,
        serverCores: serverSeconds / wallSeconds,
        perServerCpuSecond: result.received / Math.max(serverSeconds, 0.01),
        loadCores: (cpuSeconds(load.child.pid as number) - loadBefore) / wallSeconds,
      });
      // Past the point where the server falls behind, higher rates only queue up.
      if (result.received < result.expected * 0.95 || result.closedDuring > 0) break;
    }
    await load.send({ op: 'close' });
    return {
      instances,
      connections: connected.opened,
      subscriptions: subscribed.subscriptions,
      refused: subscribed.refused,
      firstError: connected.firstError ?? subscribed.firstError,
      steps,
      problems: [...servers.flatMap((server) => server.problems), ...load.problems],
    };
  } finally {
    load.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.stop()));
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** Runs (a), (b) and (c) and prints their tables. */
export async function printLiveTables(): Promise<void> {
  const postgres = dialects.find((dialect) => dialect.name === 'postgres');
  if (!postgres || postgres.skip || skipRedis) {
    console.log('\nLive streaming: skipped (needs PostgreSQL and Redis)');
    return;
  }
  if (process.platform !== 'linux') {
    console.log('\nLive streaming: skipped (pins processes with taskset and reads /proc: Linux only)');
    return;
  }
  const database = await postgres.create();
  // With the kernel's autogroups, a thread's nice value only counts within its session; the session
  // itself must rank ahead of other sessions' work for the pinned processes to have their cores.
  const autogroup = setAutogroupNice(-10);
  try {
    const idle = await idleConnections(database);
    printTable(
      `Live: idle WebSocket connections held by one server process (core ${SERVER_CORE}; clients on core ${LOAD_CORE}), memory per connection after a full GC (anchors: Centrifugo ~30 KB, Grafana Live ~50 KB; target: 20,000 at <= 25 KB)`,
      [
        'requested',
        'fd limit allows',
        'held',
        'failed',
        'connect s',
        'RSS KB/conn',
        'heap KB/conn',
        'RSS before MB',
        'RSS after MB',
        `subscriptions (${SUBSCRIPTIONS_PER_IDLE_CONNECTION} each)`,
        'with them: RSS KB/conn',
        'heap KB/conn',
      ],
      [
        [
          String(idle.requested),
          String(idle.fdHeadroom),
          String(idle.opened),
          String(idle.failed),
          fixed(idle.connectSeconds),
          kb(idle.rssPerConnectionBytes),
          kb(idle.heapPerConnectionBytes),
          fixed(idle.rssBeforeMb, 0),
          fixed(idle.rssAfterMb, 0),
          String(idle.subscriptions),
          kb(idle.rssPerSubscribedConnectionBytes),
          kb(idle.heapPerSubscribedConnectionBytes),
        ],
      ],
    );
    if (idle.firstError) console.log(`first connection error: ${idle.firstError}`);
    if (idle.problems.length) console.log(`note: ${[...new Set(idle.problems)].join('; ')}`);
    for (const instances of [1, 2] as const) {
      const figures = await fanout(database, instances);
      printTable(
        `Live fan-out, ${instances === 1 ? 'one server process' : 'two server processes over Redis'} on core ${SERVER_CORE}: ${figures.connections} connections × ${CHANNELS_PER_CONNECTION} lossless channels (${figures.subscriptions} subscriptions over ${CHANNEL_POOL} channels), timestamped messages appended to the channels' Redis logs; delivered/s per server core (target 200,000/s) and publish → client latency (target p99 < 50 ms)`,
        [
          'publishes/s',
          'offered/s',
          'delivered/s',
          'delivered',
          'expected',
          'p50 ms',
          'p99 ms',
          'max ms',
          'closed',
          'server cores',
          'delivered per server CPU s',
          'generator cores',
        ],
        figures.steps.map((step) => [
          String(step.publishesPerSecond),
          fixed(step.offeredPerSecond, 0),
          fixed(step.deliveredPerSecond, 0),
          String(step.delivered),
          String(step.expected),
          fixed(step.p50Ms, 2),
          fixed(step.p99Ms, 2),
          fixed(step.maxMs, 1),
          String(step.closedDuring),
          fixed(step.serverCores, 2),
          fixed(step.perServerCpuSecond, 0),
          fixed(step.loadCores, 2),
        ]),
      );
      const within = figures.steps.filter((step) => step.p99Ms < 50 && step.delivered === step.expected);
      const best = within.at(-1);
      console.log(
        `highest rate delivered in full with p99 < 50 ms: ${best ? `${fixed(best.deliveredPerSecond, 0)}/s (p50 ${fixed(best.p50Ms, 2)} ms, p99 ${fixed(best.p99Ms, 2)} ms)` : 'none'}; most delivered per server CPU second: ${fixed(Math.max(0, ...figures.steps.map((step) => step.perServerCpuSecond)), 0)}`,
      );
      if (figures.refused || figures.firstError)
        console.log(`refused subscriptions: ${figures.refused}; first error: ${figures.firstError}`);
      if (figures.problems.length) console.log(`note: ${[...new Set(figures.problems)].join('; ')}`);
      console.log(
        `load average while it ran: ${loadavg()
          .map((value) => value.toFixed(1))
          .join(' ')} on ${availableParallelism()} cores`,
      );
    }
  } finally {
    if (autogroup) setAutogroupNice(0);
    await database.drop();
  }
}

/** Sets this session's autogroup nice value (Linux with CONFIG_SCHED_AUTOGROUP); false where it cannot. */
function setAutogroupNice(nice: number): boolean {
  try {
    writeFileSync('/proc/self/autogroup', String(nice));
    return true;
  } catch {
    return false;
  }
}

if (import.meta.main) await printLiveTables();
