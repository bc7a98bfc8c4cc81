import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, PluginContext, TableFrame, TimeSeriesFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDisplayNumber } from './display-number.ts';
import plugin from './index.ts';
import { manifest } from './manifest.ts';

const CALENDAR_FIXTURE = 'calendar-country-All-2023-01-01_2023-06-06-subset.json';
const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');
const recordedCalendar = JSON.parse(fixture(CALENDAR_FIXTURE)) as Record<string, unknown>[];

/** What the loopback Trading Economics answers a path (decoded, without the base): a body, or one made from the request. */
type Answer = { status: number; body: string; headers?: Record<string, string> };
const answers = new Map<string, Answer | ((url: URL) => Answer)>();
const requests: URL[] = [];
/** What the loopback server answers a path no entry of `answers` names. */
let fallback: ((url: URL) => Answer) | undefined;
const KEY = 'test-key:test-secret';

/** What the host gives the plugin, with the global fetch (the host's own fetch rules are tested in core). */
function context(config: Record<string, unknown>, apiKey: string | null = KEY): PluginContext {
  return pluginTestContext({
    pluginId: 'nautilus.trading-economics',
    config,
    secrets: { TRADINGECONOMICS_API_KEY: apiKey ?? undefined },
  });
}

const failure = caughtError;

const UTC = (time: string) => Date.parse(`${time}Z`);
const DAY = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** The recorded call: 2023-01-01 to 2023-06-06 inclusive, i.e. [2023-01-01, 2023-06-07). */
const RECORDED_RANGE = { from: DAY('2023-01-01'), to: DAY('2023-06-07') };
const json = (body: unknown): Answer => ({ status: 200, body: JSON.stringify(body) });

/**
 * SYNTHETIC calendar rows: the recorded Taiwan release with another CalendarId and Date. Only used
 * to reach the 1,000-row cap, which the recorded subset cannot.
 */
const syntheticCalendarRow = (id: number, date: string) => ({ ...recordedCalendar[3], CalendarId: String(id), Date: date });

/**
 * SYNTHETIC historical rows. No recorded /historical answer exists; these follow the row shape
 * Trading Economics documents for it: Country, Category, DateTime, Value, Frequency,
 * HistoricalDataSymbol, LastUpdate.
 */
const historicalRow = (dateTime: string, value: unknown) => ({
  Country: 'Sweden',
  Category: 'GDP Growth Rate',
  DateTime: dateTime,
  Value: value,
  Frequency: 'Quarterly',
  HistoricalDataSymbol: 'SWEDENGDPQQ',
  LastUpdate: '2023-02-28T08:13:00',
});

/**
 * SYNTHETIC /country/{country} rows, following the fields Trading Economics documents for them
 * (Country, Category, Title, LatestValueDate, LatestValue, PreviousValue, Unit, Frequency, Source,
 * HistoricalDataSymbol …); no recorded answer exists.
 */
const indicatorRows = [
  {
    Country: 'Mexico',
    Category: 'GDP Growth Rate',
    Title: 'Mexico GDP Growth Rate',
    LatestValueDate: '2023-03-31T00:00:00',
    LatestValue: 1.1,
    Source: 'Instituto Nacional de Estadística y Geografía (INEGI)',
    SourceURL: 'https://www.inegi.org.mx',
    Unit: 'percent',
    URL: '/mexico/gdp-growth',
    CategoryGroup: 'GDP',
    Adjustment: 'Seasonally adjusted',
    Frequency: 'Quarterly',
    HistoricalDataSymbol: 'MXNFCAST',
    CreateDate: '2012-04-25T12:51:00',
    FirstValueDate: '1980-03-31T00:00:00',
    PreviousValue: 0.5,
    PreviousValueDate: '2022-12-31T00:00:00',
  },
  {
    Country: 'Mexico',
    Category: 'Interest Rate',
    Title: 'Mexico Interest Rate',
    LatestValueDate: null,
    LatestValue: null,
    Source: '',
    Unit: 'percent',
    Frequency: 'Daily',
    HistoricalDataSymbol: 'MXONBR',
    PreviousValue: null,
  },
];

