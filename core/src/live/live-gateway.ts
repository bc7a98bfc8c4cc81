import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { LIVE_CLOSE } from '@nautilus/sdk';
import { WebSocket, WebSocketServer } from 'ws';
import { createRequestContext, type Services } from '../api/context.ts';
import type { User } from '../db/tables.ts';
import { hostOfHeader, isAllowedHost } from '../http/allowed-hosts.ts';
import { clientAddress, trustedProxyList } from '../http/client-address.ts';
import { isSameOrigin } from '../http/same-origin.ts';
import { isIssue, parseClientMessage } from './client-messages.ts';
import { closeReason } from './close-reason.ts';
import type { LiveConnection } from './live-connection.ts';
import type { LiveHub } from './live-hub.ts';
import { type Credential, credentialOf, validCredentials } from './live-reauth.ts';

/** The path of the live endpoint. */
export const LIVE_PATH = '/live';
/** Largest frame a client may send; subscribe messages are small. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** Most messages in one client frame. */
const MAX_CLIENT_MESSAGES = 100;
/**
 * Most messages a client may send in {@link CLIENT_WINDOW_MS} (a page subscribes a few dozen times and
 * pings now and then); a client past it is closed with 4002, so subscribe churn cannot keep the
 * server authorizing.
 */
export const MAX_CLIENT_MESSAGES_PER_WINDOW = 1_000;
const CLIENT_WINDOW_MS = 10_000;
/** How long shutdown waits for clients to answer the close before dropping them. */
const CLOSE_WAIT_MS = 1_000;

export interface LiveGatewayOptions {
  hub: LiveHub;
  /** For authentication (database, sessions) and the allowed hosts. */
  services: Pick<Services, 'db' | 'config' | 'logger'>;
}

/**
 * `GET /live`: the WebSocket endpoint of the live hub, on the server's own HTTP port (no compression:
 * frames are small and many, and deflate state costs ~300 KB a connection). Upgrades are
 * authenticated like tRPC calls: an API key (`Authorization: Bearer`) or the session cookie, with
 * the allowed-hosts check and, when the browser sends an Origin, the same-origin check. A refused
 * upgrade is completed and closed with LIVE_CLOSE.unauthenticated and the reason, because a browser
 * sees close codes but not HTTP statuses of a failed handshake.
 */
export class LiveGateway {
  readonly #options: LiveGatewayOptions;
  readonly #server = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_CLIENT_FRAME_BYTES });
  readonly #heartbeat: NodeJS.Timeout;
  readonly #reauth: NodeJS.Timeout;
  #reauthRunning = false;
  readonly #sockets = new WeakMap<LiveConnection, WebSocket>();
  readonly #trustedProxies;
  #closing = false;

  constructor(options: LiveGatewayOptions) {
    this.#options = options;
    this.#trustedProxies = trustedProxyList(options.services.config.trustedProxies);
    this.#heartbeat = setInterval(() => this.#beat(), options.hub.heartbeatMs);
    this.#heartbeat.unref();
    this.#reauth = setInterval(() => void this.#checkCredentials(), options.services.config.live.reauthMs);
    this.#reauth.unref();
  }

  /** Whether `request` is for this endpoint (the server's `upgrade` listener asks first). */
  handles(request: IncomingMessage): boolean {
    return new URL(request.url ?? '/', 'http://localhost').pathname === LIVE_PATH;
  }

