import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONTRIBUTION_KINDS,
  type DataQuery,
  ErrorCode,
  NautilusError,
  type PluginContext,
  type PluginContributions,
  type PluginDefinition,
  type PluginManifest,
} from '@nautilus/sdk';
import type { Logger } from 'pino';
import { BulkReader } from './bulk-pipe.ts';
import { networkNamespaceAvailable, readableFolders } from './enforcement.ts';
import { Channel, decodeFrames, type WireError, type WireMessage } from './wire.ts';

export interface IsolatedPluginOptions {
  /** The plugin's folder and the module to import in it. */
  dir: string;
  entry: string;
  memoryMb: number;
  /** The folder the plugin may write; created when missing. */
  dataDir?: string;
  setupTimeoutMs: number;
  logger: Logger;
  /** Told when the process dies (state failed, with why) and when a restart brought it back. */
  onState: (change: { state: 'active' | 'failed'; error: NautilusError | null; restarts: number }) => void;
}

const PROCESS_ENTRY = fileURLToPath(new URL('./plugin-process.ts', import.meta.url));
const SDK_MAP = {
  '@nautilus/sdk': import.meta.resolve('@nautilus/sdk'),
  '@nautilus/sdk/testing': import.meta.resolve('@nautilus/sdk/testing'),
};
const SDK_ROOT = dirname(dirname(fileURLToPath(SDK_MAP['@nautilus/sdk'])));
/** How long a cancelled call may take to settle before its process is taken as hung and killed. */
const HANG_GRACE_MS = 1_000;
const HEARTBEAT_MS = 5_000;
/** The niceness of a plugin's process (the server's is 0): the OS runs the server first when both want the CPU. */
const PLUGIN_NICENESS = 10;
const MAX_BACKOFF_MS = 30_000;
/** Restarts in a row, without a minute of health between them, before the host gives up. */
const MAX_RESTARTS = 5;

/**
 * Starts a plugin in a process of its own and answers with a PluginDefinition whose `setup` and
 * contributions are calls into that process, so the host checks and calls it exactly like an
 * in-process plugin. A process that crashes, runs out of memory or stops answering (a CPU spin) is
 * killed and started again with back-off; the host hears of each change through `onState`.
 */
export async function loadIsolatedPlugin(options: IsolatedPluginOptions): Promise<PluginDefinition> {
  const plugin = new IsolatedPlugin(options);
  let manifest: PluginManifest;
  try {
    manifest = await plugin.start();
  } catch (error) {
    plugin.abandon();
    throw error;
  }
  return {
    manifest,
    setup: (ctx) => plugin.setup(ctx),
    teardown: () => plugin.stop(),
  };
}

class IsolatedPlugin {
  readonly #options: IsolatedPluginOptions;
  #child: ChildProcess | undefined;
  #channel: Channel | undefined;
  #context: PluginContext | undefined;
  #manifest: PluginManifest | undefined;
  #stopping = false;
  #restarts = 0;
  #startedAt = 0;
  #stderr = '';
  #killedBecause: string | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #subscriptions = new Map<string, () => Promise<void>>();

  constructor(options: IsolatedPluginOptions) {
    this.#options = options;
  }

