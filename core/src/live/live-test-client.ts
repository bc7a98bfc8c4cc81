import type { ClientMessage, LiveChannel, LogPosition, ServerMessage } from '@nautilus/sdk';
import { WebSocket } from 'ws';

/** How a test client connects: a session cookie or an API key, and the Origin a browser would send. */
export interface LiveClientOptions {
  cookie?: string;
  apiKey?: string;
  origin?: string;
  /** Host header to send instead of the URL's. */
  host?: string;
  /** False: never answer the server's pings (a peer that died without closing). */
  autoPong?: boolean;
}

/**
 * A real WebSocket client of `GET /live` for tests and benchmarks: collects every server message
 * (frames are JSON arrays), waits for conditions, and can stop reading (pause its socket) to play
 * a slow consumer. Not a mock: it speaks the protocol over TCP like a browser tab.
 */
export class LiveTestClient {
  readonly messages: ServerMessage[] = [];
  readonly ws: WebSocket;
  closeCode: number | undefined;
  closeReason = '';
  frames = 0;
  readonly #opened: Promise<void>;
  readonly #closed: Promise<number>;
  #listeners = new Set<() => void>();

  constructor(url: string, options: LiveClientOptions = {}) {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    if (options.host) headers.host = options.host;
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/live`, {
      headers,
      perMessageDeflate: false,
      autoPong: options.autoPong ?? true,
      ...(options.origin ? { origin: options.origin } : {}),
    });
    this.#opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade answered ${response.statusCode}`)));
    });
    this.#closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.#notify();
        resolve(code);
      });
    });
    this.#opened.catch(() => {});
    this.ws.on('error', () => {});
    this.ws.on('message', (data) => {
      this.frames++;
      for (const message of JSON.parse(data.toString()) as ServerMessage[]) this.messages.push(message);
      this.#notify();
    });
  }

  opened(): Promise<void> {
    return this.#opened;
  }

  closed(): Promise<number> {
    return this.#closed;
  }

  send(...messages: ClientMessage[]): void {
    this.ws.send(JSON.stringify(messages));
  }

  subscribe(id: number, channel: LiveChannel, from?: LogPosition): void {
    this.send({ type: 'subscribe', id, channel, ...(from ? { from } : {}) });
  }

  /** Messages of subscription `id` of one type. */
  of<T extends ServerMessage['type']>(id: number, type: T): Extract<ServerMessage, { type: T }>[] {
    return this.messages.filter((message) => message.type === type && 'id' in message && message.id === id) as Extract<
      ServerMessage,
      { type: T }
    >[];
  }

  /** Data messages of subscription `id`. */
  data(id: number): Extract<ServerMessage, { type: 'data' }>[] {
    return this.of(id, 'data');
  }

  /** Resolves when `check` holds (checked on every frame and on close), or rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000, what = 'a condition'): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const value = check();
        if (!value) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; ${this.messages.length} messages, close ${this.closeCode}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
      };
      this.#listeners.add(listener);
    });
  }

  /** Stops reading from the socket (the server's writes back up), as a slow or frozen browser would. */
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  close(): void {
    this.ws.close();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
