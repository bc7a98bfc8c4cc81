import type { ServerProcess } from '../src/testing/server-process.ts';
import { quantile } from './stats.ts';

/** Just under the 1 MB document limit: 200 panels whose options hold many small objects, as real settings do. */
export function largeDashboard(title: string, bytes = 990_000): Record<string, unknown> {
  const panel = (index: number, notes: number) => ({
    id: `panel-${index}`,
    type: 'nautilus.widgets-core/text',
    pluginVersion: '0.1.0',
    title: `Notes ${index}`,
    gridPos: { x: (index % 4) * 6, y: Math.floor(index / 4) * 4, w: 6, h: 4 },
    options: { notes: Array.from({ length: notes }, (_, at) => ({ at, level: at % 3, text: `note ${at} of panel ${index}` })) },
  });
  const document = (notes: number) => ({
    schemaVersion: 1,
    title,
    tags: ['bench', 'large'],
    variables: [],
    timeRange: { from: 'now-7d', to: 'now' },
    refresh: 'off',
    panels: Array.from({ length: 200 }, (_, index) => panel(index, notes)),
  });
  const size = (notes: number) => Buffer.byteLength(JSON.stringify(document(notes)));
  let notes = Math.floor(((bytes - size(0)) / (size(10) - size(0))) * 10);
  while (size(notes) > bytes) notes--;
  return document(notes);
}

async function trpc(server: ServerProcess, procedure: string, cookie: string, input?: unknown): Promise<unknown> {
  const response =
    input === undefined
      ? await fetch(`${server.url}/trpc/${procedure}`, { headers: { cookie } })
      : await fetch(`${server.url}/trpc/${procedure}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(input),
        });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string } };
  if (!response.ok) throw new Error(`${procedure}: ${body.error?.message}`);
  return body.result?.data;
}

/**
 * `dashboards.list` over `count` stored documents of about 1 MB each, while /healthz is polled:
 * the list's latency and the longest /healthz answer show whether listing blocks the event loop.
 */
export async function dashboardLists(server: ServerProcess, cookie: string, count = 100, lists = 10) {
  const document = largeDashboard('Bench large');
  const bytes = Buffer.byteLength(JSON.stringify(document));
  for (let index = 0; index < count; index++) {
    await trpc(server, 'dashboards.create', cookie, { document: { ...document, title: `Bench large ${index}` } });
  }
  const latencies: number[] = [];
  let healthzMaxMs = 0;
  let listing = true;
  const poll = (async () => {
    while (listing) {
      const t0 = performance.now();
      await fetch(`${server.url}/healthz`);
      healthzMaxMs = Math.max(healthzMaxMs, performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  for (let index = 0; index < lists; index++) {
    const t0 = performance.now();
    const listed = (await trpc(server, 'dashboards.list', cookie)) as unknown[];
    latencies.push(performance.now() - t0);
    if (listed.length < count) throw new Error(`dashboards.list returned ${listed.length} of ${count} dashboards`);
  }
  listing = false;
  await poll;
  return { count, megabytes: bytes / 1_000_000, p50Ms: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95), healthzMaxMs };
}