  /** Authenticates the upgrade, then hands the WebSocket to the hub (or closes it with the reason). */
  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => {});
    if (this.#closing) return reject(socket, 503, 'Service Unavailable');
    let refusal: Refusal | undefined;
    let caller: Caller | undefined;
    try {
      const checked = await this.#authenticate(request);
      caller = checked.caller;
      refusal = checked.refusal;
    } catch (error) {
      this.#options.services.logger.warn({ err: error }, 'live upgrade failed');
      return reject(socket, 500, 'Internal Server Error');
    }
    const { hub } = this.#options;
    // Read at each upgrade, so the cap can be lowered while running (tests do).
    const { maxConnections } = this.#options.services.config.live;
    if (!refusal && hub.stats.connections >= maxConnections) {
      refusal = {
        code: LIVE_CLOSE.overCapacity,
        reason: `this instance holds its maximum of ${maxConnections} live connections; retry later`,
      };
    }
    if (socket.destroyed) return;
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      if (refusal || !caller || this.#closing) {
        hub.stats.refused++;
        ws.close(refusal?.code ?? LIVE_CLOSE.goingAway, closeReason(refusal?.reason ?? 'shutting down'));
        return;
      }
      this.#accept(ws, caller);
    });
  }

  /** Closes every connection with 1001 and stops the heartbeat; drops clients that do not answer the close. */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#heartbeat);
    clearInterval(this.#reauth);
    await this.#options.hub.close(LIVE_CLOSE.goingAway, 'server shutting down; reconnect');
    const open = [...this.#server.clients];
    const deadline = Date.now() + CLOSE_WAIT_MS;
    while (open.some((ws) => ws.readyState !== WebSocket.CLOSED) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const ws of open) ws.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #authenticate(request: IncomingMessage): Promise<{ caller?: Caller; refusal?: Refusal }> {
    const { services } = this.#options;
    const hostHeader = request.headers.host;
    const host = hostHeader === undefined ? undefined : hostOfHeader(hostHeader);
    if (hostHeader === undefined || host === undefined || !isAllowedHost(host, services.config.allowedHosts)) {
      return {
        refusal: unauthenticated(`the host '${hostHeader ?? ''}' is not allowed; add it to NAUTILUS_ALLOWED_HOSTS`),
      };
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !isSameOrigin(origin, `http://${hostHeader}${LIVE_PATH}`)) {
      return { refusal: unauthenticated('cross-origin connections are not allowed') };
    }
    const headers = new Headers();
    for (const name of ['authorization', 'cookie']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const address = clientAddress({ incoming: request }, headers, this.#trustedProxies);
    const context = await createRequestContext(
      services as Services,
      new Request(`http://${hostHeader}${LIVE_PATH}`, { headers }),
      new Headers(),
      address,
    );
    if (!context.user || !context.via) {
      return { refusal: unauthenticated('log in, or send an API key as "Authorization: Bearer <key>"') };
    }
    const credential = credentialOf(context.via, context.sessionToken, headers.get('authorization') ?? undefined);
    return { caller: { user: context.user, credential } };
  }

  #accept(ws: WebSocket, caller: Caller): void {
    const { hub } = this.#options;
    const connection = hub.connect(ws, caller.user, caller.credential);
    this.#sockets.set(connection, ws);
    ws.on('error', () => {});
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('close', (code) => {
      hub.stats.closes.set(code, (hub.stats.closes.get(code) ?? 0) + 1);
      hub.disconnect(connection);
    });
    ws.on('message', (data, isBinary) => {
      connection.alive = true;
      if (connection.closed) return;
      if (isBinary) return connection.close(LIVE_CLOSE.badMessage, 'frames are JSON text, not binary');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return connection.close(LIVE_CLOSE.badMessage, 'a frame is not JSON');
      }
      if (!Array.isArray(parsed)) return connection.close(LIVE_CLOSE.badMessage, 'a frame is a JSON array of messages');
      if (parsed.length > MAX_CLIENT_MESSAGES) {
        return connection.close(LIVE_CLOSE.badMessage, `a frame holds at most ${MAX_CLIENT_MESSAGES} messages`);
      }
      if (!connection.countMessages(parsed.length, CLIENT_WINDOW_MS, MAX_CLIENT_MESSAGES_PER_WINDOW)) {
        return connection.close(
          LIVE_CLOSE.badMessage,
          `more than ${MAX_CLIENT_MESSAGES_PER_WINDOW} messages in ${CLIENT_WINDOW_MS / 1000} s; slow down`,
        );
      }
      for (const [index, element] of parsed.entries()) {
        const message = parseClientMessage(element);
        if (isIssue(message)) {
          const field = parsed.length > 1 ? `[${index}].${message.field}` : message.field;
          connection.send({
            type: 'error',
            ...(message.id === undefined ? {} : { id: message.id }),
            code: 'VALIDATION',
            field,
            message: `${field}: ${message.message}`,
          });
          continue;
        }
        void hub.handle(connection, message);
      }
    });
  }

  /** Closes connections whose session ended (logout, expiry, user disabled) or whose API key was revoked. */
  async #checkCredentials(): Promise<void> {
    if (this.#reauthRunning || this.#closing) return;
    this.#reauthRunning = true;
    try {
      const { hub, services } = this.#options;
      const connections = [...hub.connections()].filter((connection) => connection.credential !== undefined);
      if (connections.length === 0) return;
      const valid = await validCredentials(
        services.db,
        connections.map((connection) => connection.credential as Credential),
        services.config.sessionTtlMs,
      );
      for (const connection of connections) {
        if (!valid.has(connection.credential as Credential)) {
          connection.close(LIVE_CLOSE.unauthenticated, 'the session ended or the API key was revoked; log in again');
        }
      }
    } catch (error) {
      this.#options.services.logger.warn({ err: error }, 'live credentials check failed; trying again later');
    } finally {
      this.#reauthRunning = false;
    }
  }

  /** Pings every connection; one that did not answer the previous ping (nor sent anything) is dropped. */
  #beat(): void {
    const { hub } = this.#options;
    for (const connection of [...hub.connections()]) {
      const ws = this.#sockets.get(connection);
      // A socket already closing is about to leave; pinging it would throw.
      if (!ws || ws.readyState !== WebSocket.OPEN) continue;
      if (!connection.alive) {
        ws.terminate();
        hub.disconnect(connection);
        continue;
      }
      connection.alive = false;
      ws.ping();
    }
  }
}

type Refusal = { code: number; reason: string };
type Caller = { user: User; credential: Credential };

function unauthenticated(reason: string): Refusal {
  return { code: LIVE_CLOSE.unauthenticated, reason };
}

/** Answers an upgrade request with a plain HTTP status and closes the socket. */
export function reject(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
