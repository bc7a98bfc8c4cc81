import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, OhlcvFrame, PluginContext, ScalarFrame, TableFrame, TimeSeriesFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import plugin from './index.ts';
import { zonedToUtc } from './zoned-time.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

/** What the loopback Alpha Vantage answers for a `function`: a recorded body or a scripted one. */
const answers = new Map<string, { status: number; body: string }>();
const requests: URL[] = [];

function context(config: Record<string, unknown>, apiKey: string | null = 'test-key'): PluginContext {
  return pluginTestContext({
    pluginId: 'nautilus.alpha-vantage',
    config,
    secrets: { ALPHAVANTAGE_API_KEY: apiKey ?? undefined },
  });
}

const failure = caughtError;

const ALL_TIME = { from: Date.parse('2000-01-01'), to: Date.parse('2030-01-01') };

describe('Alpha Vantage plugin against recorded answers', () => {
  let server: Server;
  let sources: Record<string, DataSource<any>>;
  let baseUrl: string;
  const signal = new AbortController().signal;
  const query = (source: string, params: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    sources[source]!.query({ params, range, maxPoints }, signal);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://av.test');
      requests.push(url);
      const answer = answers.get(url.searchParams.get('function') ?? '') ?? { status: 200, body: '{}' };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/query`;
    sources = (await plugin.setup(context({ baseUrl }))).dataSources ?? {};
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
  });

  it('turns daily IBM into bars, oldest first, each opening at 00:00 New York time of its date', async () => {
    answers.set('TIME_SERIES_DAILY', { status: 200, body: fixture('time-series-daily-IBM-upstream-trimmed.json') });
    const [bars] = (await query('bars', { symbol: 'IBM', timeframe: '1d' })) as OhlcvFrame[];
    expect(bars).toEqual({
      kind: 'ohlcv',
      symbol: 'IBM',
      timeframe: '1d',
      // May: daylight time, UTC-4.
      time: [Date.parse('2020-05-07T04:00:00Z'), Date.parse('2020-05-08T04:00:00Z')],
      open: [122.98, 122.67],
      high: [123.26, 122.8],
      low: [120.85, 121.06],
      close: [121.23, 121.79],
      volume: [4412047, 2538547],
    });
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({
      function: 'TIME_SERIES_DAILY',
      symbol: 'IBM',
      outputsize: 'full',
      apikey: 'test-key',
    });
  });

  it('asks for adjusted daily bars and scales open, high and low by adjusted close over close', async () => {
    answers.set('TIME_SERIES_DAILY_ADJUSTED', {
      status: 200,
      body: fixture('time-series-daily-adjusted-IBM-upstream-trimmed.json'),
    });
    const [recorded] = (await query('bars', { symbol: 'IBM', timeframe: '1d', adjusted: true })) as OhlcvFrame[];
    // In the recording the adjusted close equals the close: nothing moves.
    expect(recorded!.close).toEqual([121.23, 121.805]);
    expect(requests[0]!.searchParams.get('function')).toBe('TIME_SERIES_DAILY_ADJUSTED');
    // The same answer with the dividend of 2020-05-07 applied to the earlier bar: its prices scale by 0.98.
    const body = JSON.parse(fixture('time-series-daily-adjusted-IBM-upstream-trimmed.json'));
    body['Time Series (Daily)']['2020-05-07']['5. adjusted close'] = String(121.23 * 0.98);
    answers.set('TIME_SERIES_DAILY_ADJUSTED', { status: 200, body: JSON.stringify(body) });
    const [adjusted] = (await query('bars', { symbol: 'IBM', timeframe: '1d', adjusted: true })) as OhlcvFrame[];
    expect(adjusted!.open[0]).toBeCloseTo(122.98 * 0.98, 10);
    expect(adjusted!.high[0]).toBeCloseTo(123.26 * 0.98, 10);
    expect(adjusted!.close[0]).toBeCloseTo(121.23 * 0.98, 10);
    expect(adjusted!.open[1]).toBe(122.67);
    expect(adjusted!.volume).toEqual([4412047, 2542577]);
  });

  it('turns 1-minute MSFT into 100 bars in UTC (December: New York is UTC-5), within the range and maxPoints', async () => {
    answers.set('TIME_SERIES_INTRADAY', { status: 200, body: fixture('time-series-intraday-MSFT-1min-compact.json') });
    const [bars] = (await query('bars', { symbol: 'MSFT', timeframe: '1m' })) as OhlcvFrame[];
    expect(bars!.time).toHaveLength(100);
    expect(bars!.time[0]).toBe(Date.parse('2017-12-18T18:17:00Z'));
    expect(bars!.time.at(-1)).toBe(Date.parse('2017-12-18T19:56:00Z'));
    expect([bars!.open[0], bars!.high[0], bars!.low[0], bars!.close[0], bars!.volume[0]]).toEqual([
      86.8101, 86.82, 86.79, 86.8, 31172,
    ]);
    expect(bars!.time.every((time, index) => index === 0 || time - bars!.time[index - 1]! === 60_000)).toBe(true);
    expect(Object.fromEntries(requests[0]!.searchParams)).toMatchObject({ interval: '1min', adjusted: 'false' });
    const [recent] = (await query(
      'bars',
      { symbol: 'MSFT', timeframe: '1m' },
      { from: Date.parse('2017-12-18T19:00:00Z'), to: Date.parse('2017-12-18T19:56:00Z') },
      10,
    )) as OhlcvFrame[];
    expect(recent!.time).toEqual(Array.from({ length: 10 }, (_, index) => Date.parse('2017-12-18T19:46:00Z') + index * 60_000));
  });

  it('refuses 4h bars (Alpha Vantage has none) before sending anything', async () => {
    const error = await failure(query('bars', { symbol: 'IBM', timeframe: '4h' }));
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.timeframe' }] });
    expect(requests).toHaveLength(0);
  });

  it('gives the latest quote as a scalar with the previous close, and a symbol search as a table', async () => {
    answers.set('GLOBAL_QUOTE', { status: 200, body: fixture('global-quote-MSFT.json') });
    expect(await query('quote', { symbol: 'MSFT' })).toEqual([
      { kind: 'scalar', value: 112.13, previous: 112.79, label: 'MSFT' } satisfies ScalarFrame,
    ]);
    answers.set('SYMBOL_SEARCH', { status: 200, body: fixture('symbol-search-BA.json') });
    const [table] = (await query('search', { keywords: 'BA' })) as TableFrame[];
    expect(table!.rows.map((row) => row[0])).toEqual([
      'BA',
      'BABA',
      'BSVN',
      '6190.HKG',
      'BAC',
      'BIDU',
      'BHC',
      'ABX',
      'BKS',
      'BLDP',
    ]);
    expect(table!.rows[0]).toEqual(['BA', 'The Boeing Company', 'Equity', 'United States', 'USD', '09:30', '16:00', 'UTC-04', 1]);
    expect(requests.at(-1)!.searchParams.get('keywords')).toBe('BA');
  });

  it('turns the throttle notes Alpha Vantage sends with HTTP 200 into RATE_LIMITED, never an empty chart', async () => {
    answers.set('TIME_SERIES_DAILY', {
      status: 200,
      body: JSON.stringify({
        Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day.',
      }),
    });
    expect(await failure(query('bars', { symbol: 'IBM', timeframe: '1d' }))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { provider: 'alpha-vantage', quota: 'minute', retryAfterSeconds: 60 },
    });
    answers.set('TIME_SERIES_DAILY', {
      status: 200,
      body: JSON.stringify({
        Information: 'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day.',
      }),
    });
    const daily = await failure(query('bars', { symbol: 'IBM', timeframe: '1d' }));
    expect(daily).toMatchObject({ code: 'RATE_LIMITED', details: { quota: 'day' } });
    expect(daily.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(daily.details.retryAfterSeconds).toBeLessThanOrEqual(86_400);
    answers.set('TIME_SERIES_DAILY', {
      status: 200,
      body: JSON.stringify({
        'Error Message':
          'Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY.',
      }),
    });
    expect(await failure(query('bars', { symbol: 'NOPE', timeframe: '1d' }))).toMatchObject({ code: 'VALIDATION' });
  });

  it('names the field of a malformed answer', async () => {
    const body = JSON.parse(fixture('time-series-daily-IBM-upstream-trimmed.json'));
    const cases: [unknown, RegExp][] = [
      [{ 'Time Series (Daily)': {} }, /Meta Data is missing/],
      [{ ...body, 'Meta Data': { '5. Time Zone': 'Mars/Olympus' } }, /Meta Data\.5\. Time Zone is not a time zone/],
      [{ 'Meta Data': body['Meta Data'] }, /Time Series is missing/],
      [
        { ...body, 'Time Series (Daily)': { '2020-05-08': { ...body['Time Series (Daily)']['2020-05-08'], '2. high': 'n/a' } } },
        /Time Series \(Daily\)\["2020-05-08"\]\.high is not a number \(got "n\/a"\)/,
      ],
      [{ ...body, 'Time Series (Daily)': { 'May 8': {} } }, /\["May 8"\] is not a date or date-time/],
    ];
    for (const [answer, message] of cases) {
      answers.set('TIME_SERIES_DAILY', { status: 200, body: JSON.stringify(answer) });
      const error = await failure(query('bars', { symbol: 'IBM', timeframe: '1d' }));
      expect(error.code).toBe('DATA_SOURCE_ERROR');
      expect(error.message).toMatch(message);
    }
    answers.set('TIME_SERIES_DAILY', { status: 200, body: '<html>maintenance</html>' });
    expect((await failure(query('bars', { symbol: 'IBM', timeframe: '1d' }))).message).toMatch(/not a JSON object/);
    answers.set('GLOBAL_QUOTE', { status: 200, body: '{"Global Quote": {}}' });
    expect((await failure(query('quote', { symbol: 'ZZZZ' }))).message).toMatch(/Global Quote is empty: no quote for ZZZZ/);
    answers.set('TIME_SERIES_DAILY', { status: 503, body: '' });
    expect(await failure(query('bars', { symbol: 'IBM', timeframe: '1d' }))).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      details: { status: 503 },
    });
  });

  it('turns an economic indicator into a time series, oldest first, leaving "." out', async () => {
    // Alpha Vantage's documented shape for its economic indicators (no recorded answer exists in the fixtures).
    answers.set('FEDERAL_FUNDS_RATE', {
      status: 200,
      body: JSON.stringify({
        name: 'Effective Federal Funds Rate',
        interval: 'monthly',
        unit: 'percent',
        data: [
          { date: '2024-03-01', value: '5.33' },
          { date: '2024-02-01', value: '.' },
          { date: '2024-01-01', value: '5.33' },
          { date: '2023-12-01', value: '5.33' },
        ],
      }),
    });
    const [frame] = (await query(
      'economic',
      { indicator: 'FEDERAL_FUNDS_RATE' },
      { from: Date.parse('2024-01-01'), to: Date.parse('2025-01-01') },
    )) as TimeSeriesFrame[];
    expect(frame!.series).toEqual([
      {
        name: 'Effective Federal Funds Rate',
        unit: 'percent',
        time: [Date.parse('2024-01-01'), Date.parse('2024-03-01')],
        values: [5.33, 5.33],
      },
    ]);
    expect(requests[0]?.searchParams.get('interval')).toBe('monthly');
    expect((await failure(query('economic', { indicator: 'INFLATION', interval: 'monthly' }))).code).toBe('VALIDATION');
    answers.set('CPI', { status: 200, body: '{"name": "CPI", "data": [{"date": "2024-01-01", "value": "n/a"}]}' });
    expect(await failure(query('economic', { indicator: 'CPI' }))).toMatchObject({ details: { field: 'data[0].value' } });
  });

  it('says how to get a key when none is set, before sending anything', async () => {
    const keyless = (await plugin.setup(context({ baseUrl }, null))).dataSources!;
    const error = await failure(keyless.quote!.query({ params: { symbol: 'IBM' }, range: ALL_TIME, maxPoints: 1 }, signal));
    expect(error.message).toMatch(/set NAUTILUS_SECRET_ALPHAVANTAGE_API_KEY/);
    expect(requests).toHaveLength(0);
  });
});

describe('wall-clock times in a time zone', () => {
  it('converts across DST: a skipped time lands after the gap, a repeated one on its first occurrence', () => {
    expect(zonedToUtc('2020-05-07', 'US/Eastern')).toBe(Date.parse('2020-05-07T04:00:00Z'));
    expect(zonedToUtc('2020-01-07 09:30', 'America/New_York')).toBe(Date.parse('2020-01-07T14:30:00Z'));
    expect(zonedToUtc('2020-03-08 02:30', 'America/New_York')).toBe(Date.parse('2020-03-08T07:30:00Z'));
    expect(zonedToUtc('2020-11-01 01:30', 'America/New_York')).toBe(Date.parse('2020-11-01T05:30:00Z'));
    expect(zonedToUtc('2020-05-07 10:00:00', 'UTC')).toBe(Date.parse('2020-05-07T10:00:00Z'));
    expect(zonedToUtc('07/05/2020', 'UTC')).toBeNaN();
  });
});
