import type { ServerProcess } from '../src/testing/server-process.ts';
import { quantile } from './stats.ts';

/** One timed way of calling a procedure; answers are checked to be the same across ways. */
interface Way {
  name: string;
  call(): Promise<unknown>;
}

async function json(response: Response): Promise<any> {
  const body = await response.json();
  if (!response.ok) throw new Error(`${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
  return body;
}

/** Latency of `ways`, interleaved call by call (so a busy moment hits every way alike), after a warm-up. */
async function interleaved(ways: Way[], calls: number): Promise<{ name: string; p50Ms: number; p95Ms: number }[]> {
  for (const way of ways) for (let index = 0; index < 20; index++) await way.call();
  const samples = ways.map(() => [] as number[]);
  for (let index = 0; index < calls; index++) {
    for (const [at, way] of ways.entries()) {
      const started = performance.now();
      await way.call();
      samples[at]!.push(performance.now() - started);
    }
  }
  return ways.map((way, at) => ({ name: way.name, p50Ms: quantile(samples[at]!, 0.5), p95Ms: quantile(samples[at]!, 0.95) }));
}

export const REST_TABLE = {
  title:
    'The same procedures over /trpc and over the plain HTTP routes /api/v1 (sequential, interleaved call by call after 20 warm-up: 300 lists, 100 bar queries; ratio = p50 / the /trpc p50)',
  header: ['database', 'procedure', 'way', 'p50 ms', 'p95 ms', 'ratio'],
};

/**
 * What the plain HTTP routes cost over tRPC's own transport for a small answer (dashboards.list of
 * a few documents) and a month of 1-minute bars (dataSources.query, 43,200 bars, the same month each
 * call: the bars cache answers, so the transport is what differs).
 */
export async function restVersusTrpc(server: ServerProcess, cookie: string, databaseName: string): Promise<string[][]> {
  const headers = { cookie, 'content-type': 'application/json' };
  const url = server.url;
  const barsInput = {
    dataSource: 'nautilus.sim-market/bars',
    params: { symbol: 'SIM:BTCUSD', timeframe: '1m' },
    range: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 1, 1) },
  };
  const trpcGet = (procedure: string, input: unknown) => async () =>
    (await json(await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers }))).result
      .data;
  const restGet = (path: string, params: Record<string, string>) => async () =>
    json(await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`, { headers }));
  const restPost = (path: string, input: unknown) => async () =>
    json(await fetch(`${url}/api/v1/${path}`, { method: 'POST', headers, body: JSON.stringify(input) }));

  const cases: { procedure: string; calls: number; ways: Way[] }[] = [
    {
      procedure: 'dashboards.list',
      calls: 300,
      ways: [
        { name: '/trpc GET', call: trpcGet('dashboards.list', {}) },
        { name: '/api/v1 GET', call: restGet('dashboards/list', {}) },
      ],
    },
    {
      procedure: 'dataSources.query (43,200 bars)',
      calls: 100,
      ways: [
        { name: '/trpc GET', call: trpcGet('dataSources.query', barsInput) },
        {
          name: '/api/v1 GET',
          call: restGet('dataSources/query', {
            dataSource: barsInput.dataSource,
            params: JSON.stringify(barsInput.params),
            range: JSON.stringify(barsInput.range),
          }),
        },
        { name: '/api/v1 POST', call: restPost('dataSources/query', barsInput) },
      ],
    },
  ];
  const rows: string[][] = [];
  for (const { procedure, calls, ways } of cases) {
    const answers = await Promise.all(ways.map((way) => way.call()));
    for (const answer of answers.slice(1)) {
      if (JSON.stringify(answer) !== JSON.stringify(answers[0])) throw new Error(`${procedure}: the ways answer differently`);
    }
    const figures = await interleaved(ways, calls);
    const base = figures[0]!.p50Ms;
    for (const figure of figures) {
      rows.push([
        databaseName,
        procedure,
        figure.name,
        figure.p50Ms.toFixed(2),
        figure.p95Ms.toFixed(2),
        (figure.p50Ms / base).toFixed(2),
      ]);
    }
  }
  return rows;
}
