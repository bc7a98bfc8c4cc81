import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DataSource, isNautilusError, type OhlcvFrame, type PluginContext, type TableFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ibkrTime, MAX_REQUESTS, periodFor } from './bars.ts';
import plugin from './index.ts';
import { manifest } from './manifest.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');
const HISTORY_VOO = 'iserver-marketdata-history-conid136155102-VOO-period30d-bar1d.json';
const HISTORY_EXAMPLE = 'vendor-doc-examples/iserver-marketdata-history.example.json';
const SEARCH_IBM = 'vendor-doc-examples/iserver-secdef-search-GET-IBM.example.json';
const SEARCH_VMNVX = 'iserver-secdef-search-POST-VMNVX-fund.json';
const STOCKS_VOO = 'trsrv-stocks-symbols-VOO.json';
const ACCOUNTS = 'vendor-doc-examples/portfolio-accounts.example.json';

/** What the loopback gateway answers `METHOD path` (path under /v1/api/) with: a body, or a function of the request. */
type Answer = { status: number; body: string; headers?: Record<string, string> };
type Sent = { method: string; url: URL; body: string };
const answers = new Map<string, Answer | ((sent: Sent) => Answer)>();
const requests: Sent[] = [];
const ok = (body: string): Answer => ({ status: 200, body });
const sentTo = (endpoint: string) => requests.filter((sent) => sent.url.pathname === `/v1/api/${endpoint}`);
const params = (sent: Sent | undefined) => Object.fromEntries(sent!.url.searchParams);

function context(
  config: Record<string, unknown>,
  fetcher: PluginContext['fetch'] = (input, init) => fetch(input, init),
): PluginContext {
  return pluginTestContext({ pluginId: 'nautilus.ibkr', config, fetch: fetcher });
}

const failure = caughtError;

const ALL_TIME = { from: Date.parse('2000-01-01'), to: Date.parse('2030-01-01') };
const HOUR = 3_600_000;

