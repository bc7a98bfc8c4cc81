import { connect } from 'node:net';
import { type ServerProcess, startServerProcess } from '@nautilus/core/testing';
import { dialects, type TestDatabase } from '../../core/test/databases.ts';
import { REDIS_URL, skipRedis } from '../../core/test/redis.ts';
import { RoundRobinProxy } from './round-robin-proxy.ts';

export const CI = process.env.CI === 'true';
const postgres = dialects.find((dialect) => dialect.name === 'postgres');
if (!postgres) throw new Error('no postgres dialect');

/**
 * Outside CI, a machine without PostgreSQL or Redis skips the two-instance tests (with a warning from
 * core's helpers); under CI=true it never skips: `startTwoInstances` then fails, naming the server.
 */
export const skipTwoInstances = postgres.skip || skipRedis;

export interface TwoInstances {
  a: ServerProcess;
  b: ServerProcess;
  /** Spreads connections over a and b, skipping whichever is dead. */
  proxy: RoundRobinProxy;
  password: string;
  stop(): Promise<void>;
}

/** Answers when Redis at `url` answers PING; throws naming the address otherwise. */
async function expectRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port || 6379), hostname);
    const timer = setTimeout(() => socket.destroy(new Error('no answer in 3 s')), 3_000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      clearTimeout(timer);
      socket.end();
      resolve(data.toString());
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error: Error) => error.message);
  if (!answer.startsWith('+PONG')) throw new Error(`Redis at ${url} is unreachable (${answer.trim()}), and CI=true requires it`);
}

const port = (server: ServerProcess) => Number(new URL(server.url).port);

/**
 * Two `nautilus start` processes on one fresh PostgreSQL database and one Redis, as docker-compose.yml
 * runs them, and a round-robin proxy in front. The proxy's address is 127.0.0.1, which the servers
 * accept by default; NAUTILUS_ALLOWED_HOSTS is set anyway, as a deployment behind a proxy sets it to
 * the name browsers use, and the live endpoint's same-origin check sees the Host the browser sent.
 */
export async function startTwoInstances(): Promise<TwoInstances> {
  const database: TestDatabase = await (postgres as NonNullable<typeof postgres>).create();
  const password = 'two instances e2e admin password';
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  try {
    await expectRedis(REDIS_URL);
    const env = (name: string) => ({
      NAUTILUS_ADMIN_PASSWORD: password,
      NAUTILUS_DATA_DIR: `${database.options.dataDir}/${name}`,
      DATABASE_URL: database.options.databaseUrl ?? '',
      REDIS_URL,
      NAUTILUS_SECRETS_KEY: 'ef'.repeat(32),
      NAUTILUS_ALLOWED_HOSTS: '127.0.0.1,localhost',
    });
    // One after the other, as compose starts them: the first migrates and creates the admin.
    a = await startServerProcess(env('a'));
    b = await startServerProcess(env('b'));
  } catch (error) {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database.drop();
    throw error;
  }
  const proxy = await RoundRobinProxy.start([
    { host: '127.0.0.1', port: port(a) },
    { host: '127.0.0.1', port: port(b) },
  ]);
  const servers = [a, b];
  return {
    a,
    b,
    proxy,
    password,
    async stop() {
      await proxy.close();
      await Promise.allSettled(servers.map((server) => server.stop()));
      await database.drop();
    },
  };
}
