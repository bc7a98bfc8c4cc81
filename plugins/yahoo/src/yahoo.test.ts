import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, OhlcvFrame, PluginContext, TableFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { exchangeDate } from './exchange-date.ts';
import plugin from './index.ts';
import { manifest } from './manifest.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(fixture(name));

interface Answer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}
/** What the loopback Yahoo answers, by path (e.g. `/v8/finance/chart/AAPL`): a recorded body, a scripted one, or one per request. */
const answers = new Map<string, Answer | ((url: URL) => Answer)>();
const requests: { url: URL; headers: IncomingHttpHeaders }[] = [];
let inFlight = 0;
let mostInFlight = 0;

function context(config: Record<string, unknown>): PluginContext {
  return pluginTestContext({ pluginId: 'nautilus.yahoo', config });
}

const failure = caughtError;

const at = (iso: string) => Date.parse(iso);
const seconds = (iso: string) => String(Date.parse(iso) / 1000);
const ALL_TIME = { from: at('1990-01-01T00:00:00Z'), to: at('2030-01-01T00:00:00Z') };
const CHART_1D = 'v8-chart-AAPL-1d-2020-01-01_2020-01-03.json';
const CHART_EVENTS = 'v8-chart-AAPL-1d-with-dividend-and-split-events.json';
const CHART_1M = 'v8-chart-AAPL-1m-intraday-2024-10-02.json';