/** A history answer of hourly bars: the 1000 ending at `startTime` (inclusive), as a gateway paging back would send. */
function hourlyHistory(sent: Sent): Answer {
  const start = sent.url.searchParams.get('startTime') ?? '';
  const match = /^(\d{4})(\d{2})(\d{2})-(\d{2}:\d{2}:\d{2})$/.exec(start);
  const end = match ? Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}Z`) : Number.NaN;
  const data = Array.from({ length: 1000 }, (_, index) => {
    const t = end - (999 - index) * HOUR;
    return { o: 100, c: 101, h: 102, l: 99, v: 10, t };
  });
  return ok(JSON.stringify({ symbol: 'TEST', data, points: 999 }));
}

describe('IBKR plugin against recorded gateway answers', () => {
  let server: Server;
  let baseUrl: string;
  let sources: Record<string, DataSource<any>>;
  const signal = new AbortController().signal;
  const query = (source: string, queryParams: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    sources[source]!.query({ params: queryParams, range, maxPoints }, signal);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const sent = {
          method: request.method ?? 'GET',
          url: new URL(request.url ?? '/', 'http://gateway.test'),
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(sent);
        const key = `${sent.method} ${sent.url.pathname.replace(/^\/v1\/api\//, '')}`;
        const found = answers.get(key);
        const answer = typeof found === 'function' ? found(sent) : (found ?? { status: 404, body: '' });
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/api`;
    sources = (await plugin.setup(context({ baseUrl }))).dataSources ?? {};
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
  });

  it('turns the real VOO history into 29 daily bars from the data array (not `points`, not the high/low strings)', async () => {
    answers.set('GET iserver/marketdata/history', ok(fixture(HISTORY_VOO)));
    const from = Date.parse('2022-11-28T14:30:00Z');
    const [bars] = (await query('bars', { conid: 136155102, timeframe: '1d' }, { from, to: ALL_TIME.to })) as OhlcvFrame[];
    const recorded = JSON.parse(fixture(HISTORY_VOO));
    // The answer says 28 points but holds 29 bars: every bar is kept.
    expect(recorded.points).toBe(28);
    expect(bars!.time).toHaveLength(29);
    expect(bars!.symbol).toBe('VOO');
    expect(bars!.timeframe).toBe('1d');
    // First bar: 2022-11-28, the 09:30 New York open as UTC.
    expect(bars!.time[0]).toBe(1669645800000);
    expect(bars!.time[0]).toBe(Date.parse('2022-11-28T14:30:00Z'));
    expect([bars!.open[0], bars!.high[0], bars!.low[0], bars!.close[0], bars!.volume[0]]).toEqual([
      366.79, 368.38, 363.15, 363.95, 25544,
    ]);
    // Last bar: 2023-01-09.
    expect(bars!.time[28]).toBe(Date.parse('2023-01-09T14:30:00Z'));
    expect([bars!.open[28], bars!.high[28], bars!.low[28], bars!.close[28], bars!.volume[28]]).toEqual([
      358.73, 361.73, 356.22, 356.33, 29062,
    ]);
    // Every value straight from {o,c,h,l,v,t}; volume as given (IBKR's lots of 100, not scaled).
    expect(bars!.high).toEqual(recorded.data.map((bar: { h: number }) => bar.h));
    expect(bars!.low).toEqual(recorded.data.map((bar: { l: number }) => bar.l));
    expect(bars!.volume).toEqual(recorded.data.map((bar: { v: number }) => bar.v));
    // The composite summaries ("37719/40807/25920") are not parsed into bars.
    expect(bars!.high).not.toContain(37719);
    expect(bars!.time.every((time, index) => index === 0 || time > bars!.time[index - 1]!)).toBe(true);
    // One request: the period reached back to the range's start; no startTime as the range ends after now.
    const sent = sentTo('iserver/marketdata/history');
    expect(sent).toHaveLength(1);
    expect(params(sent[0])).toEqual({ conid: '136155102', period: '1000d', bar: '1d', outsideRth: 'false' });
  });

  it('keeps the range and the most recent maxPoints, and asks for bars up to a range that ends in the past', async () => {
    answers.set('GET iserver/marketdata/history', ok(fixture(HISTORY_VOO)));
    const range = { from: Date.parse('2022-12-01T00:00:00Z'), to: Date.parse('2022-12-31T00:00:00Z') };
    const [bars] = (await query('bars', { conid: 136155102, timeframe: '1d', outsideRth: true }, range, 5)) as OhlcvFrame[];
    expect(bars!.time).toEqual(
      ['2022-12-23', '2022-12-27', '2022-12-28', '2022-12-29', '2022-12-30'].map((day) => Date.parse(`${day}T14:30:00Z`)),
    );
    expect(bars!.close).toEqual([351.87, 350.47, 346.17, 352.31, 351.34]);
    expect(params(sentTo('iserver/marketdata/history')[0])).toEqual({
      conid: '136155102',
      period: '30d',
      bar: '1d',
      outsideRth: 'true',
      startTime: '20221231-00:00:00',
    });
    // A range with no bars in it: an empty frame, arrays all empty.
    const [empty] = (await query(
      'bars',
      { conid: 136155102, timeframe: '1d' },
      { from: Date.parse('2021-01-01'), to: Date.parse('2021-02-01') },
    )) as OhlcvFrame[];
    expect(empty).toMatchObject({ time: [], open: [], high: [], low: [], close: [], volume: [] });
  });

  it("reads IBKR's documented history example (AAPL, fractional volume, lower-case serverid)", async () => {
    answers.set('GET iserver/marketdata/history', ok(fixture(HISTORY_EXAMPLE)));
    const [bars] = (await query('bars', { conid: '265598', timeframe: '1d', exchange: 'NASDAQ' })) as OhlcvFrame[];
    expect(bars).toEqual({
      kind: 'ohlcv',
      symbol: 'AAPL',
      timeframe: '1d',
      time: [Date.parse('2023-08-18T08:00:00Z')],
      open: [173.4],
      high: [175.1],
      low: [171.7],
      close: [174.7],
      volume: [472117.45],
    });
    expect(params(requests[0])).toMatchObject({ conid: '265598', exchange: 'NASDAQ' });
  });

  it('resolves a symbol through GET secdef search (conid as a string), preferring the exchange named', async () => {
    answers.set('GET iserver/secdef/search', ok(fixture(SEARCH_IBM)));
    answers.set('GET iserver/marketdata/history', ok(fixture(HISTORY_EXAMPLE)));
    const [bars] = (await query('bars', { symbol: 'IBM', timeframe: '1h' })) as OhlcvFrame[];
    expect(bars!.symbol).toBe('IBM');
    expect(params(sentTo('iserver/secdef/search')[0])).toEqual({ symbol: 'IBM' });
    expect(params(sentTo('iserver/marketdata/history')[0])).toMatchObject({ conid: '8314', bar: '1h' });
    requests.length = 0;
    await query('bars', { symbol: 'IBM', timeframe: '5m', exchange: 'lse' });
    expect(params(sentTo('iserver/marketdata/history')[0])).toMatchObject({ conid: '41645598', bar: '5min', exchange: 'lse' });
    // IBM's futures section names no contract: NOT_FOUND asking for a conid, no history request.
    requests.length = 0;
    const error = await failure(query('bars', { symbol: 'IBM', secType: 'FUT', timeframe: '1d' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { symbol: 'IBM', secType: 'FUT' } });
    expect(error.message).toMatch(/pass the conid/);
    expect(sentTo('iserver/marketdata/history')).toHaveLength(0);
  });

  it('falls back to POST secdef search when GET answers 405 (the real VMNVX answer), and maps FUND to fund', async () => {
    answers.set('GET iserver/secdef/search', { status: 405, body: '' });
    answers.set('POST iserver/secdef/search', ok(fixture(SEARCH_VMNVX)));
    const [table] = (await query('search', { symbol: 'VMNVX' })) as TableFrame[];
    expect(table!.columns.map((column) => column.name)).toEqual(['conid', 'symbol', 'name', 'assetClass', 'exchange', 'source']);
    expect(table!.rows).toEqual([
      ['145972066', 'VMNVX', 'Vanguard Global Minimum Volatility Fund (Vanguard)', 'fund', null, 'ibkr'],
    ]);
    const post = requests.find((sent) => sent.method === 'POST')!;
    expect(JSON.parse(post.body)).toEqual({ symbol: 'VMNVX' });
    // A fund is no STK: bars for it as a stock are NOT_FOUND.
    expect(await failure(query('bars', { symbol: 'VMNVX', timeframe: '1d' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('searches with GET (the documented IBM example): stocks on two exchanges and a bond without a symbol', async () => {
    answers.set('GET iserver/secdef/search', ok(fixture(SEARCH_IBM)));
    const [table] = (await query('search', { symbol: 'IBM' })) as TableFrame[];
    expect(table!.rows).toEqual([
      ['8314', 'IBM', 'INTL BUSINESS MACHINES CORP', 'equity', 'NYSE', 'ibkr'],
      ['41645598', 'IBM', 'INTL BUSINESS MACHINES CORP', 'equity', 'LSE', 'ibkr'],
      ['2147483647', null, 'Corporate Fixed Income', 'other', null, 'ibkr'],
    ]);
    expect(requests.every((sent) => sent.method === 'GET')).toBe(true);
    const [byName] = (await query('search', { symbol: 'international business', byName: true }, ALL_TIME, 1)) as TableFrame[];
    expect(byName!.rows).toHaveLength(1);
    expect(params(requests.at(-1))).toEqual({ symbol: 'international business', name: 'true' });
  });

  it('lists each VOO listing from trsrv/stocks (conid as a number), and an unknown symbol is NOT_FOUND', async () => {
    answers.set('GET trsrv/stocks', ok(fixture(STOCKS_VOO)));
    const [table] = (await query('stocks', { symbols: 'voo' })) as TableFrame[];
    expect(table).toEqual({
      kind: 'table',
      columns: [
        { name: 'symbol', type: 'string' },
        { name: 'name', type: 'string' },
        { name: 'conid', type: 'string' },
        { name: 'exchange', type: 'string' },
        { name: 'isUS', type: 'boolean' },
      ],
      rows: [
        ['VOO', 'VANGUARD S&P 500 ETF', '136155092', 'MEXI', false],
        ['VOO', 'VANGUARD S&P 500 ETF', '136155102', 'ARCA', true],
      ],
    });
    expect(params(requests[0])).toEqual({ symbols: 'VOO' });
    answers.set('GET trsrv/stocks', ok('{"ZZZZ": []}'));
    expect(await failure(query('stocks', { symbols: 'ZZZZ, YYYY' }))).toMatchObject({
      code: 'NOT_FOUND',
      details: { symbols: ['ZZZZ', 'YYYY'] },
    });
    expect(params(requests.at(-1))).toEqual({ symbols: 'ZZZZ,YYYY' });
  });

  it('lists the accounts (the documented example)', async () => {
    answers.set('GET portfolio/accounts', ok(fixture(ACCOUNTS)));
    const [table] = (await query('accounts', {})) as TableFrame[];
    expect(table!.columns.map((column) => column.name)).toEqual(['accountId', 'displayName', 'currency', 'type']);
    expect(table!.rows).toEqual([['DU123456', 'John Smith, LLC', 'USD', 'DEMO']]);
    answers.set('GET portfolio/accounts', ok('[{"accountId": 42}]'));
    expect((await failure(query('accounts', {}))).message).toMatch(/\[0\]\.accountId is not a string/);
  });

  it('quotes the last price with the prior close; the first snapshot (subscribing) asks to try again', async () => {
    // The first snapshot of a conid: the gateway subscribes and sends no prices yet.
    answers.set('GET iserver/marketdata/snapshot', ok('[{"conid":136155102,"conidEx":"136155102","_updated":1673290000000}]'));
    const subscribing = await failure(query('quote', { conid: 136155102 }));
    expect(subscribing).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { reason: 'subscribing', conid: '136155102' } });
    expect(subscribing.message).toBe('IBKR is subscribing to market data for conid 136155102; ask again in a second.');
    expect(params(requests[0])).toEqual({ conids: '136155102', fields: '31,55,84,86,7295,7741' });
    // An empty list is the same.
    answers.set('GET iserver/marketdata/snapshot', ok('[]'));
    expect(await failure(query('quote', { conid: 136155102 }))).toMatchObject({ details: { reason: 'subscribing' } });
    // Prices as strings, the close marked C; conid as a number.
    answers.set(
      'GET iserver/marketdata/snapshot',
      ok('[{"conid":136155102,"31":"C356.33","55":"VOO","84":"356.30","86":"356.40","7295":"358.73","7741":"348.66"}]'),
    );
    expect(await query('quote', { conid: 136155102 })).toEqual([
      { kind: 'scalar', value: 356.33, previous: 348.66, label: 'VOO' },
    ]);
    // Halted (H), a thousands separator, conid as a string, no prior close; the symbol asked for labels it.
    answers.set('GET iserver/marketdata/snapshot', ok('[{"conid":"8314","31":"H1,234.50"}]'));
    answers.set('GET iserver/secdef/search', ok(fixture(SEARCH_IBM)));
    expect(await query('quote', { symbol: 'IBM' })).toEqual([{ kind: 'scalar', value: 1234.5, label: 'IBM' }]);
    // A price that is no number is named.
    answers.set('GET iserver/marketdata/snapshot', ok('[{"conid":8314,"31":"n/a"}]'));
    const bad = await failure(query('quote', { conid: 8314 }));
    expect(bad).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { field: '[0].31' } });
  });

  it('pages back with startTime when the range needs more than 1000 bars, one request at a time, joining overlaps', async () => {
    answers.set('GET iserver/marketdata/history', hourlyHistory);
    const to = Date.parse('2024-01-01T00:00:00Z');
    const from = to - 2500 * HOUR;
    const [bars] = (await query('bars', { conid: 1, timeframe: '1h' }, { from, to })) as OhlcvFrame[];
    expect(bars!.symbol).toBe('TEST');
    expect(bars!.time).toHaveLength(2500);
    expect(bars!.time[0]).toBe(from);
    expect(bars!.time.at(-1)).toBe(to - HOUR);
    expect(bars!.time.every((time, index) => index === 0 || time - bars!.time[index - 1]! === HOUR)).toBe(true);
    const sent = sentTo('iserver/marketdata/history').map(params);
    expect(sent.map((each) => [each.startTime, each.period])).toEqual([
      ['20240101-00:00:00', '42d'],
      [ibkrTime(to - 999 * HOUR), '42d'],
      [ibkrTime(to - 1998 * HOUR), '21d'],
    ]);
    // Enough bars for maxPoints after two requests: no third.
    requests.length = 0;
    const [recent] = (await query('bars', { conid: 1, timeframe: '1h' }, { from, to }, 1500)) as OhlcvFrame[];
    expect(recent!.time).toHaveLength(1500);
    expect(recent!.time.at(-1)).toBe(to - HOUR);
    expect(sentTo('iserver/marketdata/history')).toHaveLength(2);
    // A range far longer than the gateway pages: at most MAX_REQUESTS requests, the most recent bars.
    requests.length = 0;
    const [capped] = (await query('bars', { conid: 1, timeframe: '1h' }, { from: Date.parse('2000-01-01'), to })) as OhlcvFrame[];
    expect(sentTo('iserver/marketdata/history')).toHaveLength(MAX_REQUESTS);
    expect(capped!.time).toHaveLength(MAX_REQUESTS * 999);
    // An answer that brings nothing older ends the paging.
    requests.length = 0;
    answers.set('GET iserver/marketdata/history', ok(fixture(HISTORY_VOO)));
    await query('bars', { conid: 136155102, timeframe: '1d' });
    expect(sentTo('iserver/marketdata/history')).toHaveLength(2);
  });

  it('says to log in when the gateway has no session: HTTP 401, {"error":"not authenticated"}, {"statusCode":401}', async () => {
    const bodies: Answer[] = [
      { status: 401, body: '' },
      ok('{"error":"not authenticated","statusCode":401}'),
      ok('{"statusCode":401}'),
      { status: 401, body: '{"error":"not authenticated"}' },
    ];
    for (const answer of bodies) {
      answers.set('GET iserver/marketdata/history', answer);
      const error = await failure(query('bars', { conid: 8314, timeframe: '1d' }));
      expect(error).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { provider: 'ibkr', reason: 'not-authenticated' } });
      expect(error.message).toBe(
        `The IBKR Client Portal gateway at ${baseUrl} is not logged in: open it in a browser, log in, then try again.`,
      );
    }
  });

  it('turns 429 into RATE_LIMITED (with and without Retry-After), 404 into NOT_FOUND, other failures into DATA_SOURCE_ERROR', async () => {
    answers.set('GET iserver/marketdata/history', { status: 429, body: 'Too many requests', headers: { 'retry-after': '7' } });
    expect(await failure(query('bars', { conid: 8314, timeframe: '1d' }))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { provider: 'ibkr', endpoint: 'iserver/marketdata/history', retryAfterSeconds: 7 },
    });
    answers.set('GET iserver/marketdata/history', { status: 429, body: '' });
    const throttled = await failure(query('bars', { conid: 8314, timeframe: '1d' }));
    expect(throttled.code).toBe('RATE_LIMITED');
    expect(throttled.details.retryAfterSeconds).toBeUndefined();
    answers.set('GET iserver/marketdata/history', { status: 500, body: '{"error":"Chart data unavailable"}' });
    const failed = await failure(query('bars', { conid: 8314, timeframe: '1d' }));
    expect(failed).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { status: 500 } });
    expect(failed.message).toMatch(/HTTP 500 for iserver\/marketdata\/history \(Chart data unavailable\)/);
    answers.set('GET iserver/marketdata/history', { status: 404, body: '' });
    expect(await failure(query('bars', { conid: 8314, timeframe: '1d' }))).toMatchObject({ code: 'NOT_FOUND' });
    answers.set('GET iserver/marketdata/history', ok('{"error":"Invalid conid"}'));
    expect((await failure(query('bars', { conid: 8314, timeframe: '1d' }))).message).toMatch(/refused .*Invalid conid/);
  });

  it('names the field of a malformed answer', async () => {
    const body = JSON.parse(fixture(HISTORY_VOO));
    const cases: [string, unknown, RegExp][] = [
      ['GET iserver/marketdata/history', { ...body, data: undefined }, /data is not a list/],
      [
        'GET iserver/marketdata/history',
        { ...body, data: body.data.map((bar: object, index: number) => (index === 2 ? { ...bar, h: '365.18' } : bar)) },
        /data\[2\]\.h is not a number \(got "365\.18"\)/,
      ],
      [
        'GET iserver/marketdata/history',
        { ...body, data: [{ ...body.data[0], t: 1.5 }] },
        /data\[0\]\.t is not epoch milliseconds/,
      ],
      ['GET iserver/marketdata/history', { ...body, data: [null] }, /data\[0\] is not an object/],
      ['GET iserver/marketdata/history', [], /\(body\) is not an object/],
    ];
    for (const [key, answer, message] of cases) {
      answers.set(key, ok(JSON.stringify(answer)));
      const error = await failure(query('bars', { conid: 136155102, timeframe: '1d' }));
      expect(error.code).toBe('DATA_SOURCE_ERROR');
      expect(error.message).toMatch(message);
      expect(error.details.provider).toBe('ibkr');
    }
    const search = JSON.parse(fixture(SEARCH_IBM));
    answers.set('GET iserver/secdef/search', ok(JSON.stringify([{ ...search[0], conid: {} }])));
    expect(await failure(query('search', { symbol: 'IBM' }))).toMatchObject({ details: { field: '[0].conid' } });
    answers.set('GET iserver/secdef/search', ok(JSON.stringify([{ ...search[0], sections: [{ secType: 5 }] }])));
    expect(await failure(query('search', { symbol: 'IBM' }))).toMatchObject({ details: { field: '[0].sections[0].secType' } });
    answers.set('GET iserver/secdef/search', ok('{}'));
    expect((await failure(query('search', { symbol: 'IBM' }))).message).toMatch(/\(body\) is not a list/);
    const stocks = JSON.parse(fixture(STOCKS_VOO));
    stocks.VOO[0].contracts[1].conid = 'ARCA';
    answers.set('GET trsrv/stocks', ok(JSON.stringify(stocks)));
    expect(await failure(query('stocks', { symbols: 'VOO' }))).toMatchObject({ details: { field: 'VOO[0].contracts[1].conid' } });
    answers.set('GET trsrv/stocks', ok('{"VOO": {}}'));
    expect(await failure(query('stocks', { symbols: 'VOO' }))).toMatchObject({ details: { field: 'VOO' } });
    answers.set('GET iserver/marketdata/history', { status: 200, body: '<html>Access Denied</html>' });
    expect((await failure(query('bars', { conid: 8314, timeframe: '1d' }))).message).toMatch(/not JSON/);
  });

  it('refuses bad params before sending anything', async () => {
    const missing = await failure(query('bars', { timeframe: '1d' }));
    expect(missing).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.symbol' }] });
    expect(await failure(query('bars', { conid: -3, timeframe: '1d' }))).toMatchObject({ fields: [{ path: 'params.conid' }] });
    expect(await failure(query('bars', { conid: 1, timeframe: '2h' }))).toMatchObject({ fields: [{ path: 'params.timeframe' }] });
    expect(await failure(query('quote', { symbol: 'IBM', secType: 'OPT' }))).toMatchObject({
      fields: [{ path: 'params.secType' }],
    });
    expect(await failure(query('stocks', { symbols: ' , ' }))).toMatchObject({ fields: [{ path: 'params.symbols' }] });
    expect(requests).toHaveLength(0);
    expect(() => plugin.setup(context({ baseUrl: 'localhost:5000' }))).toThrow(/config\.baseUrl must be an http\(s\) URL/);
  });

  it('lets an aborted query end as an abort, not as a gateway error', async () => {
    answers.set('GET iserver/marketdata/history', ok(fixture(HISTORY_VOO)));
    const controller = new AbortController();
    controller.abort();
    const error = await sources
      .bars!.query({ params: { conid: 1, timeframe: '1d' }, range: ALL_TIME, maxPoints: 10 }, controller.signal)
      .catch((reason: unknown) => reason);
    expect(isNautilusError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('IBKR gateway that is down or not trusted', () => {
  const range = ALL_TIME;
  const signal = new AbortController().signal;

  it('says to start the gateway when nothing answers at baseUrl (connection refused)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const baseUrl = `http://127.0.0.1:${port}/v1/api`;
    const sources = (await plugin.setup(context({ baseUrl }))).dataSources!;
    const error = await failure(sources.accounts!.query({ params: {}, range, maxPoints: 10 }, signal));
    expect(error).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      details: { reason: 'unreachable', endpoint: 'portfolio/accounts' },
    });
    expect(error.message).toBe(
      `No IBKR Client Portal gateway answers at ${baseUrl}: start it (bin/run.sh root/conf.yaml) or fix baseUrl.`,
    );
  });

  it('says to allow the self-signed certificate when TLS refuses it, and names other network failures', async () => {
    const refusing: PluginContext['fetch'] = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
        }),
      );
    const sources = (await plugin.setup(context({}, refusing))).dataSources!;
    const error = await failure(sources.stocks!.query({ params: { symbols: 'VOO' }, range, maxPoints: 10 }, signal));
    expect(error).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { reason: 'self-signed-certificate' } });
    expect(error.message).toMatch(
      /gateway at https:\/\/localhost:5000\/v1\/api uses a self-signed certificate: set "baseUrl" and "allowSelfSignedTls": true/,
    );
    // localhost and ::1 both refusing arrive as an AggregateError.
    const bothRefused: PluginContext['fetch'] = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], 'connect failed'),
        }),
      );
    const down = (await plugin.setup(context({}, bothRefused))).dataSources!;
    expect((await failure(down.accounts!.query({ params: {}, range, maxPoints: 1 }, signal))).message).toMatch(
      /^No IBKR Client Portal gateway answers at https:\/\/localhost:5000\/v1\/api/,
    );
    const reset: PluginContext['fetch'] = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));
    const flaky = (await plugin.setup(context({}, reset))).dataSources!;
    expect((await failure(flaky.accounts!.query({ params: {}, range, maxPoints: 1 }, signal))).message).toMatch(
      /Could not reach the IBKR Client Portal gateway .*fetch failed/,
    );
  });
});