  /** Spawns the process and loads the module; answers the manifest the module exports. */
  async start(): Promise<PluginManifest> {
    this.#spawn();
    // Starting a process and importing a module is the machine's work more than the plugin's: a busy
    // machine must not fail a plugin for it, so loading gets at least 10 s (setup keeps its own limit).
    const loadMs = Math.max(this.#options.setupTimeoutMs, 10_000);
    const loaded = (await this.#deadline('Loading the plugin module', loadMs, (channel) =>
      channel.call('load', [this.#options.entry]),
    )) as { manifest?: PluginManifest; invalid?: true };
    if (loaded.invalid) {
      this.#kill('it is not a plugin');
      throw new NautilusError(
        'PLUGIN_INVALID',
        `Plugin at ${this.#options.dir} must default-export definePlugin({ manifest, setup })`,
        {
          fields: [{ path: 'default export', message: 'expected { manifest, setup }' }],
        },
      );
    }
    this.#manifest = loaded.manifest as PluginManifest;
    return this.#manifest;
  }

  async setup(context: PluginContext): Promise<PluginContributions> {
    this.#context = context;
    const shape = await this.#setupProcess();
    this.#heartbeat ??= setInterval(() => void this.#beat(), HEARTBEAT_MS).unref();
    return this.#proxies(shape);
  }

  /** Kills the process for good: it failed to load. */
  abandon(): void {
    this.#stopping = true;
    this.#kill('it failed to load');
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#heartbeat);
    try {
      await this.#deadline('Plugin teardown', this.#options.setupTimeoutMs, (channel) => channel.call('teardown', []));
    } finally {
      this.#kill('stopped by the host');
      for (const unsubscribe of this.#subscriptions.values()) await unsubscribe().catch(() => {});
      this.#subscriptions.clear();
    }
  }

  async #setupProcess(): Promise<Record<string, Record<string, string[]>>> {
    const context = this.#context as PluginContext;
    const manifest = this.#manifest as PluginManifest;
    const secrets = Object.fromEntries(manifest.permissions.secrets.map((name) => [name, context.secrets.get(name)]));
    return (await this.#deadline('Plugin setup', this.#options.setupTimeoutMs, (channel) =>
      channel.call('setup', [{ config: { ...context.config }, secrets, pluginId: manifest.id, dataDir: this.#options.dataDir }]),
    )) as Record<string, Record<string, string[]>>;
  }

  /** Host-side stand-ins for each contribution: every method in the kinds table becomes a call into the process. */
  #proxies(shape: Record<string, Record<string, string[]>>): PluginContributions {
    const contributions: Record<string, unknown> = {};
    for (const [kind, items] of Object.entries(shape ?? {})) {
      const spec = CONTRIBUTION_KINDS[kind as keyof typeof CONTRIBUTION_KINDS];
      if (!spec || !items || typeof items !== 'object') {
        contributions[kind] = items;
        continue;
      }
      contributions[kind] = Object.fromEntries(
        Object.entries(items).map(([key, methods]) => {
          const proxy: Record<string, unknown> = {};
          for (const method of [spec.required, ...spec.optional] as string[]) {
            if (!methods.includes(method)) continue;
            proxy[method] =
              kind === 'dataSources' && method === 'stream'
                ? (request: unknown, emit: (frame: unknown) => void, signal: AbortSignal) =>
                    this.#call('stream', [key, request], signal, (frames) => emit((decodeFrames(frames) as unknown[])[0]))
                : async (...args: unknown[]) => {
                    const signal = args.pop() as AbortSignal;
                    const value = await this.#call('invoke', [kind, key, method, args], signal);
                    return kind === 'dataSources' ? decodeFrames(value) : value;
                  };
          }
          return [key, proxy];
        }),
      );
    }
    return contributions as PluginContributions;
  }

  /** A call into the process; when cancelled and still unsettled after a grace period, the process is hung: killed. */
  async #call(op: string, args: unknown[], signal: AbortSignal | undefined, onItem?: (value: unknown) => void): Promise<unknown> {
    const channel = this.#channel;
    if (!channel) throw this.#down();
    let grace: NodeJS.Timeout | undefined;
    const onAbort = () => {
      grace = setTimeout(
        () => this.#kill(`it did not stop within ${HANG_GRACE_MS} ms of a cancelled call (a CPU spin or a deadlock)`),
        HANG_GRACE_MS,
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await channel.call(op, args, { signal, onItem });
    } catch (error) {
      throw fromWire(error as WireError);
    } finally {
      clearTimeout(grace);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Setup and loading: past `ms` the process is killed (a spin in top-level code or setup). */
  async #deadline(what: string, ms: number, work: (channel: Channel) => Promise<unknown>): Promise<unknown> {
    const channel = this.#channel;
    if (!channel) throw this.#down();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#kill(`${what} did not finish within ${ms} ms`);
        reject(new NautilusError('PLUGIN_TIMEOUT', `${what} did not finish within ${ms} ms; its process was stopped`));
      }, ms);
    });
    try {
      return await Promise.race([work(channel).catch((error: WireError) => Promise.reject(fromWire(error))), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #beat(): Promise<void> {
    const channel = this.#channel;
    if (!channel || this.#stopping) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), HEARTBEAT_MS);
    });
    const answer = await Promise.race([channel.call('ping', []).catch(() => 'gone'), late]);
    clearTimeout(timer);
    if (answer === 'late' && channel === this.#channel)
      this.#kill(`it did not answer a heartbeat within ${HEARTBEAT_MS} ms (a CPU spin)`);
  }

  #spawn(): void {
    const { dir, memoryMb, dataDir } = this.#options;
    // The process starts in its data folder, so the folder must exist first.
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const nodeArgs = [
      '--permission',
      ...readableFolders(dir, SDK_ROOT).map((folder) => `--allow-fs-read=${folder}`),
      ...(dataDir ? [`--allow-fs-read=${dataDir}`, `--allow-fs-write=${dataDir}`] : []),
      `--max-old-space-size=${memoryMb}`,
      '--disable-warning=ExperimentalWarning',
      PROCESS_ENTRY,
      JSON.stringify(SDK_MAP),
    ];
    const [command, args] = networkNamespaceAvailable()
      ? ['unshare', ['-rn', process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
    const child = spawn(command as string, args as string[], {
      cwd: dataDir ?? dir,
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.#child = child;
    // A plugin spinning the CPU must not take it from the server: its process runs at a lower
    // priority, so on a busy machine the server's requests are scheduled first.
    try {
      if (child.pid !== undefined) setPriority(child.pid, PLUGIN_NICENESS);
    } catch (error) {
      this.#options.logger.warn({ err: error, dir }, 'could not lower the priority of a plugin process');
    }
    this.#stderr = '';
    this.#killedBecause = undefined;
    this.#startedAt = Date.now();
    const bulk = new BulkReader();
    (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => bulk.push(chunk));
    const channel = new Channel(
      (message) => {
        if (!child.connected) throw new Error('disconnected');
        child.send(message);
      },
      { read: bulk },
    );
    this.#channel = channel;
    this.#answerContextCalls(channel);
    child.on('message', (message) => channel.receive(message as WireMessage));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4_000);
    });
    child.on('exit', (code, signal) => this.#exited(child, channel, code, signal));
    child.on('error', (error) => this.#options.logger.error({ err: error, dir }, 'plugin process error'));
  }

  /** What the plugin's `ctx` asks of the host: network, bus, compute and logs, each through the host's own ctx. */
  #answerContextCalls(channel: Channel): void {
    const context = () => this.#context as PluginContext;
    channel.handle('log', async ([level, message, fields]) => {
      const logger = context()?.logger ?? { info: () => {} };
      const write = logger[level as 'info'] ?? logger.info;
      write(String(message), fields as Record<string, unknown>);
    });
    channel.handle('fetch', async ([url, init], { signal }) => {
      const request = init as {
        method?: string;
        headers: [string, string][];
        body?: string | Uint8Array;
        redirect?: RequestRedirect;
      };
      const response = await context().fetch(String(url), {
        method: request.method,
        headers: request.headers,
        body: request.body as BodyInit | undefined,
        redirect: request.redirect,
        signal,
      });
      return {
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers.entries()],
        body: await response.arrayBuffer(),
        url: response.url,
      };
    });
    channel.handle('bus.publish', async ([topic, message]) => context().bus.publish(String(topic), message));
    channel.handle('bus.subscribe', async ([topic]) => {
      const id = crypto.randomUUID();
      const unsubscribe = await context().bus.subscribe(String(topic), (message, from) => {
        void this.#channel?.call('bus.message', [id, message, from]).catch(() => {});
      });
      this.#subscriptions.set(id, unsubscribe);
      return id;
    });
    channel.handle('bus.unsubscribe', async ([id]) => {
      await this.#subscriptions.get(String(id))?.();
      this.#subscriptions.delete(String(id));
    });
    channel.handle('data.query', async ([dataSource, query]) => {
      const data = context().data;
      if (!data) throw new NautilusError('FORBIDDEN', 'This host gives plugins no data access');
      return data.query(String(dataSource), query as DataQuery);
    });
    channel.handle('compute.run', async (args, { signal }) => {
      const [ref, inputs, params, options] = args as Parameters<PluginContext['compute']['run']>;
      return context().compute.run(ref, inputs, params, { backend: options?.backend, signal });
    });
  }

  #kill(reason: string): void {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.#killedBecause ??= reason;
    child.kill('SIGKILL');
  }

  #exited(child: ChildProcess, channel: Channel, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.#child) return;
    this.#child = undefined;
    this.#channel = undefined;
    const reason = this.#reason(code, signal);
    channel.failAll({ name: 'NautilusError', code: 'PLUGIN_FAILED', message: `The plugin's process stopped: ${reason}` });
    if (this.#stopping || !this.#context) return;
    const id = this.#manifest?.id;
    if (Date.now() - this.#startedAt > 60_000) this.#restarts = 0;
    const giveUp = this.#restarts >= MAX_RESTARTS;
    const delay = Math.min(500 * 2 ** this.#restarts, MAX_BACKOFF_MS);
    const error = new NautilusError(
      'PLUGIN_FAILED',
      giveUp
        ? `Plugin ${id} stopped: ${reason}. It failed ${MAX_RESTARTS + 1} times in a row and is left stopped; fix or update it, then enable it again on the Plugins page.`
        : `Plugin ${id} stopped: ${reason}. Restarting it in ${Math.round(delay / 100) / 10} s.`,
      { plugin: id },
    );
    this.#options.logger.error({ plugin: id, reason, restarts: this.#restarts }, 'plugin process stopped');
    this.#options.onState({ state: 'failed', error, restarts: this.#restarts });
    if (giveUp) return;
    this.#restarts++;
    setTimeout(() => void this.#restart(), delay).unref();
  }

  async #restart(): Promise<void> {
    if (this.#stopping) return;
    try {
      await this.start();
      await this.#setupProcess();
      this.#options.onState({ state: 'active', error: null, restarts: this.#restarts });
    } catch (error) {
      this.#options.logger.error({ plugin: this.#manifest?.id, err: error }, 'plugin restart failed');
      // A failed start or setup kills the process (or it died), which schedules the next attempt.
      this.#kill(error instanceof Error ? error.message : String(error));
    }
  }

  #reason(code: number | null, signal: NodeJS.Signals | null): string {
    if (this.#killedBecause) return `killed because ${this.#killedBecause}`;
    if (/heap out of memory|Reached heap limit/i.test(this.#stderr)) {
      return `it ran out of memory (its heap is capped at ${this.#options.memoryMb} MB)`;
    }
    const how = signal ? `it was ended by ${signal}` : `it exited with code ${code}`;
    // An uncaught error prints its stack: the line naming the error says the most.
    const thrown = [...this.#stderr.matchAll(/^\s*(?:Uncaught )?((?:[A-Z]\w*)?(?:Error|Exception)\b[^\n]*)$/gm)].at(-1)?.[1];
    const lastLines = this.#stderr.trim().split('\n').filter(Boolean).slice(-2).join(' | ');
    const detail = thrown ?? lastLines;
    return detail ? `${how}: ${detail.slice(0, 500)}` : how;
  }

  #down(): NautilusError {
    return new NautilusError(
      'PLUGIN_FAILED',
      `Plugin ${this.#manifest?.id ?? this.#options.dir} is not running; it is being restarted`,
      {
        plugin: this.#manifest?.id,
      },
    );
  }
}

/** A WireError back into an error the host stamps: NautilusError when it carries a known code. */
function fromWire(error: WireError | Error): Error {
  if (error instanceof Error) return error;
  if (error.code && error.code in ErrorCode) {
    return new NautilusError(error.code as NautilusError['code'], error.message, {
      fields: error.fields,
      details: error.details,
    });
  }
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}