describe('Yahoo Finance plugin against recorded answers', () => {
  let server: Server;
  let sources: Record<string, DataSource<any>>;
  let baseUrl: string;
  const signal = new AbortController().signal;
  const query = (source: string, params: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    sources[source]!.query({ params, range, maxPoints }, signal);
  const bars = async (params: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    ((await query('bars', params, range, maxPoints)) as OhlcvFrame[])[0]!;
  const table = async (source: string, params: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    ((await query(source, params, range, maxPoints)) as TableFrame[])[0]!;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://yahoo.test');
      requests.push({ url, headers: request.headers });
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const scripted = answers.get(url.pathname);
      const answer = typeof scripted === 'function' ? scripted(url) : (scripted ?? { status: 404, body: '' });
      // Answer a little later, so that overlapping requests would show in `mostInFlight`.
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        response.end(answer.body);
      }, 2);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sources = (await plugin.setup(context({ baseUrl }))).dataSources ?? {};
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
    mostInFlight = 0;
    // Only Date is faked: "now" decides how much intraday history Yahoo still keeps.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2025-02-20T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('dates a daily AAPL bar 00:00 UTC of its New York date (Yahoo stamps the 14:30 UTC open) and asks as documented', async () => {
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1D) });
    const range = { from: at('2020-01-01T00:00:00Z'), to: at('2020-01-03T00:00:00Z') };
    expect(await bars({ symbol: 'AAPL', timeframe: '1d' }, range)).toEqual({
      kind: 'ohlcv',
      symbol: 'AAPL',
      timeframe: '1d',
      // Yahoo's timestamp 1577975400 is 2020-01-02T14:30:00Z, 09:30 in New York.
      time: [at('2020-01-02T00:00:00Z')],
      open: [74.05999755859375],
      high: [75.1500015258789],
      low: [73.79750061035156],
      close: [75.0875015258789],
      volume: [135480400],
    });
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({
      interval: '1d',
      // A day either side: a session may open on the UTC day before its local date.
      period1: seconds('2019-12-31T00:00:00Z'),
      period2: seconds('2020-01-04T00:00:00Z'),
      includePrePost: 'false',
      events: 'div|split',
    });
    // bars/events/search send no crumb or cookie, even when configured.
    expect(requests[0]!.headers.cookie).toBeUndefined();
    // Adjusted: the dividend-adjusted close, open/high/low scaled alike.
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1D) });
    const adjusted = await bars({ symbol: 'AAPL', timeframe: '1d', adjusted: true }, range);
    const factor = 72.71607208251953 / 75.0875015258789;
    expect(adjusted.close).toEqual([72.71607208251953]);
    expect(adjusted.open[0]).toBeCloseTo(74.05999755859375 * factor, 10);
    expect(adjusted.high[0]).toBeCloseTo(75.1500015258789 * factor, 10);
    expect(adjusted.low[0]).toBeCloseTo(73.79750061035156 * factor, 10);
    expect(adjusted.volume).toEqual([135480400]);
  });

  it('turns BTC-USD daily (UTC, every day) into bars within [from, to), escaping the symbol in the path', async () => {
    answers.set('/v8/finance/chart/BTC-USD', { body: fixture('v8-chart-BTC-USD-1d-crypto.json') });
    const all = await bars({ symbol: 'BTC-USD', timeframe: '1d' });
    expect(all.time).toEqual([at('2020-01-01T00:00:00Z'), at('2020-01-02T00:00:00Z'), at('2020-01-03T00:00:00Z')]);
    expect(all.close).toEqual([7200.17431640625, 6985.47021484375, 7344.88427734375]);
    expect(all.volume).toEqual([18565664997, 20802083465, 28111481032]);
    const two = await bars(
      { symbol: 'BTC-USD', timeframe: '1d' },
      { from: at('2020-01-01T00:00:00Z'), to: at('2020-01-03T00:00:00Z') },
    );
    expect(two.time).toEqual([at('2020-01-01T00:00:00Z'), at('2020-01-02T00:00:00Z')]);
    expect((await bars({ symbol: 'BTC-USD', timeframe: '1d' }, ALL_TIME, 1)).open).toEqual([6984.4287109375]);
    answers.set('/v8/finance/chart/%5EGSPC', { body: fixture('v8-chart-BTC-USD-1d-crypto.json') });
    await bars({ symbol: '^GSPC', timeframe: '1d' });
    expect(requests.at(-1)!.url.pathname).toBe('/v8/finance/chart/%5EGSPC');
  });

  it('gives AAPL around the 4:1 split of 2020-08-31: 49 daily bars across the DST change, raw or adjusted', async () => {
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_EVENTS) });
    const raw = await bars({ symbol: 'AAPL', timeframe: '1d' });
    expect(raw.time).toHaveLength(49);
    // 13:30 UTC in EDT, 14:30 UTC in EST: both become midnight UTC of the New York date.
    expect(raw.time[0]).toBe(at('2020-08-31T00:00:00Z'));
    expect(raw.time.at(-1)).toBe(at('2020-11-06T00:00:00Z'));
    expect(raw.time.every((time) => time % 86_400_000 === 0)).toBe(true);
    expect([raw.open[0], raw.high[0], raw.low[0], raw.close[0], raw.volume[0]]).toEqual([
      127.58000183105469, 131, 126, 129.0399932861328, 225702700,
    ]);
    expect(raw.close.at(-1)).toBe(118.69000244140625);
    const adjusted = await bars({ symbol: 'AAPL', timeframe: '1d', adjusted: true });
    expect(adjusted.close[0]).toBe(125.82673645019531);
    expect(adjusted.open[0]).toBeCloseTo(127.58000183105469 * (125.82673645019531 / 129.0399932861328), 10);
    expect(adjusted.close.at(-1)).toBe(115.93415069580078);
    // Without a known zone name, meta.gmtoffset dates the bars the same way.
    const body = json(CHART_EVENTS);
    body.chart.result[0].meta.exchangeTimezoneName = 'Nowhere/Atlantis';
    answers.set('/v8/finance/chart/AAPL', { body: JSON.stringify(body) });
    expect((await bars({ symbol: 'AAPL', timeframe: '1d' })).time).toEqual(raw.time);
  });

  it('lists the split and the dividend as events, dated like daily bars, within the range and maxPoints', async () => {
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_EVENTS) });
    const events = await table('events', { symbol: 'AAPL' });
    expect(events.columns.map((column) => [column.name, column.type])).toEqual([
      ['time', 'time'],
      ['type', 'string'],
      ['amount', 'number'],
      ['ratio', 'string'],
      ['factor', 'number'],
    ]);
    expect(events.rows).toEqual([
      [at('2020-08-31T00:00:00Z'), 'split', null, '4:1', 4],
      [at('2020-11-06T00:00:00Z'), 'dividend', 0.205, null, null],
    ]);
    expect(requests[0]!.url.searchParams.get('events')).toBe('div|split');
    expect(requests[0]!.url.searchParams.get('interval')).toBe('1d');
    const september = { from: at('2020-09-01T00:00:00Z'), to: at('2020-12-01T00:00:00Z') };
    expect((await table('events', { symbol: 'AAPL' }, september)).rows).toEqual([
      [at('2020-11-06T00:00:00Z'), 'dividend', 0.205, null, null],
    ]);
    expect((await table('events', { symbol: 'AAPL' }, ALL_TIME, 1)).rows).toHaveLength(1);
    // A daily chart without events (the 2020-01-02 answer) is an empty table.
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1D) });
    expect((await table('events', { symbol: 'AAPL' })).rows).toEqual([]);
  });

  it('turns 1-minute AAPL into 389 bars: the null minute dropped, the bar past period2 outside the range', async () => {
    vi.setSystemTime(at('2024-10-04T00:00:00Z'));
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1M) });
    const range = { from: at('2024-10-02T00:00:00Z'), to: at('2024-10-03T00:00:00Z') };
    const minutes = await bars({ symbol: 'AAPL', timeframe: '1m' }, range);
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toMatchObject({
      interval: '1m',
      period1: '1727827200',
      period2: '1727913600',
      includePrePost: 'false',
    });
    expect(minutes.time).toHaveLength(389);
    expect(minutes.time[0]).toBe(at('2024-10-02T13:30:00Z'));
    expect(minutes.time.at(-1)).toBe(at('2024-10-02T19:59:00Z'));
    expect([minutes.open[0], minutes.high[0], minutes.low[0], minutes.close[0], minutes.volume[0]]).toEqual([
      225.88999938964844, 226.11000061035156, 225.4199981689453, 225.6999969482422, 1205461,
    ]);
    expect([minutes.open.at(-1), minutes.close.at(-1), minutes.volume.at(-1)]).toEqual([
      226.86000061035156, 226.80999755859375, 546314,
    ]);
    // Index 105 (15:15 UTC) is null in every array: that minute is missing, its neighbours are not.
    expect(minutes.time).not.toContain(at('2024-10-02T15:15:00Z'));
    expect(minutes.time).toContain(at('2024-10-02T15:14:00Z'));
    expect(minutes.time).toContain(at('2024-10-02T15:16:00Z'));
    for (const column of [minutes.open, minutes.high, minutes.low, minutes.close, minutes.volume]) {
      expect(column).toHaveLength(389);
      expect(column.every((value) => typeof value === 'number' && Number.isFinite(value))).toBe(true);
    }
    expect(minutes.time.every((time, index) => index === 0 || time > minutes.time[index - 1]!)).toBe(true);
    const last10 = await bars({ symbol: 'AAPL', timeframe: '1m' }, range, 10);
    expect(last10.time).toEqual(Array.from({ length: 10 }, (_, index) => at('2024-10-02T19:50:00Z') + index * 60_000));
  });

  it('asks for 1m bars 7 days at a time, newest first, one after another, joined without duplicates', async () => {
    vi.setSystemTime(at('2024-10-20T00:00:00Z'));
    // Every window is answered with the same recording: joining must not repeat a minute.
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1M) });
    const range = { from: at('2024-10-01T00:00:00Z'), to: at('2024-10-21T00:00:00Z') };
    const minutes = await bars({ symbol: 'AAPL', timeframe: '1m' }, range);
    const windows = requests.map(({ url }) => [Number(url.searchParams.get('period1')), Number(url.searchParams.get('period2'))]);
    expect(windows).toEqual([
      [at('2024-10-13T00:00:00Z') / 1000, at('2024-10-20T00:00:00Z') / 1000],
      [at('2024-10-06T00:00:00Z') / 1000, at('2024-10-13T00:00:00Z') / 1000],
      [at('2024-10-01T00:00:00Z') / 1000, at('2024-10-06T00:00:00Z') / 1000],
    ]);
    expect(mostInFlight).toBe(1);
    // 389 regular minutes plus Yahoo's extra bar of 2024-10-03 20:00, now inside the range.
    expect(minutes.time).toHaveLength(390);
    expect(minutes.time.at(-1)).toBe(at('2024-10-03T20:00:00Z'));
    expect(new Set(minutes.time).size).toBe(390);
    // With enough bars from the newest window, the older ones are not asked for.
    requests.length = 0;
    expect((await bars({ symbol: 'AAPL', timeframe: '1m' }, range, 100)).time).toHaveLength(100);
    expect(requests).toHaveLength(1);
  });

  it('clips intraday ranges to what Yahoo keeps, and refuses a range that ends before it without asking', async () => {
    // Now is 2025-02-20: the 1m recording of 2024-10-02 is far past Yahoo's 30 days.
    const error = await failure(
      query('bars', { symbol: 'AAPL', timeframe: '1m' }, { from: at('2024-10-02T00:00:00Z'), to: at('2024-10-03T00:00:00Z') }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'range' }] });
    expect(error.message).toMatch(/last 30 days/);
    expect(requests).toHaveLength(0);
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1M) });
    await bars({ symbol: 'AAPL', timeframe: '5m' }, { from: at('2024-01-01T00:00:00Z'), to: at('2025-02-20T12:00:00Z') });
    expect(Number(requests[0]!.url.searchParams.get('period1'))).toBe((at('2024-12-22T12:00:00Z') + 60_000) / 1000);
    expect(requests[0]!.url.searchParams.get('interval')).toBe('5m');
  });

  it('builds 4h bars from 60m ones on UTC 4-hour boundaries', async () => {
    vi.setSystemTime(at('2024-10-04T00:00:00Z'));
    const body = json(CHART_1D);
    const hours = ['13:30', '14:30', '15:30', '16:30', '17:30', '18:30', '19:30'];
    const result = body.chart.result[0];
    result.meta.dataGranularity = '1h';
    result.timestamp = hours.map((hour) => at(`2024-10-02T${hour}:00Z`) / 1000);
    result.indicators = {
      quote: [
        {
          open: [10, 11, 12, 13, 14, null, 16],
          high: [10.5, 11.5, 12.5, 13.5, 14.5, null, 16.5],
          low: [9.5, 10.5, 11.5, 12.5, 13.5, null, 15.5],
          close: [11, 12, 13, 14, 15, null, 17],
          volume: [100, 200, 300, 400, 500, null, 700],
        },
      ],
    };
    answers.set('/v8/finance/chart/AAPL', { body: JSON.stringify(body) });
    const range = { from: at('2024-10-02T00:00:00Z'), to: at('2024-10-03T00:00:00Z') };
    expect(await bars({ symbol: 'AAPL', timeframe: '4h' }, range)).toEqual({
      kind: 'ohlcv',
      symbol: 'AAPL',
      timeframe: '4h',
      time: [at('2024-10-02T12:00:00Z'), at('2024-10-02T16:00:00Z')],
      open: [10, 13],
      high: [12.5, 16.5],
      low: [9.5, 12.5],
      close: [13, 17],
      volume: [600, 1600],
    });
    expect(requests[0]!.url.searchParams.get('interval')).toBe('60m');
    // 1h: the bars as Yahoo stamps them, the null hour dropped.
    answers.set('/v8/finance/chart/AAPL', { body: JSON.stringify(body) });
    expect((await bars({ symbol: 'AAPL', timeframe: '1h' }, range)).close).toEqual([11, 12, 13, 14, 15, 17]);
  });

  it('refuses adjusted intraday bars, naming the field, before asking', async () => {
    const error = await failure(query('bars', { symbol: 'AAPL', timeframe: '1h', adjusted: true }));
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.adjusted' }] });
    expect(requests).toHaveLength(0);
  });

  it('gives an empty frame for a range without trading, and NOT_FOUND for an unknown symbol', async () => {
    const body = json(CHART_1D);
    const result = body.chart.result[0];
    delete result.timestamp;
    result.indicators = { quote: [{}], adjclose: [{}] };
    answers.set('/v8/finance/chart/AAPL', { body: JSON.stringify(body) });
    const empty = await bars({ symbol: 'AAPL', timeframe: '1d', adjusted: true });
    expect(empty).toMatchObject({ time: [], open: [], high: [], low: [], close: [], volume: [] });
    answers.set('/v8/finance/chart/NOPE', {
      status: 404,
      body: '{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}',
    });
    const error = await failure(query('bars', { symbol: 'NOPE', timeframe: '1d' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { provider: 'yahoo', endpoint: 'v8/finance/chart' } });
    expect(error.message).toMatch(/symbol may be delisted/);
    answers.set('/v8/finance/chart/AAPL', {
      status: 400,
      body: '{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input - interval=4h is not supported"}}}',
    });
    expect(await failure(query('bars', { symbol: 'AAPL', timeframe: '1d' }))).toMatchObject({ code: 'VALIDATION' });
  });

  it('reports throttling and blocking as RATE_LIMITED, with Retry-After when Yahoo names it', async () => {
    const chart = '/v8/finance/chart/AAPL';
    const ask = () => failure(query('bars', { symbol: 'AAPL', timeframe: '1d' }));
    answers.set(chart, {
      status: 429,
      body: 'Too Many Requests',
      headers: { 'retry-after': '30', 'content-type': 'text/plain' },
    });
    const named = await ask();
    expect(named).toMatchObject({ code: 'RATE_LIMITED', details: { provider: 'yahoo', status: 429, retryAfterSeconds: 30 } });
    answers.set(chart, { status: 429, body: 'Too Many Requests' });
    const unnamed = await ask();
    expect(unnamed.code).toBe('RATE_LIMITED');
    expect(unnamed.details.retryAfterSeconds).toBeUndefined();
    answers.set(chart, { status: 200, body: 'Edge: Too Many Requests' });
    expect((await ask()).code).toBe('RATE_LIMITED');
    for (const answer of [
      { status: 403, body: '<html><body>Forbidden</body></html>' },
      { status: 401, body: '' },
      { status: 200, body: '<!doctype html><html><title>Yahoo</title></html>' },
    ]) {
      answers.set(chart, answer);
      const blocked = await ask();
      expect(blocked.code).toBe('RATE_LIMITED');
      expect(blocked.message).toMatch(/blocking requests from this server.*try again later or use another source/);
    }
  });

  it('names the endpoint and the field of a failing or malformed answer', async () => {
    const chart = '/v8/finance/chart/AAPL';
    const ask = () => failure(query('bars', { symbol: 'AAPL', timeframe: '1d' }));
    answers.set(chart, { status: 500, body: '{}' });
    expect(await ask()).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      details: { provider: 'yahoo', endpoint: 'v8/finance/chart', status: 500 },
    });
    answers.set(chart, { body: '{"chart": {"result": [' });
    expect((await ask()).message).toMatch(/not a JSON object for v8\/finance\/chart/);
    const body = json(CHART_1D);
    const cases: [(answer: any) => void, string][] = [
      [
        (answer) => (answer.chart.result[0].indicators.quote[0].close[0] = '75.08'),
        'chart.result[0].indicators.quote[0].close[0]',
      ],
      [(answer) => (answer.chart.result[0].indicators.quote[0].open = [1, 2]), 'chart.result[0].indicators.quote[0].open'],
      [(answer) => (answer.chart.result[0].timestamp = ['x']), 'chart.result[0].timestamp[0]'],
      [(answer) => delete answer.chart.result[0].meta, 'chart.result[0].meta'],
      [(answer) => (answer.chart.result = []), 'chart.result'],
      [
        (answer) => {
          answer.chart.result[0].meta.exchangeTimezoneName = 'Nowhere/Atlantis';
          delete answer.chart.result[0].meta.gmtoffset;
        },
        'chart.result[0].meta.exchangeTimezoneName',
      ],
    ];
    for (const [change, field] of cases) {
      const answer = structuredClone(body);
      change(answer);
      answers.set(chart, { body: JSON.stringify(answer) });
      const error = await ask();
      expect(error).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { endpoint: 'v8/finance/chart', field } });
      expect(error.message).toContain(field);
    }
    const events = json(CHART_EVENTS);
    events.chart.result[0].events.dividends['1604673000'].amount = 'n/a';
    answers.set(chart, { body: JSON.stringify(events) });
    expect((await failure(query('events', { symbol: 'AAPL' }))).details.field).toBe(
      'chart.result[0].events.dividends["1604673000"].amount',
    );
  });

  it('stops when the signal is aborted', async () => {
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1D) });
    const aborted = AbortSignal.abort();
    await expect(
      sources.bars!.query({ params: { symbol: 'AAPL', timeframe: '1d' }, range: ALL_TIME, maxPoints: 10 }, aborted),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('gives the latest quote as a scalar, sending the configured crumb and cookie', async () => {
    const withCrumb = (await plugin.setup(context({ baseUrl, crumb: 'abc.123', cookie: 'A3=d=xyz' }))).dataSources!;
    answers.set('/v7/finance/quote', { body: fixture('v7-quote-AAPL.json') });
    expect(await withCrumb.quote!.query({ params: { symbol: 'AAPL' }, range: ALL_TIME, maxPoints: 1 }, signal)).toEqual([
      { kind: 'scalar', value: 244.6, previous: 241.53, unit: 'USD', label: 'AAPL' },
    ]);
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({ symbols: 'AAPL', crumb: 'abc.123' });
    expect(requests[0]!.headers.cookie).toBe('A3=d=xyz');
    // A chart request from the same configured plugin carries neither.
    answers.set('/v8/finance/chart/AAPL', { body: fixture(CHART_1D) });
    await withCrumb.bars!.query({ params: { symbol: 'AAPL', timeframe: '1d' }, range: ALL_TIME, maxPoints: 1 }, signal);
    expect(requests[1]!.url.searchParams.has('crumb')).toBe(false);
    expect(requests[1]!.headers.cookie).toBeUndefined();
  });

  it('picks the symbol asked for out of a multi-symbol quote answer', async () => {
    answers.set('/v7/finance/quote', { body: fixture('v7-quote-AAPL-BABA-multi.json') });
    expect(await query('quote', { symbol: 'BABA' })).toEqual([
      { kind: 'scalar', value: 124.73, previous: 119.54, unit: 'USD', label: 'BABA' },
    ]);
    expect(await query('quote', { symbol: 'aapl' })).toEqual([
      { kind: 'scalar', value: 244.6, previous: 241.53, unit: 'USD', label: 'AAPL' },
    ]);
    expect(requests[0]!.url.searchParams.has('crumb')).toBe(false);
    expect(await failure(query('quote', { symbol: 'MSFT' }))).toMatchObject({ code: 'NOT_FOUND' });
    const body = json('v7-quote-AAPL-BABA-multi.json');
    body.quoteResponse.result[1].regularMarketPrice = '124.73';
    answers.set('/v7/finance/quote', { body: JSON.stringify(body) });
    expect((await failure(query('quote', { symbol: 'BABA' }))).details.field).toBe('quoteResponse.result[1].regularMarketPrice');
  });

  it('tells the admin that quotes need a crumb when Yahoo answers 401 Invalid Crumb', async () => {
    const invalid = {
      status: 401,
      body: '{"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Crumb"}}}',
    };
    answers.set('/v7/finance/quote', invalid);
    const error = await failure(query('quote', { symbol: 'AAPL' }));
    expect(error).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { endpoint: 'v7/finance/quote', status: 401 } });
    expect(error.message).toMatch(
      /set "crumb" and "cookie" for nautilus\.yahoo in NAUTILUS_PLUGIN_CONFIG \(none is configured\)/,
    );
    expect(error.message).toMatch(/Bars, events and search need neither/);
    answers.set('/v10/finance/quoteSummary/AAPL', invalid);
    const withCrumb = (await plugin.setup(context({ baseUrl, crumb: 'stale' }))).dataSources!;
    const stale = await failure(
      withCrumb.summary!.query({ params: { symbol: 'AAPL' }, range: ALL_TIME, maxPoints: 100 }, signal),
    );
    expect(stale.message).toMatch(/configured crumb was refused/);
  });

  it('gives a summary of price and summaryDetail as a field/value table', async () => {
    const price = json('v10-quoteSummary-price-AAPL.json');
    const detail = json('v10-quoteSummary-summaryDetail-AAPL.json');
    // Yahoo answers both modules in one result when asked for both.
    const both = {
      quoteSummary: { result: [{ ...price.quoteSummary.result[0], ...detail.quoteSummary.result[0] }], error: null },
    };
    answers.set('/v10/finance/quoteSummary/AAPL', { body: JSON.stringify(both) });
    const summary = await table('summary', { symbol: 'AAPL' });
    expect(summary.columns).toEqual([
      { name: 'field', type: 'string' },
      { name: 'value', type: 'number' },
    ]);
    const values = Object.fromEntries(summary.rows);
    expect(summary.rows.slice(0, 3)).toEqual([
      ['regularMarketPrice', 245.55],
      ['regularMarketChange', -0.27999878],
      ['regularMarketChangePercent', -0.0011389935],
    ]);
    expect(values).toMatchObject({
      regularMarketPreviousClose: 245.83,
      regularMarketVolume: 53197431,
      marketCap: 3688676720640,
      trailingPE: 38.91442,
      dividendYield: 0.0041,
      fiftyTwoWeekHigh: 260.1,
      beta: 1.2,
    });
    expect(summary.rows.filter((row) => row[0] === 'marketCap')).toHaveLength(1);
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({ modules: 'price,summaryDetail', formatted: 'false' });
    // Only one module in the answer: its fields alone.
    answers.set('/v10/finance/quoteSummary/AAPL', { body: fixture('v10-quoteSummary-price-AAPL.json') });
    const priceOnly = await table('summary', { symbol: 'AAPL' });
    expect(priceOnly.rows).toHaveLength(11);
    expect(priceOnly.rows.at(-1)).toEqual(['marketCap', 3688676720640]);
    answers.set('/v10/finance/quoteSummary/AAPL', { body: fixture('v10-quoteSummary-summaryDetail-AAPL.json') });
    expect(Object.fromEntries((await table('summary', { symbol: 'AAPL' })).rows).previousClose).toBeUndefined();
    detail.quoteSummary.result[0].summaryDetail.beta = { raw: 1.2, fmt: '1.20' };
    answers.set('/v10/finance/quoteSummary/AAPL', { body: JSON.stringify(detail) });
    expect((await failure(query('summary', { symbol: 'AAPL' }))).details.field).toBe('quoteSummary.result[0].summaryDetail.beta');
  });

  it('answers the quoteSummary 404 error envelope with NOT_FOUND, escaping the symbol', async () => {
    answers.set('/v10/finance/quoteSummary/EURUSD%3DX', {
      status: 404,
      body: fixture('v10-quoteSummary-assetProfile-EURUSD=X-404-error.json'),
    });
    const error = await failure(query('summary', { symbol: 'EURUSD=X' }));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      details: { provider: 'yahoo', endpoint: 'v10/finance/quoteSummary', status: 404 },
    });
    expect(error.message).toMatch(/No fundamentals data found/);
  });

  it('searches symbols: asset classes mapped, entries without a symbol left out', async () => {
    answers.set('/v1/finance/search', { body: fixture('v1-search-AAPL.json') });
    const found = await table('search', { text: 'AAPL', limit: 25 });
    expect(found.columns.map((column) => column.name)).toEqual(['symbol', 'name', 'exchange', 'assetClass', 'source']);
    expect(found.rows).toEqual([
      ['AAPL', 'Apple Inc.', 'NASDAQ', 'equity', 'yahoo'],
      ['AAPU', 'Direxion Daily AAPL Bull 2X Shares', 'NASDAQ', 'etf', 'yahoo'],
      ['AAPL251219C00120000', 'AAPL Dec 2025 120.000 call', 'OPR', 'other', 'yahoo'],
      ['AAPL250620P00210000', 'AAPL Jun 2025 210.000 put', 'OPR', 'other', 'yahoo'],
      ['AAPL260116P00170000', 'AAPL Jan 2026 170.000 put', 'OPR', 'other', 'yahoo'],
      ['AAPL250620P00200000', 'AAPL Jun 2025 200.000 put', 'OPR', 'other', 'yahoo'],
    ]);
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toMatchObject({ q: 'AAPL', quotesCount: '25', newsCount: '0' });
    expect((await table('search', { text: 'AAPL' }, ALL_TIME, 2)).rows.map((row) => row[0])).toEqual(['AAPL', 'AAPU']);
    expect(requests[1]!.url.searchParams.get('quotesCount')).toBe('2');
    const body = json('v1-search-AAPL.json');
    body.quotes[1].quoteType = 7;
    answers.set('/v1/finance/search', { body: JSON.stringify(body) });
    expect((await failure(query('search', { text: 'AAPL' }))).details.field).toBe('quotes[1].quoteType');
    answers.set('/v1/finance/search', { body: '{"quotes": []}' });
    expect((await table('search', { text: 'zzzzqq' })).rows).toEqual([]);
  });

  it('refuses a config that is not usable, naming the setting', async () => {
    expect(() => plugin.setup(context({ baseUrl: 'ftp://example.com' }))).toThrow(/config\.baseUrl must be an http\(s\) URL/);
    expect(() => plugin.setup(context({ crumb: 42 }))).toThrow(/config\.crumb must be a string/);
  });
});