describe('IBKR periods, times and manifest', () => {
  it('picks the shortest period IBKR takes that covers a span', () => {
    expect(periodFor(60_000)).toBe('1min');
    expect(periodFor(30 * 60_000)).toBe('30min');
    expect(periodFor(31 * 60_000)).toBe('1h');
    expect(periodFor(8 * HOUR)).toBe('8h');
    expect(periodFor(8 * HOUR + 1)).toBe('1d');
    expect(periodFor(1000 * 86_400_000)).toBe('1000d');
    expect(periodFor(1001 * 86_400_000)).toBe('143w');
    expect(periodFor(40 * 365 * 86_400_000)).toBe('15y');
    expect(ibkrTime(Date.parse('2023-01-09T14:30:05Z'))).toBe('20230109-14:30:05');
  });

  it('declares the gateway hosts, no secrets and the documented 10 requests a second', () => {
    expect(manifest.id).toBe('nautilus.ibkr');
    expect(manifest.permissions).toEqual({
      network: ['localhost:5000', 'api.ibkr.com'],
      secrets: [],
      rateLimits: [
        { host: 'localhost:5000', requests: 10, perSeconds: 1 },
        { host: 'api.ibkr.com', requests: 10, perSeconds: 1 },
      ],
    });
    expect(manifest.contributes.dataSources!.map((source) => [source.id, source.frames])).toEqual([
      ['bars', ['ohlcv']],
      ['search', ['table']],
      ['stocks', ['table']],
      ['quote', ['scalar']],
      ['accounts', ['table']],
    ]);
    expect(manifest.description).toMatch(/allowSelfSignedTls/);
  });
});
