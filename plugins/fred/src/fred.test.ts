import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, PluginContext, TableFrame, TimeSeriesFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import plugin from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

/** The answer the loopback FRED gives an endpoint next: a recorded body, or a scripted failure. */
type Answer = { status: number; body: string; headers?: Record<string, string> };
const answers = new Map<string, Answer>();
const requests: URL[] = [];

/** What the host gives the plugin, with the global fetch (the host's own fetch rules are tested in core). */
function context(config: Record<string, unknown>, apiKey: string | null = 'test-key'): PluginContext {
  return pluginTestContext({ pluginId: 'nautilus.fred', config, secrets: { FRED_API_KEY: apiKey ?? undefined } });
}

const DAY = (date: string) => Date.parse(`${date}T00:00:00Z`);
const ALL_TIME = { from: DAY('1900-01-01'), to: DAY('2100-01-01') };

const failure = caughtError;

describe('FRED plugin against recorded FRED answers', () => {
  let server: Server;
  let baseUrl: string;
  let sources: Record<string, DataSource<any>>;
  const signal = new AbortController().signal;
  const query = (source: string, params: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    sources[source]!.query({ params, range, maxPoints }, signal);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://fred.test');
      requests.push(url);
      const endpoint = url.pathname.replace(/^\/fred\//, '');
      const answer = answers.get(endpoint) ?? { status: 404, body: '{"error_code":404,"error_message":"Not Found"}' };
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fred/`;
    sources = (await plugin.setup(context({ baseUrl }))).dataSources ?? {};
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
  });

  it('turns GDP observations into a time series: dates at 00:00 UTC, numbers from strings, "." left out', async () => {
    answers.set('series/observations', { status: 200, body: fixture('series-observations-GDP-json.json') });
    const [frame] = (await query('series', { seriesId: 'GDP' })) as TimeSeriesFrame[];
    const recorded = JSON.parse(fixture('series-observations-GDP-json.json')).observations as { date: string; value: string }[];
    const present = recorded.filter((observation) => observation.value !== '.');
    expect(recorded.length - present.length).toBe(4);
    const [series] = frame!.series;
    expect(series!.name).toBe('GDP');
    expect(series!.time).toEqual(present.map((observation) => DAY(observation.date)));
    expect(series!.values).toEqual(present.map((observation) => Number(observation.value)));
    expect([series!.time[0], series!.values[0]]).toEqual([DAY('1947-01-01'), 243.164]);
    // What was asked: the key, JSON, the range as dates (end inclusive), the most recent first.
    const sent = requests[0]!;
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({
      series_id: 'GDP',
      api_key: 'test-key',
      file_type: 'json',
      observation_start: '1900-01-01',
      observation_end: '2099-12-31',
      units: 'lin',
      sort_order: 'desc',
      limit: '100000',
    });
    expect(sent.searchParams.has('realtime_start')).toBe(false);
  });

  it('keeps only the range asked for, and names a transformed series by its units', async () => {
    answers.set('series/observations', { status: 200, body: fixture('series-observations-GDP-json.json') });
    const [frame] = (await query(
      'series',
      { seriesId: 'GDP', units: 'pch' },
      { from: DAY('2000-01-01'), to: DAY('2001-01-01') },
    )) as TimeSeriesFrame[];
    expect(frame!.series[0]!.name).toBe('GDP (pch)');
    expect(frame!.series[0]!.time).toEqual(['2000-01-01', '2000-04-01', '2000-07-01', '2000-10-01'].map(DAY));
  });

  it('asks for the vintage known on a date with realtime_start = realtime_end', async () => {
    answers.set('series/observations', { status: 200, body: fixture('series-observations-GNPCA-limit20-json.json') });
    const [frame] = (await query('series', { seriesId: 'GNPCA', asOf: '2020-05-19' }, ALL_TIME, 20)) as TimeSeriesFrame[];
    expect(Object.fromEntries(requests[0]!.searchParams)).toMatchObject({
      realtime_start: '2020-05-19',
      realtime_end: '2020-05-19',
      limit: '20',
    });
    const recorded = JSON.parse(fixture('series-observations-GNPCA-limit20-json.json')).observations as {
      date: string;
      value: string;
    }[];
    expect(frame!.series[0]!.values).toEqual(recorded.map((observation) => Number(observation.value)));
    expect(frame!.series[0]!.time).toHaveLength(20);
  });

  it('answers an empty range with an empty series, not an error', async () => {
    answers.set('series/observations', { status: 200, body: fixture('series-observations-GNPCA-empty-future-start-json.json') });
    const [frame] = (await query(
      'series',
      { seriesId: 'GNPCA' },
      { from: DAY('2050-01-01'), to: DAY('2051-01-01') },
    )) as TimeSeriesFrame[];
    expect(frame!.series[0]).toMatchObject({ name: 'GNPCA', time: [], values: [] });
  });

  it('lists a search as a table, and one series with its notes', async () => {
    answers.set('series/search', {
      status: 200,
      body: fixture('series-search-full_text-monetary-service-index-json-trimmed.json'),
    });
    const [found] = (await query('search', { text: 'monetary service index' })) as TableFrame[];
    expect(found!.rows).toHaveLength(25);
    expect(found!.columns.map((column) => column.name)).toEqual([
      'id',
      'title',
      'frequency',
      'units',
      'seasonal adjustment',
      'first observation',
      'last observation',
      'last updated',
      'popularity',
    ]);
    expect(found!.rows[0]).toEqual([
      'MSIM2',
      'Monetary Services Index: M2 (preferred)',
      'Monthly',
      'Billions of Dollars',
      'Seasonally Adjusted',
      DAY('1967-01-01'),
      DAY('2013-12-01'),
      '2014-01-17 07:16:44-06',
      19,
    ]);
    expect(Object.fromEntries(requests[0]!.searchParams)).toMatchObject({ search_text: 'monetary service index', limit: '50' });

    answers.set('series', { status: 200, body: fixture('series-GDP-metadata-json.json') });
    const [info] = (await query('info', { seriesId: 'GDP' })) as TableFrame[];
    expect(info!.rows).toHaveLength(1);
    expect(info!.rows[0]!.slice(0, 7)).toEqual([
      'GDP',
      'Gross Domestic Product',
      'Quarterly',
      'Billions of Dollars',
      'Seasonally Adjusted Annual Rate',
      DAY('1947-01-01'),
      DAY('2024-07-01'),
    ]);
    expect(info!.rows[0]!.at(-1)).toMatch(/^BEA Account Code: A191RC/);
    answers.set('series', { status: 200, body: fixture('series-GNPCA-metadata-json.json') });
    expect(((await query('info', { seriesId: 'GNPCA' })) as TableFrame[])[0]!.rows[0]![0]).toBe('GNPCA');
  });

  it('lists the vintage dates of a series', async () => {
    answers.set('series/vintagedates', { status: 200, body: fixture('series-vintagedates-GDP-json.json') });
    const [vintages] = (await query('vintages', { seriesId: 'GDP' })) as TableFrame[];
    const recorded = JSON.parse(fixture('series-vintagedates-GDP-json.json')).vintage_dates as string[];
    expect(vintages!.rows).toEqual(recorded.map((date) => [DAY(date)]));
    expect(vintages!.rows[0]).toEqual([DAY('1991-12-04')]);
  });

  it('reports FRED’s 400 in its own words as VALIDATION', async () => {
    answers.set('series/observations', { status: 400, body: fixture('error-400-series-observations-bad-series_id.json') });
    const bad = await failure(query('series', { seriesId: 'bad_series_id' }));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toBe(
      'FRED refused the request (series/observations): Bad Request. Invalid value for variable series_id. Series IDs should be 25 or less alphanumeric characters.',
    );
    answers.set('series', { status: 400, body: fixture('error-400-series-missing-series_id.json') });
    expect((await failure(query('info', { seriesId: 'X' }))).message).toMatch(
      /^FRED refused the request \(series\): Bad Request/,
    );
  });

  it('turns a throttle into RATE_LIMITED with the wait, and a server failure into DATA_SOURCE_ERROR', async () => {
    answers.set('series/observations', { status: 429, body: '', headers: { 'retry-after': '30' } });
    expect(await failure(query('series', { seriesId: 'GDP' }))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { provider: 'fred', endpoint: 'series/observations', retryAfterSeconds: 30 },
    });
    answers.set('series/observations', { status: 503, body: '<html>down</html>' });
    expect(await failure(query('series', { seriesId: 'GDP' }))).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      details: { provider: 'fred', endpoint: 'series/observations', status: 503 },
    });
  });

  it('names the endpoint and the field of a malformed answer', async () => {
    const cases: [string, RegExp][] = [
      ['<html>not json</html>', /not a JSON object for series\/observations/],
      ['[1, 2]', /not a JSON object/],
      ['{"count": 0}', /series\/observations answer is malformed: observations is not a list/],
      [
        '{"observations": [{"date": "2020-01-01", "value": "1"}, {"date": "2020-04-01", "value": "abc"}]}',
        /observations\[1\]\.value is not a number or "\." \(got "abc"\)/,
      ],
      ['{"observations": [{"date": "01/01/2020", "value": "1"}]}', /observations\[0\]\.date is not a YYYY-MM-DD date/],
      ['{"observations": [{"date": "2020-01-01", "value": 1}]}', /observations\[0\]\.value is not a string/],
    ];
    for (const [body, message] of cases) {
      answers.set('series/observations', { status: 200, body });
      const error = await failure(query('series', { seriesId: 'GDP' }));
      expect(error.code, body).toBe('DATA_SOURCE_ERROR');
      expect(error.message, body).toMatch(message);
    }
    answers.set('series/search', { status: 200, body: '{"seriess": [{"id": 5}]}' });
    expect((await failure(query('search', { text: 'x' }))).details).toMatchObject({
      endpoint: 'series/search',
      field: 'seriess[0].id',
    });
  });

  it('says how to get a key when none is set, before sending anything', async () => {
    const keyless = (await plugin.setup(context({ baseUrl }, null))).dataSources!;
    const error = await failure(keyless.series!.query({ params: { seriesId: 'GDP' }, range: ALL_TIME, maxPoints: 10 }, signal));
    expect(error.message).toMatch(/set NAUTILUS_SECRET_FRED_API_KEY/);
    expect(requests).toHaveLength(0);
  });

  it('refuses a base URL that is not http(s), naming the setting', async () => {
    const error = await failure(Promise.resolve().then(() => plugin.setup(context({ baseUrl: 'ftp://x' }))));
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'config.baseUrl' }] });
  });
});