describe('manifest and exchange dates', () => {
  it('declares both Yahoo hosts, no secrets and conservative limits for each', () => {
    expect(manifest.id).toBe('nautilus.yahoo');
    expect(manifest.permissions.network).toEqual(['query1.finance.yahoo.com', 'query2.finance.yahoo.com']);
    expect(manifest.permissions.secrets).toEqual([]);
    expect(manifest.permissions.rateLimits).toEqual([
      { host: 'query1.finance.yahoo.com', requests: 2, perSeconds: 1 },
      { host: 'query1.finance.yahoo.com', requests: 1000, perSeconds: 3600 },
      { host: 'query2.finance.yahoo.com', requests: 2, perSeconds: 1 },
      { host: 'query2.finance.yahoo.com', requests: 1000, perSeconds: 3600 },
    ]);
    expect(manifest.contributes.dataSources?.map((source) => source.id)).toEqual([
      'bars',
      'events',
      'search',
      'quote',
      'summary',
    ]);
  });

  it('dates an instant by the exchange-local day, also where it is the UTC day before', () => {
    expect(exchangeDate(at('2020-01-02T14:30:00Z'), { timeZone: 'America/New_York' })).toBe(at('2020-01-02T00:00:00Z'));
    expect(exchangeDate(at('2020-01-02T03:30:00Z'), { timeZone: 'America/New_York' })).toBe(at('2020-01-01T00:00:00Z'));
    // Auckland opens at 10:00 NZDT, 21:00 UTC the day before.
    expect(exchangeDate(at('2020-01-01T21:00:00Z'), { timeZone: 'Pacific/Auckland' })).toBe(at('2020-01-02T00:00:00Z'));
    expect(exchangeDate(at('2020-01-01T21:00:00Z'), { gmtOffsetSeconds: 46_800 })).toBe(at('2020-01-02T00:00:00Z'));
    expect(exchangeDate(at('2020-01-02T14:30:00Z'), { gmtOffsetSeconds: -18_000 })).toBe(at('2020-01-02T00:00:00Z'));
  });
});
