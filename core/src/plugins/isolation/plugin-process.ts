/**
 * The entry of a plugin's own process. It imports the plugin's module, and gives its `setup` a
 * `ctx` whose network, bus, compute and logging are requests to the host over the IPC channel.
 * The host starts it under Node's permission model (reads only its own folder, the sdk and this
 * folder; writes only its data folder; no child processes, workers or addons), with a stripped
 * environment, a heap cap and, where the OS allows, no network of its own.
 *
 * argv: [sdk import map as JSON]
 */
import { registerHooks } from 'node:module';
import { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Channel, encodeFrames, type WireMessage } from './wire.ts';

const sdkMap = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
// The plugin codes against the host's sdk, whatever copy (if any) it ships.
registerHooks({
  resolve(specifier, context, nextResolve) {
    const mapped = sdkMap[specifier];
    return mapped ? { url: mapped, shortCircuit: true } : nextResolve(specifier, context);
  },
});

type Method = (...args: unknown[]) => Promise<unknown>;
interface Definition {
  manifest: unknown;
  setup(ctx: unknown): unknown;
  teardown?(): unknown;
}

const send = (message: WireMessage) => {
  if (!process.send?.(message)) throw new Error('the host channel is closed');
};
// fd 3 is the bulk pipe: number columns go there as raw bytes (see bulk-pipe.ts).
const bulkPipe = new Socket({ fd: 3, readable: false, writable: true });
const channel = new Channel(send, {
  write: (arrays) => {
    for (const array of arrays) bulkPipe.write(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  },
});
process.on('message', (message) => channel.receive(message as WireMessage));
// The host going away ends this process.
process.on('disconnect', () => process.exit(0));

let definition: Definition | undefined;
let contributions: Record<string, Record<string, Record<string, Method>>> = {};
const busHandlers = new Map<string, (message: unknown, topic: string) => void>();

channel.handle('load', async ([entry]) => {
  const module = (await import(pathToFileURL(String(entry)).href)) as { default?: Definition };
  definition = module.default;
  if (!definition || typeof definition !== 'object' || typeof definition.setup !== 'function' || !('manifest' in definition)) {
    return { invalid: true };
  }
  return { manifest: structuredClone(definition.manifest) };
});

channel.handle('setup', async ([options]) => {
  if (!definition) throw new Error('load the plugin before setting it up');
  const { config, secrets, pluginId, dataDir } = options as {
    config: Record<string, unknown>;
    secrets: Record<string, string | undefined>;
    pluginId: string;
    dataDir?: string;
  };
  const { NautilusError } = (await import(sdkMap['@nautilus/sdk'] ?? '@nautilus/sdk')) as typeof import('@nautilus/sdk');
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void channel.call('log', [level, String(message), fields ?? {}]).catch(() => {});
  const cache = new Map<string, { value: unknown; expires: number }>();
  const ctx = {
    pluginId,
    dataDir,
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    config: Object.freeze({ ...config }),
    secrets: {
      get(name: string) {
        if (!(name in secrets)) {
          throw new NautilusError(
            'FORBIDDEN',
            `Plugin ${pluginId} read secret ${name}, which its manifest does not declare in permissions.secrets`,
            { plugin: pluginId },
          );
        }
        return secrets[name];
      },
    },
    fetch: (input: string | URL, init?: RequestInit) => proxiedFetch(input, init),
    cache: {
      async get(key: string) {
        const entry = cache.get(key);
        if (!entry) return undefined;
        if (entry.expires < Date.now()) {
          cache.delete(key);
          return undefined;
        }
        return structuredClone(entry.value);
      },
      async set(key: string, value: unknown, ttlMs?: number) {
        cache.set(key, {
          value: structuredClone(value),
          expires: ttlMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + ttlMs,
        });
      },
      async delete(key: string) {
        cache.delete(key);
      },
    },
    bus: {
      publish: async (topic: string, message: unknown) => {
        await channel.call('bus.publish', [topic, message]);
      },
      subscribe: async (topic: string, handler: (message: unknown, topic: string) => void) => {
        const id = String(await channel.call('bus.subscribe', [topic]));
        busHandlers.set(id, handler);
        return async () => {
          busHandlers.delete(id);
          await channel.call('bus.unsubscribe', [id]);
        };
      },
    },
    compute: {
      run: (kernel: string, inputs: unknown, params: unknown, options: { backend?: string; signal?: AbortSignal } = {}) =>
        channel.call('compute.run', [kernel, inputs, params, { backend: options.backend }], { signal: options.signal }),
    },
    // The host checks permissions.dataSources and runs the query; frames come back over the channel.
    data: {
      query: (dataSource: string, query: unknown) => channel.call('data.query', [dataSource, query]),
    },
  };
  contributions = ((await definition.setup(ctx)) ?? {}) as typeof contributions;
  // What the host needs to build its side: each contribution and which optional methods it has.
  const shape: Record<string, Record<string, string[]>> = {};
  for (const [kind, items] of Object.entries(contributions)) {
    if (!items || typeof items !== 'object') {
      shape[kind] = items as never;
      continue;
    }
    shape[kind] = Object.fromEntries(
      Object.entries(items).map(([key, item]) => [
        key,
        item && typeof item === 'object'
          ? Object.keys(item).filter((name) => typeof (item as Record<string, unknown>)[name] === 'function' || name === 'webgpu')
          : [],
      ]),
    );
  }
  return shape;
});

channel.handle('invoke', async ([kind, key, method, args], { signal }) => {
  const target = contributions[String(kind)]?.[String(key)];
  const fn = target?.[String(method)];
  if (typeof fn !== 'function') throw new Error(`${String(kind)}.${String(key)} has no ${String(method)}()`);
  const value = await fn.call(target, ...(args as unknown[]), signal);
  return kind === 'dataSources' ? encodeFrames(value) : value;
});

channel.handle('stream', async ([key, request], { signal, item }) => {
  const source = contributions.dataSources?.[String(key)];
  if (typeof source?.stream !== 'function') throw new Error(`data source ${String(key)} does not stream`);
  await source.stream.call(source, request, (frame: unknown) => item(encodeFrames([frame])), signal);
});

channel.handle('bus.message', async ([id, message, topic]) => {
  busHandlers.get(String(id))?.(message, String(topic));
});

channel.handle('teardown', async () => {
  await definition?.teardown?.();
});

channel.handle('ping', async () => 'pong');

async function proxiedFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const body = await bodyBytes(init.body);
  const headers = [...new Headers(init.headers).entries()];
  if (init.body instanceof URLSearchParams && !headers.some(([name]) => name === 'content-type')) {
    headers.push(['content-type', 'application/x-www-form-urlencoded;charset=UTF-8']);
  }
  const answer = (await channel.call(
    'fetch',
    [String(input instanceof URL ? input.href : input), { method: init.method, headers, body, redirect: init.redirect }],
    { signal: init.signal ?? undefined },
  )) as { status: number; statusText: string; headers: [string, string][]; body: ArrayBuffer | null; url: string };
  const response = new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  });
  Object.defineProperty(response, 'url', { value: answer.url });
  return response;
}

async function bodyBytes(body: RequestInit['body']): Promise<string | Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return new Uint8Array(await new Response(body).arrayBuffer());
}
