import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, PluginContext, TimeSeriesFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import plugin from './index.ts';

const recorded = readFileSync(
  new URL('../test/fixtures/series-dataset-CEPII-CHELEM-TRADE-CHEL-observations-facets-trimmed.json', import.meta.url),
  'utf8',
);
const dataset = JSON.parse(recorded) as { series: { docs: Record<string, any>[] } };
/** A single-series answer: one recorded doc in DBnomics' envelope (the per-series shape is the same). */
const single = (doc: Record<string, unknown>) =>
  JSON.stringify({ ...dataset, series: { docs: [doc], limit: 1000, num_found: 1, offset: 0 } });

const answers = new Map<string, { status: number; body: string }>();
const requests: URL[] = [];
const context = (config: Record<string, unknown>): PluginContext => pluginTestContext({ pluginId: 'nautilus.dbnomics', config });

const failure = caughtError;

const YEAR = (year: number) => Date.UTC(year, 0, 1);
const ALL_TIME = { from: YEAR(1900), to: YEAR(2100) };

describe('DBnomics plugin against a recorded answer', () => {
  let server: Server;
  let sources: Record<string, DataSource<any>>;
  const signal = new AbortController().signal;
  const query = (source: string, params: Record<string, unknown>, range = ALL_TIME) =>
    sources[source]!.query({ params, range, maxPoints: 100_000 }, signal);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://dbnomics.test');
      requests.push(url);
      const answer = answers.get(decodeURIComponent(url.pathname)) ?? { status: 404, body: '{"message":"Provider not found"}' };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v22/`;
    sources = (await plugin.setup(context({ baseUrl }))).dataSources ?? {};
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
  });

  it('charts the first series of a dataset, each named by its code and name, values as recorded', async () => {
    answers.set('/v22/series/CEPII/CHELEM-TRADE-CHEL', { status: 200, body: recorded });
    const [frame] = (await query('dataset', { provider: 'CEPII', dataset: 'CHELEM-TRADE-CHEL', limit: 5 })) as TimeSeriesFrame[];
    expect(frame!.series.map((series) => series.name.split(':')[0])).toEqual([
      'AES.AES.CAT.BA',
      'AES.AES.CAT.BB',
      'AES.AES.CAT.BC',
      'AES.AES.CAT.CA',
      'AES.AES.CAT.CB',
    ]);
    const first = frame!.series[0]!;
    expect(first.name).toBe(
      'AES.AES.CAT.BA: Exports from South-East Asia to South-East Asia - Category - BA - Cement, million US dollars',
    );
    expect(first.time).toEqual(dataset.series.docs[0]!.period_start_day.map((day: string) => Date.parse(`${day}T00:00:00Z`)));
    expect(first.values).toEqual(dataset.series.docs[0]!.value);
    expect([first.time[0], first.values[0]]).toEqual([YEAR(1967), 4.4180715605]);
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ observations: '1', limit: '5', format: 'json' });
  });

  it('charts one series within the range, leaving "NA" out', async () => {
    const doc = { ...dataset.series.docs[1]! };
    doc.value = [...doc.value];
    doc.value[2] = 'NA';
    answers.set('/v22/series/CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BB', { status: 200, body: single(doc) });
    const [frame] = (await query(
      'series',
      { provider: 'CEPII', dataset: 'CHELEM-TRADE-CHEL', series: 'AES.AES.CAT.BB' },
      { from: YEAR(1967), to: YEAR(1971) },
    )) as TimeSeriesFrame[];
    expect(frame!.series).toHaveLength(1);
    expect(frame!.series[0]!.time).toEqual([YEAR(1967), YEAR(1968), YEAR(1970)]);
    expect(frame!.series[0]!.values).toEqual([0.6184642669, 0.7348907949, dataset.series.docs[1]!.value[3]]);
  });

  it('says which code is unknown, and names the field of a malformed answer', async () => {
    const missing = await failure(query('series', { provider: 'NOPE', dataset: 'X', series: 'Y' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'DBnomics has no series/NOPE/X/Y (Provider not found).' });
    const path = '/v22/series/CEPII/CHELEM-TRADE-CHEL/S';
    const params = { provider: 'CEPII', dataset: 'CHELEM-TRADE-CHEL', series: 'S' };
    const doc = dataset.series.docs[0]!;
    const cases: [string, RegExp][] = [
      ['not json', /not a JSON object/],
      [JSON.stringify({ errors: [{ message: 'boom' }] }), /reported errors for series\/CEPII\/CHELEM-TRADE-CHEL\/S/],
      [JSON.stringify({ series: {} }), /series\.docs is not a list/],
      [
        single({ ...doc, value: doc.value.slice(1) }),
        /series\.docs\[0\]\.value is not a list as long as period_start_day \(55\)/,
      ],
      [single({ ...doc, value: ['x', ...doc.value.slice(1)] }), /series\.docs\[0\]\.value\[0\] is not a number or "NA"/],
      [
        single({ ...doc, period_start_day: ['1967', ...doc.period_start_day.slice(1)] }),
        /period_start_day\[0\] is not a YYYY-MM-DD date/,
      ],
    ];
    for (const [body, message] of cases) {
      answers.set(path, { status: 200, body });
      const error = await failure(query('series', params));
      expect(error.code, body.slice(0, 40)).toBe('DATA_SOURCE_ERROR');
      expect(error.message).toMatch(message);
    }
    answers.set(path, { status: 429, body: '' });
    expect((await failure(query('series', params))).code).toBe('RATE_LIMITED');
    answers.set(path, { status: 500, body: '{"message":"internal"}' });
    expect(await failure(query('series', params))).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { status: 500 } });
  });
});