describe('Trading Economics plugin against a recorded calendar answer and documented row shapes', () => {
  let server: Server;
  let baseUrl: string;
  let sources: Record<string, DataSource<any>>;
  const signal = new AbortController().signal;
  const query = (source: string, params: Record<string, unknown>, range = RECORDED_RANGE, maxPoints = 100_000) =>
    sources[source]!.query({ params, range, maxPoints }, signal);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://te.test');
      requests.push(url);
      const scripted = answers.get(decodeURIComponent(url.pathname.replace(/^\/te\//, '')));
      const answer =
        typeof scripted === 'function'
          ? scripted(url)
          : (scripted ?? fallback?.(url) ?? { status: 404, body: '{"Message":"No route"}' });
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/te`;
    sources = (await plugin.setup(context({ baseUrl }))).dataSources ?? {};
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
    fallback = undefined;
  });

  describe('calendar', () => {
    it('turns the recorded calendar into a table: UTC times, holidays kept, display strings and their numbers', async () => {
      answers.set('calendar/country/All/2023-01-01/2023-06-06', { status: 200, body: fixture(CALENDAR_FIXTURE) });
      const [table] = (await query('calendar', {})) as TableFrame[];
      expect(requests).toHaveLength(1);
      expect(requests[0]!.pathname).toBe('/te/calendar/country/All/2023-01-01/2023-06-06');
      expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ c: KEY, f: 'json' });
      expect(table!.columns.map((column) => column.name)).toEqual([
        'time',
        'country',
        'category',
        'event',
        'importance',
        'actual',
        'previous',
        'forecast',
        'teForecast',
        'revised',
        'actualValue',
        'forecastValue',
        'previousValue',
        'unit',
        'ticker',
        'id',
      ]);
      expect(table!.rows).toHaveLength(9);
      const nulls = (count: number) => Array<null>(count).fill(null);
      // Holidays stay, with every figure null; the recorded ticker is cut short upstream and kept as is.
      expect(table!.rows.slice(0, 3)).toEqual([
        [DAY('2023-01-01'), 'Angola', 'Holidays', 'New Year’s Day', 1, ...nulls(9), 'HOLIDAYSANGOLA', '332979'],
        [DAY('2023-01-01'), 'Azerbaijan', 'Holidays', "New Year's Day", 1, ...nulls(9), 'HOLIDAYSAZERBAIJAN', '287003'],
        [
          DAY('2023-01-01'),
          'Bosnia and Herzegovina',
          'Holidays',
          'New Year’s Day',
          1,
          ...nulls(9),
          'HOLIDAYSBOSNIA AND',
          '333123',
        ],
      ]);
      expect(table!.rows[3]).toEqual([
        UTC('2023-01-06T08:00:00'),
        'Taiwan',
        'Inflation Rate',
        'Inflation Rate YoY',
        1,
        '2.71%',
        '2.35%',
        '2.5%',
        '2.2%',
        null,
        2.71,
        2.5,
        2.35,
        '%',
        'TAIWANCPI',
        '314861',
      ]);
      // "$424B": the currency symbol dropped, B scales by 1e9; no forecast is null.
      expect(table!.rows[4]).toEqual([
        UTC('2023-01-06T08:30:00'),
        'Hong Kong',
        'Foreign Exchange Reserves',
        'Foreign Exchange Reserves',
        1,
        '$424B',
        '$423.2B',
        null,
        null,
        null,
        424e9,
        null,
        423.2e9,
        'B',
        'HONGKONGFOREXCRES',
        '314868',
      ]);
      // A plain number, with a revision of the previous figure and no unit.
      expect(table!.rows[5]!.slice(5, 14)).toEqual(['132.4', '135', null, null, '135.7', 132.4, null, 135, null]);
      expect(table!.rows[6]!.slice(0, 5)).toEqual([
        UTC('2023-01-06T09:30:00'),
        'United Kingdom',
        'Construction PMI',
        'S&P Global/CIPS Construction PMI',
        2,
      ]);
      expect(table!.rows[6]!.slice(10, 13)).toEqual([48.8, 49.6, 50.4]);
      // Negative percentages; two events at the same time keep Trading Economics' order.
      expect(table!.rows[7]!.slice(0, 1)).toEqual([UTC('2023-01-06T10:00:00')]);
      expect(table!.rows[7]!.slice(5, 16)).toEqual([
        '0.8%',
        '-1.5%',
        '0.5%',
        '0.5%',
        '-1.8%',
        0.8,
        0.5,
        -1.5,
        '%',
        'EMURETAILSALESMOM',
        '314915',
      ]);
      expect(table!.rows[8]!.slice(5, 13)).toEqual(['-0.3%', '-0.1%', null, '0.1%', null, -0.3, null, -0.1]);
      const times = table!.rows.map((row) => row[0] as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('filters by minimum importance, keeps the range and the latest maxPoints, and sends countries in lower case', async () => {
      answers.set('calendar/country/All/2023-01-01/2023-06-06', { status: 200, body: fixture(CALENDAR_FIXTURE) });
      const [important] = (await query('calendar', { importance: 2 })) as TableFrame[];
      expect(important!.rows.map((row) => row[15])).toEqual(['314885', '314915', '314922']);
      expect(requests[0]!.searchParams.has('importance')).toBe(false);

      answers.set('calendar/country/All/2023-01-06/2023-01-06', { status: 200, body: fixture(CALENDAR_FIXTURE) });
      const morning = { from: UTC('2023-01-06T08:30:00'), to: UTC('2023-01-06T10:00:00') };
      const [window] = (await query('calendar', { country: 'All' }, morning)) as TableFrame[];
      expect(window!.rows.map((row) => row[1])).toEqual(['Hong Kong', 'World', 'United Kingdom']);
      const [latest] = (await query('calendar', { country: 'All' }, morning, 2)) as TableFrame[];
      expect(latest!.rows.map((row) => row[1])).toEqual(['World', 'United Kingdom']);

      answers.set('calendar/country/united states,euro area/2023-01-01/2023-06-06', json([]));
      const [empty] = (await query('calendar', { country: ' United States , Euro  Area' })) as TableFrame[];
      expect(requests.at(-1)!.pathname).toBe('/te/calendar/country/united%20states,euro%20area/2023-01-01/2023-06-06');
      expect(empty).toMatchObject({ kind: 'table', rows: [] });
      expect(empty!.columns).toHaveLength(16);

      const unnamed = await failure(query('calendar', { country: ' , ' }));
      expect(unnamed).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.country' }] });
    });

    it('splits a range whose answer fills the 1,000-row cap into halves and de-duplicates by CalendarId', async () => {
      // SYNTHETIC answers: 1,000 rows for the whole range (it may have been cut), 600 for each half,
      // the last row of the first half repeated as the first of the second.
      const rows = (first: number, count: number, date: string) =>
        Array.from({ length: count }, (_, index) => syntheticCalendarRow(first + index, date));
      answers.set('calendar/country/All/2023-03-01/2023-03-04', json(rows(1, 1000, '2023-03-01T12:00:00')));
      answers.set('calendar/country/All/2023-03-01/2023-03-02', json(rows(1, 600, '2023-03-02T12:00:00')));
      answers.set('calendar/country/All/2023-03-03/2023-03-04', json(rows(600, 600, '2023-03-03T12:00:00')));
      const [table] = (await query('calendar', {}, { from: DAY('2023-03-01'), to: DAY('2023-03-05') })) as TableFrame[];
      expect(requests.map((url) => url.pathname.slice('/te/calendar/country/All/'.length))).toEqual([
        '2023-03-01/2023-03-04',
        '2023-03-01/2023-03-02',
        '2023-03-03/2023-03-04',
      ]);
      expect(table!.rows).toHaveLength(1199);
      expect(new Set(table!.rows.map((row) => row[15])).size).toBe(1199);
      expect(table!.rows[0]!.slice(0, 2)).toEqual([UTC('2023-03-02T12:00:00'), 'Taiwan']);
      expect(table!.rows[599]![15]).toBe('600');
      expect(table!.rows[599]![0]).toBe(UTC('2023-03-02T12:00:00'));
      expect(table!.rows.at(-1)!.slice(0, 1)).toEqual([UTC('2023-03-03T12:00:00')]);
    });

    it('fails rather than truncating when the cap is still full after 6 splits, or on a single full day', async () => {
      const full = json(Array.from({ length: 1000 }, (_, index) => syntheticCalendarRow(index, '2023-03-01T12:00:00')));
      answers.set('calendar/country/All/2023-03-01/2023-03-01', full);
      const day = await failure(query('calendar', {}, { from: DAY('2023-03-01'), to: DAY('2023-03-02') }));
      expect(day).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { provider: 'trading-economics' } });
      expect(day.message).toMatch(/1000-row maximum .* between 2023-03-01 and 2023-03-01 .* narrow the time range/);
      expect(requests).toHaveLength(1);

      // Every range answers in full: each request halves the one before, down 6 levels, then stops.
      requests.length = 0;
      answers.clear();
      fallback = (url) => (url.pathname.includes('/calendar/') ? full : { status: 404, body: '' });
      const deep = await failure(query('calendar', {}, { from: DAY('2021-01-01'), to: DAY('2023-01-01') }));
      expect(deep.message).toMatch(/even after splitting the range 6 times/);
      const days = requests.map((url) => {
        const [from, to] = url.pathname.split('/').slice(-2);
        return (DAY(to!) - DAY(from!)) / 86_400_000 + 1;
      });
      expect(days).toEqual([730, 365, 183, 92, 46, 23, 12]);
    });

    it('uses guest access without a key for the guest countries only, and never sends the key in a message', async () => {
      const keyless = (await plugin.setup(context({ baseUrl }, null))).dataSources!;
      const refused = await failure(keyless.calendar!.query({ params: {}, range: RECORDED_RANGE, maxPoints: 10 }, signal));
      expect(refused.code).toBe('DATA_SOURCE_ERROR');
      expect(refused.message).toMatch(/set NAUTILUS_SECRET_TRADINGECONOMICS_API_KEY/);
      expect(refused.message).toMatch(/Sweden, Mexico, New Zealand and Thailand/);
      expect(
        (
          await failure(
            keyless.calendar!.query({ params: { country: 'sweden,germany' }, range: RECORDED_RANGE, maxPoints: 10 }, signal),
          )
        ).code,
      ).toBe('DATA_SOURCE_ERROR');
      expect(requests).toHaveLength(0);

      answers.set('calendar/country/sweden,new zealand/2023-01-01/2023-06-06', json([]));
      await keyless.calendar!.query({ params: { country: 'Sweden,New Zealand' }, range: RECORDED_RANGE, maxPoints: 10 }, signal);
      expect(requests[0]!.searchParams.get('c')).toBe('guest:guest');

      answers.set('calendar/country/All/2023-01-01/2023-06-06', {
        status: 401,
        body: JSON.stringify({ Message: `Invalid credentials: ${KEY}` }),
      });
      const bad = await failure(query('calendar', {}));
      expect(bad).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { status: 401 } });
      expect(bad.message).toMatch(/refused the API key .* NAUTILUS_SECRET_TRADINGECONOMICS_API_KEY/);
      expect(bad.message).not.toContain('test-key');
      expect(bad.message).not.toContain('test-secret');
      expect(JSON.stringify(bad.details)).not.toContain('test-key');

      answers.set('calendar/country/thailand/2023-01-01/2023-06-06', { status: 403, body: 'No Access' });
      const guest = await failure(
        keyless.calendar!.query({ params: { country: 'thailand' }, range: RECORDED_RANGE, maxPoints: 10 }, signal),
      );
      expect(guest).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { status: 403 } });
      expect(guest.message).toMatch(/refused guest access .* \(No Access\): set NAUTILUS_SECRET_TRADINGECONOMICS_API_KEY/);
    });
  });

  describe('historical (synthetic answers in the documented row shape)', () => {
    it('turns the rows into one series named "{Country} {Category}", oldest first, null values left out', async () => {
      answers.set(
        'historical/country/sweden/indicator/gdp growth rate/2022-01-01/2022-12-31',
        json([
          historicalRow('2022-12-31T00:00:00', -0.6),
          historicalRow('2022-03-31T00:00:00', 0.6),
          historicalRow('2022-06-30T00:00:00', null),
          historicalRow('2022-09-30T00:00:00', 0.7),
        ]),
      );
      const keyless = (await plugin.setup(context({ baseUrl }, null))).dataSources!;
      const [frame] = (await keyless.historical!.query(
        {
          params: { country: 'Sweden', indicator: 'GDP Growth Rate' },
          range: { from: DAY('2022-01-01'), to: DAY('2023-01-01') },
          maxPoints: 100,
        },
        signal,
      )) as TimeSeriesFrame[];
      expect(requests[0]!.pathname).toBe('/te/historical/country/sweden/indicator/gdp%20growth%20rate/2022-01-01/2022-12-31');
      expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ c: 'guest:guest', f: 'json' });
      expect(frame).toEqual({
        kind: 'timeseries',
        series: [
          {
            name: 'Sweden GDP Growth Rate',
            time: [DAY('2022-03-31'), DAY('2022-09-30'), DAY('2022-12-31')],
            values: [0.6, 0.7, -0.6],
          },
        ],
      });
      const [recent] = (await keyless.historical!.query(
        {
          params: { country: 'Sweden', indicator: 'GDP Growth Rate' },
          range: { from: DAY('2022-01-01'), to: DAY('2023-01-01') },
          maxPoints: 1,
        },
        signal,
      )) as TimeSeriesFrame[];
      expect(recent!.series[0]).toMatchObject({ time: [DAY('2022-12-31')], values: [-0.6] });
    });

    it('answers an empty range with an empty series, and splits an answer of exactly 10,000 rows', async () => {
      answers.set('historical/country/sweden/indicator/gdp growth rate/2050-01-01/2050-12-31', json([]));
      const [empty] = (await query(
        'historical',
        { country: 'sweden', indicator: 'gdp growth rate' },
        { from: DAY('2050-01-01'), to: DAY('2051-01-01') },
      )) as TimeSeriesFrame[];
      expect(empty!.series).toEqual([{ name: 'sweden gdp growth rate', time: [], values: [] }]);

      // SYNTHETIC: minute points; the whole range answers the 10,000-row cap, each half less, with one overlap.
      const minutes = (start: string, count: number) =>
        Array.from({ length: count }, (_, index) =>
          historicalRow(new Date(UTC(start) + index * 60_000).toISOString().slice(0, 19), index),
        );
      answers.set(
        'historical/country/sweden/indicator/gdp growth rate/2020-01-01/2020-01-02',
        json(minutes('2020-01-01T00:00:00', 10_000)),
      );
      answers.set(
        'historical/country/sweden/indicator/gdp growth rate/2020-01-01/2020-01-01',
        json(minutes('2020-01-01T00:00:00', 1440)),
      );
      answers.set(
        'historical/country/sweden/indicator/gdp growth rate/2020-01-02/2020-01-02',
        json(minutes('2020-01-01T23:59:00', 1441)),
      );
      const [split] = (await query(
        'historical',
        { country: 'sweden', indicator: 'gdp growth rate' },
        { from: DAY('2020-01-01'), to: DAY('2020-01-03') },
      )) as TimeSeriesFrame[];
      expect(requests.slice(1).map((url) => url.pathname.split('/').slice(-2).join('/'))).toEqual([
        '2020-01-01/2020-01-02',
        '2020-01-01/2020-01-01',
        '2020-01-02/2020-01-02',
      ]);
      const [series] = split!.series;
      expect(series!.time).toHaveLength(2880);
      expect(series!.time.every((time, index) => index === 0 || time - series!.time[index - 1]! === 60_000)).toBe(true);
      // The repeated minute (23:59) keeps the later answer's value.
      expect(series!.values[1439]).toBe(0);
      expect(series!.values.at(-1)).toBe(1440);
    });

    it('names the field of a malformed row', async () => {
      const path = 'historical/country/sweden/indicator/gdp growth rate/2022-01-01/2022-12-31';
      const good = historicalRow('2022-03-31T00:00:00', 0.6);
      const cases: [unknown, RegExp, string][] = [
        [[good, historicalRow('2022-06-30T00:00:00', '0.7')], /\[1\]\.Value is not a number \(got "0\.7"\)/, '[1].Value'],
        [[{ ...good, DateTime: '31/03/2022' }], /\[0\]\.DateTime is not a date-time/, '[0].DateTime'],
        [[{ ...good, Country: 7 }], /\[0\]\.Country is not a name/, '[0].Country'],
        [[{ ...good, Frequency: 4 }], /\[0\]\.Frequency is not a string/, '[0].Frequency'],
        [[null], /\[0\] is not an object/, '[0]'],
      ];
      for (const [body, message, field] of cases) {
        answers.set(path, json(body));
        const error = await failure(
          query(
            'historical',
            { country: 'sweden', indicator: 'gdp growth rate' },
            { from: DAY('2022-01-01'), to: DAY('2023-01-01') },
          ),
        );
        expect(error.code).toBe('DATA_SOURCE_ERROR');
        expect(error.message).toMatch(message);
        expect(error.message).toContain('historical/country/sweden/indicator/gdp growth rate/2022-01-01/2022-12-31');
        expect(error.details).toMatchObject({ provider: 'trading-economics', field });
      }
    });
  });

  describe('indicators (synthetic answers in the documented row shape)', () => {
    it('lists a country’s indicators with latest and previous values, nulls where Trading Economics has none', async () => {
      answers.set('country/mexico', json(indicatorRows));
      const [table] = (await query('indicators', { country: 'Mexico' })) as TableFrame[];
      expect(requests[0]!.pathname).toBe('/te/country/mexico');
      expect(table!.columns.map((column) => column.name)).toEqual([
        'category',
        'title',
        'latestValue',
        'latestValueDate',
        'previousValue',
        'unit',
        'frequency',
        'source',
        'historicalDataSymbol',
      ]);
      expect(table!.rows).toEqual([
        [
          'GDP Growth Rate',
          'Mexico GDP Growth Rate',
          1.1,
          DAY('2023-03-31'),
          0.5,
          'percent',
          'Quarterly',
          'Instituto Nacional de Estadística y Geografía (INEGI)',
          'MXNFCAST',
        ],
        ['Interest Rate', 'Mexico Interest Rate', null, null, null, 'percent', 'Daily', null, 'MXONBR'],
      ]);
      expect(((await query('indicators', { country: 'Mexico' }, RECORDED_RANGE, 1)) as TableFrame[])[0]!.rows).toHaveLength(1);
      answers.set('country/mexico', json([]));
      expect(((await query('indicators', { country: 'mexico' })) as TableFrame[])[0]!.rows).toEqual([]);
    });

    it('names the field of a malformed row', async () => {
      const cases: [unknown, string][] = [
        [[{ ...indicatorRows[0], LatestValue: '1.1' }], '[0].LatestValue'],
        [[indicatorRows[1], { ...indicatorRows[0], LatestValueDate: 'yesterday' }], '[1].LatestValueDate'],
        [[{ ...indicatorRows[0], Category: null }], '[0].Category'],
        [[{ ...indicatorRows[0], Unit: 5 }], '[0].Unit'],
      ];
      for (const [body, field] of cases) {
        answers.set('country/mexico', json(body));
        const error = await failure(query('indicators', { country: 'mexico' }));
        expect(error).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { endpoint: 'country/mexico', field } });
        expect(error.message).toContain(`country/mexico answer is malformed: ${field}`);
      }
    });
  });

  describe('failures', () => {
    const path = 'calendar/country/All/2023-01-01/2023-06-06';

    it('turns 429 (with and without Retry-After) and 409 into RATE_LIMITED, and 500 into DATA_SOURCE_ERROR', async () => {
      answers.set(path, { status: 429, body: '', headers: { 'retry-after': '3' } });
      expect(await failure(query('calendar', {}))).toMatchObject({
        code: 'RATE_LIMITED',
        details: { provider: 'trading-economics', endpoint: path, status: 429, retryAfterSeconds: 3 },
      });
      answers.set(path, { status: 429, body: 'Too Many Requests' });
      const plain = await failure(query('calendar', {}));
      expect(plain.code).toBe('RATE_LIMITED');
      expect(plain.details.retryAfterSeconds).toBeUndefined();
      expect(plain.message).toMatch(/try again shortly/);
      answers.set(path, { status: 409, body: '{"Message":"Too many requests"}' });
      expect(await failure(query('calendar', {}))).toMatchObject({ code: 'RATE_LIMITED', details: { status: 409 } });
      answers.set(path, { status: 500, body: '<html>error</html>' });
      expect(await failure(query('calendar', {}))).toMatchObject({
        code: 'DATA_SOURCE_ERROR',
        details: { provider: 'trading-economics', endpoint: path, status: 500 },
      });
      answers.set('country/atlantis', { status: 404, body: '{"Message":"No data"}' });
      expect(await failure(query('indicators', { country: 'atlantis' }))).toMatchObject({ code: 'NOT_FOUND' });
      answers.set(path, { status: 400, body: '{"Message":"Invalid date"}' });
      expect((await failure(query('calendar', {}))).message).toBe(
        `Trading Economics refused the request (${path}) (Invalid date).`,
      );
    });

    it('names the endpoint and the field of an HTML page, malformed JSON, a non-list or a wrong-typed field', async () => {
      const cases: [string, RegExp, string][] = [
        [
          '<!DOCTYPE html><html><body>Maintenance</body></html>',
          /HTML page instead of JSON for calendar\/country\/All/,
          '(body)',
        ],
        ['[{"CalendarId": "1",', /not JSON for calendar\/country\/All\/2023-01-01\/2023-06-06/, '(body)'],
        ['{"Message":"No Access to this feature."}', /\(body\) is not a list \(No Access to this feature\.\)/, '(body)'],
        [
          JSON.stringify(recordedCalendar.map((row, index) => (index === 3 ? { ...row, Actual: 2.71 } : row))),
          /calendar\/country\/All\/2023-01-01\/2023-06-06 answer is malformed: \[3\]\.Actual is not a string \(got number\)/,
          '[3].Actual',
        ],
        [JSON.stringify([{ ...recordedCalendar[0], Date: 'Jan 1' }]), /\[0\]\.Date is not a date-time/, '[0].Date'],
        [JSON.stringify([{ ...recordedCalendar[0], Importance: 'high' }]), /\[0\]\.Importance is not a number/, '[0].Importance'],
        [JSON.stringify([{ ...recordedCalendar[0], CalendarId: null }]), /\[0\]\.CalendarId is not an id/, '[0].CalendarId'],
        [JSON.stringify([{ ...recordedCalendar[0], Event: undefined }]), /\[0\]\.Event is missing/, '[0].Event'],
      ];
      for (const [body, message, field] of cases) {
        answers.set(path, { status: 200, body });
        const error = await failure(query('calendar', {}));
        expect(error.code, body.slice(0, 40)).toBe('DATA_SOURCE_ERROR');
        expect(error.message, body.slice(0, 40)).toMatch(message);
        expect(error.details).toMatchObject({ provider: 'trading-economics', endpoint: path, field });
      }
    });

    it('sends nothing when the signal is already aborted', async () => {
      answers.set(path, { status: 200, body: fixture(CALENDAR_FIXTURE) });
      const aborted = AbortSignal.abort(new Error('cancelled by the test'));
      await expect(sources.calendar!.query({ params: {}, range: RECORDED_RANGE, maxPoints: 10 }, aborted)).rejects.toThrow(
        'cancelled by the test',
      );
      expect(requests).toHaveLength(0);
    });

    it('refuses a base URL that is not http(s), naming the setting', async () => {
      const error = await failure(Promise.resolve().then(() => plugin.setup(context({ baseUrl: 'ftp://x' }))));
      expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'config.baseUrl' }] });
    });
  });
});

describe('display strings', () => {
  it('parses currency symbols, signs, percentages, thousands separators and K/M/B/T scales', () => {
    expect(parseDisplayNumber('$424B')).toEqual({ value: 424e9, unit: '', scale: 'B' });
    expect(parseDisplayNumber('$423.2B')).toEqual({ value: 423.2e9, unit: '', scale: 'B' });
    expect(parseDisplayNumber('2.71%')).toEqual({ value: 2.71, unit: '%', scale: '' });
    expect(parseDisplayNumber('-1.5%')?.value).toBe(-1.5);
    expect(parseDisplayNumber('€-3.2M')?.value).toBe(-3.2e6);
    expect(parseDisplayNumber('-$5T')?.value).toBe(-5e12);
    expect(parseDisplayNumber('1,234.5K')?.value).toBe(1_234_500);
    expect(parseDisplayNumber('¥ 12.5 B')?.value).toBe(12.5e9);
    expect(parseDisplayNumber('0.25 bps')).toEqual({ value: 0.25, unit: 'bps', scale: '' });
    expect(parseDisplayNumber('132.4')).toEqual({ value: 132.4, unit: '', scale: '' });
    for (const text of ['', 'N/A', '-', '1.2-1.5%', '12/13', '--5', 'abcdef5']) expect(parseDisplayNumber(text), text).toBeNull();
  });

  it('declares the documented limits and the one secret in the manifest', () => {
    expect(manifest.id).toBe('nautilus.trading-economics');
    expect(manifest.permissions).toEqual({
      network: ['api.tradingeconomics.com'],
      secrets: ['TRADINGECONOMICS_API_KEY'],
      rateLimits: [{ host: 'api.tradingeconomics.com', requests: 2, perSeconds: 1 }],
    });
  });
});
