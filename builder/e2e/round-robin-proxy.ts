import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

/**
 * "One address" in front of several instances, as a load balancer gives them to browsers: a TCP
 * proxy that hands each new client connection to the next backend in turn, and to the one after it
 * when that refuses (a dead instance is skipped, no health checks needed on loopback). It forwards
 * bytes untouched, so HTTP keep-alive connections, the Host and Origin headers and WebSocket
 * upgrades all pass through as the browser sent them; a backend that dies resets the client
 * connections it carried, as a real proxy does.
 *
 * `hold()` keeps new client connections waiting (accepted, not yet forwarded) until `release()`:
 * a test uses it to be sure a tab is away while it produces messages for it to resume.
 */
export class RoundRobinProxy {
  readonly url: string;
  /** Connections forwarded to each backend (by index), and dial attempts a refusing backend cost. */
  readonly forwarded: number[];
  skipped = 0;
  readonly #server: Server;
  readonly #backends: Backend[];
  readonly #open = new Set<Socket>();
  #held: Socket[] | undefined;
  #next = 0;

  private constructor(server: Server, backends: Backend[], url: string) {
    this.#server = server;
    this.#backends = backends;
    this.url = url;
    this.forwarded = backends.map(() => 0);
  }

  static async start(backends: Backend[]): Promise<RoundRobinProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    const proxy = new RoundRobinProxy(server, backends, `http://127.0.0.1:${address.port}`);
    server.on('connection', (client) => proxy.#accept(client));
    return proxy;
  }

  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const client of held) if (!client.destroyed) this.#forward(client, 0);
  }

  async close(): Promise<void> {
    for (const socket of this.#open) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    this.#track(client);
    client.on('error', () => client.destroy());
    client.pause();
    if (this.#held) this.#held.push(client);
    else this.#forward(client, 0);
  }

  /** Dials the next backend; on refusal the one after, until each was tried once for this client. */
  #forward(client: Socket, tried: number): void {
    if (tried >= this.#backends.length) return void client.destroy();
    const index = this.#next++ % this.#backends.length;
    const backend = this.#backends[index] as Backend;
    const upstream = tcpConnect(backend.port, backend.host);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.#track(upstream);
      this.forwarded[index] = (this.forwarded[index] ?? 0) + 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    upstream.on('error', () => {
      if (connected) return void upstream.destroy();
      this.skipped++;
      upstream.destroy();
      if (!client.destroyed) this.#forward(client, tried + 1);
    });
  }

  #track(socket: Socket): void {
    this.#open.add(socket);
    socket.once('close', () => this.#open.delete(socket));
  }
}
