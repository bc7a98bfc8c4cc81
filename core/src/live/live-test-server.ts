import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { type NautilusServer, startServer } from '../server.ts';
import { trpcOverHttp } from '../testing/trpc-over-http.ts';

export const LIVE_TEST_PASSWORD = 'live streaming test password';

export interface LiveTestServer {
  server: NautilusServer;
  url: string;
  /** The admin's session cookie. */
  cookie: string;
  /** Stops the server; calling it again waits for the same stop. */
  close(): Promise<void>;
}

/**
 * The real server in this process (HTTP port, WebSocket upgrades, plugins, database, bus) for live
 * tests: `dataDir` (and `DATABASE_URL`/`REDIS_URL` in `env`) choose PGlite or PostgreSQL and the
 * memory or Redis bus. Logs in the admin.
 */
export async function startLiveTestServer(
  dataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<LiveTestServer> {
  const config = loadConfig({
    NAUTILUS_DATA_DIR: dataDir,
    NAUTILUS_PORT: '0',
    NAUTILUS_ADMIN_PASSWORD: LIVE_TEST_PASSWORD,
    NAUTILUS_LOG_LEVEL: 'silent',
    NAUTILUS_WEBGPU: 'off',
    ...env,
  });
  const server = await startServer(config, { logger: pino({ level: 'silent' }), print: () => {} });
  const login = await trpcOverHttp(server.url, 'auth.login', { username: 'admin', password: LIVE_TEST_PASSWORD });
  if (login.status !== 200 || !login.cookie) {
    await server.close();
    throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  }
  let closing: Promise<void> | undefined;
  return { server, url: server.url, cookie: login.cookie, close: () => (closing ??= server.close()) };
}
