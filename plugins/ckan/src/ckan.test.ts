import { readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DataSource, isNautilusError, type PluginContext, type TableFrame, type TimeSeriesFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import plugin from './index.ts';

const SEARCH = 'package_search-demo.ckan.org-rows3-facets.json';
const SHOW = 'package_show-demo.ckan.org-17be64bb-with-organization.json';
const LIST = 'package_list-demo.ckan.org-edited.json';
const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

/** What the loopback CKAN answers, by path: a recorded body or a scripted one. */
const answers = new Map<string, { status: number; body: string; headers?: OutgoingHttpHeaders }>();
const requests: URL[] = [];

function context(config: Record<string, unknown>): PluginContext {
  return pluginTestContext({ pluginId: 'nautilus.ckan', config });
}

const failure = caughtError;
const csv = (body: string) => ({ status: 200, body, headers: { 'content-type': 'text/csv' } });
const NOT_FOUND = '{"help": "h", "success": false, "error": {"__type": "Not Found Error", "message": "Not found"}}';

const ALL_TIME = { from: Date.parse('1900-01-01'), to: Date.parse('2100-01-01') };

describe('Data.gov (CKAN) plugin against recorded answers', () => {
  let server: Server;
  let origin: string;
  let port: number;
  let sources: Record<string, DataSource<any>>;
  const signal = new AbortController().signal;
  const query = (source: string, params: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    sources[source]!.query({ params, range, maxPoints }, signal);
  const setupWith = async (config: Record<string, unknown>) =>
    (await plugin.setup(context({ baseUrl: `${origin}/api/3/action`, ...config }))).dataSources ?? {};

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://ckan.test');
      requests.push(url);
      const answer = answers.get(url.pathname) ?? { status: 404, body: NOT_FOUND };
      if (answer.body === 'HANG') {
        // Headers only: the plugin must give up on the Content-Length alone.
        response.writeHead(answer.status, answer.headers);
        response.write('a,b\n');
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    sources = await setupWith({ allowedHosts: [`127.0.0.1:${port}`] });
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
  });

  it('turns package_search into one row per dataset: id, name, title, organization, formats, modified, resources', async () => {
    answers.set('/api/3/action/package_search', { status: 200, body: fixture(SEARCH) });
    const [table] = (await query('datasets', {
      q: 'species',
      organization: 'sdb',
      format: 'CSV',
      rows: 3,
      start: 6,
    })) as TableFrame[];
    expect(table!.columns).toEqual([
      { name: 'id', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'title', type: 'string' },
      { name: 'organization', type: 'string' },
      { name: 'formats', type: 'string' },
      { name: 'modified', type: 'time' },
      { name: 'resources', type: 'number' },
    ]);
    expect(table!.rows).toEqual([
      [
        '62513382-3b26-4bc8-9096-40b6ce8383c0',
        '100-validated-species-of-plants',
        '100 Validated Species of Plants',
        null, // "organization": null
        'CSV',
        Date.parse('2017-08-05T03:19:33.886Z'), // CKAN writes UTC without an offset, to the microsecond
        1,
      ],
      [
        '9c3036b8-f6ac-4a4e-9036-5a3cc90c3900',
        '1617in10-regulation-of-sale-of-overseas-properties-20170426-c',
        '規管海外物業銷售',
        null,
        'PDF',
        Date.parse('2017-08-26T02:30:50.550Z'),
        1,
      ],
      [
        '17be64bb-da74-4195-9bb8-565c39846af2',
        '2016-regione-asia-est-oceania-classi-di-eta',
        '2016 Regione Asia Est Oceania * Classi di età',
        'SDB',
        'CSV',
        Date.parse('2017-07-05T19:29:07.136Z'),
        1,
      ],
    ]);
    expect(requests[0]!.pathname).toBe('/api/3/action/package_search');
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({
      q: 'species',
      rows: '3',
      start: '6',
      fq: 'organization:"sdb" AND res_format:"CSV"',
    });
  });

  it('asks for 20 rows from the start by default, and no more rows than maxPoints', async () => {
    answers.set('/api/3/action/package_search', { status: 200, body: fixture(SEARCH) });
    await query('datasets', { q: '' });
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ q: '', rows: '20', start: '0' });
    await query('datasets', { q: 'x', rows: 500 }, ALL_TIME, 50);
    expect(requests[1]!.searchParams.get('rows')).toBe('50');
  });

  it("lists a dataset's files from package_show, saying which may be downloaded under allowedHosts", async () => {
    answers.set('/api/3/action/package_show', { status: 200, body: fixture(SHOW) });
    const [table] = (await query('dataset', { id: '17be64bb-da74-4195-9bb8-565c39846af2' })) as TableFrame[];
    expect(table!.columns).toEqual([
      { name: 'id', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'format', type: 'string' },
      { name: 'url', type: 'string' },
      { name: 'size', type: 'number', unit: 'bytes' },
      { name: 'modified', type: 'time' },
      { name: 'downloadable', type: 'boolean' },
    ]);
    const url =
      'https://demo.ckan.org/dataset/17be64bb-da74-4195-9bb8-565c39846af2/resource/a5cd573b-5565-48f1-9b2d-8726004cb020/download/20161231_rase.csv';
    expect(table!.rows).toEqual([
      [
        'a5cd573b-5565-48f1-9b2d-8726004cb020',
        '20161231_RASE.csv',
        'CSV',
        url,
        null, // "size": null
        Date.parse('2017-07-05T19:29:04.818Z'), // "last_modified": null, so when the file was created
        false, // demo.ckan.org is not an allowed host
      ],
    ]);
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ id: '17be64bb-da74-4195-9bb8-565c39846af2' });
    const wider = await setupWith({ allowedHosts: ['*.CKAN.org'] });
    const [allowed] = (await wider.dataset!.query(
      { params: { id: 'x' }, range: ALL_TIME, maxPoints: 10 },
      signal,
    )) as TableFrame[];
    expect(allowed!.rows[0]![6]).toBe(true);
  });

  it('lists dataset names from package_list, paged with limit and offset', async () => {
    answers.set('/api/3/action/package_list', { status: 200, body: fixture(LIST) });
    const [table] = (await query('packages', { limit: 3, offset: 3 })) as TableFrame[];
    expect(table).toEqual({
      kind: 'table',
      columns: [{ name: 'name', type: 'string' }],
      rows: [
        ['100-validated-species-of-plants'],
        ['1617in10-regulation-of-sale-of-overseas-properties-20170426-c'],
        ['2016-regione-asia-est-oceania-classi-di-eta'],
      ],
    });
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ limit: '3', offset: '3' });
    await query('packages', {});
    expect(Object.fromEntries(requests[1]!.searchParams)).toEqual({ limit: '100', offset: '0' });
  });

  it('charts a CSV file as time series: quoted fields, CRLF, a BOM, trailing empty lines, empty cells left out', async () => {
    answers.set(
      '/files/rates.csv',
      csv(
        '\ufeffdate,"rate, %",note,count\r\n2024-03-01,5.33,"said ""hold""",3\r\n2024-01-01,5.33,x,1\r\n2024-02-01,,missing,2\r\n\r\n\r\n',
      ),
    );
    const [frame] = (await query('resource', { url: `${origin}/files/rates.csv`, timeColumn: 'date' })) as TimeSeriesFrame[];
    const [jan, feb, mar] = ['2024-01-01', '2024-02-01', '2024-03-01'].map((day) => Date.parse(`${day}T00:00:00Z`));
    expect(frame).toEqual({
      kind: 'timeseries',
      series: [
        { name: 'rate, %', time: [jan, mar], values: [5.33, 5.33] },
        { name: 'count', time: [jan, feb, mar], values: [1, 2, 3] },
      ],
    });
    // Named value columns, the range [from, to) and maxPoints (the most recent kept).
    const [some] = (await query(
      'resource',
      { url: `${origin}/files/rates.csv`, timeColumn: 'date', valueColumns: ['count'] },
      { from: jan!, to: mar! + 1 },
      2,
    )) as TimeSeriesFrame[];
    expect(some!.series).toEqual([{ name: 'count', time: [feb, mar], values: [2, 3] }]);
    const [table] = (await query('resource', { url: `${origin}/files/rates.csv` })) as TableFrame[];
    expect(table).toEqual({
      kind: 'table',
      columns: [
        { name: 'date', type: 'string' },
        { name: 'rate, %', type: 'number' },
        { name: 'note', type: 'string' },
        { name: 'count', type: 'number' },
      ],
      rows: [
        ['2024-03-01', 5.33, 'said "hold"', 3],
        ['2024-01-01', 5.33, 'x', 1],
        ['2024-02-01', null, 'missing', 2],
      ],
    });
  });

  it('finds a resource by dataset and id or name through package_show, then downloads it', async () => {
    const shown = JSON.parse(fixture(SHOW));
    shown.result.resources[0].url = `${origin}/files/rase.csv`;
    answers.set('/api/3/action/package_show', { status: 200, body: JSON.stringify(shown) });
    answers.set('/files/rase.csv', csv('year,people\n2015,10\n2016,12\n'));
    const dataset = '2016-regione-asia-est-oceania-classi-di-eta';
    for (const resource of ['20161231_RASE.csv', 'a5cd573b-5565-48f1-9b2d-8726004cb020']) {
      const [frame] = (await query('resource', { dataset, resource, timeColumn: 'year' })) as TimeSeriesFrame[];
      expect(frame!.series).toEqual([
        { name: 'people', time: [Date.parse('2015-01-01T00:00:00Z'), Date.parse('2016-01-01T00:00:00Z')], values: [10, 12] },
      ]);
    }
    expect(requests.map((url) => `${url.pathname}${url.search}`)).toEqual([
      `/api/3/action/package_show?id=${dataset}`,
      '/files/rase.csv',
      `/api/3/action/package_show?id=${dataset}`,
      '/files/rase.csv',
    ]);
    const unknown = await failure(query('resource', { dataset, resource: 'nope.csv' }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'params.resource' }] });
    expect(await failure(query('resource', { dataset }))).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.url' }] });
  });

  it('refuses a file on a host not allowed, naming params.url and the allowed hosts, without sending a request', async () => {
    const direct = await failure(query('resource', { url: 'https://evil.example.com/data.csv' }));
    expect(direct).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.url' }] });
    expect(direct.message).toMatch(`may only download files from 127.0.0.1:${port}; evil.example.com is not among them`);
    // The right host on another port is another host.
    expect((await failure(query('resource', { url: `http://127.0.0.1:${port + 1}/x.csv` }))).code).toBe('VALIDATION');
    expect(requests).toHaveLength(0);
    // The recorded dataset's file lives on demo.ckan.org: only package_show is asked.
    answers.set('/api/3/action/package_show', { status: 200, body: fixture(SHOW) });
    const listed = await failure(
      query('resource', { dataset: '2016-regione-asia-est-oceania-classi-di-eta', resource: '20161231_RASE.csv' }),
    );
    expect(listed.message).toMatch(/demo\.ckan\.org is not among them/);
    expect(requests.map((url) => url.pathname)).toEqual(['/api/3/action/package_show']);
    // By default only *.gov.
    const defaults = await plugin.setup(context({}));
    const refused = await failure(
      defaults.dataSources!.resource!.query({ params: { url: `${origin}/files/a.csv` }, range: ALL_TIME, maxPoints: 1 }, signal),
    );
    expect(refused.message).toMatch(/may only download files from \*\.gov; 127\.0\.0\.1/);
    expect(requests).toHaveLength(1);
  });

  it('does not read a file that a redirect brought from a host not allowed', async () => {
    const other = createServer((_request, response) => response.end('a\n1\n'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}/a.csv`;
      answers.set('/files/moved.csv', { status: 302, body: '', headers: { location: elsewhere } });
      const error = await failure(query('resource', { url: `${origin}/files/moved.csv` }));
      expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.url' }] });
      expect(error.message).toMatch(`127.0.0.1:${port} redirected to 127.0.0.1:`);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('names the row and column of a bad time, refuses duplicate times, bad CSV and files over maxRows or 50 MB', async () => {
    const load = (name: string, body: string, params: Record<string, unknown> = {}) => {
      answers.set(`/files/${name}`, csv(body));
      return failure(query('resource', { url: `${origin}/files/${name}`, ...params }));
    };
    const bad = await load('bad.csv', 'date,v\n2024-01-01,1\nsoon,2\n', { timeColumn: 'date' });
    expect(bad).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { field: 'row 3.date' } });
    expect(bad.message).toMatch(/bad\.csv: row 3, column "date": "soon" is not a date or time/);
    expect((await load('feb.csv', 'date,v\n2023-02-29,1\n', { timeColumn: 'date' })).message).toMatch(/row 2, column "date"/);
    const dup = await load('dup.csv', 'date,v\n2024-01-01,1\n2023-12-01,3\n2024-01-01T00:00:00Z,2\n', { timeColumn: 'date' });
    expect(dup).toMatchObject({ code: 'DATA_SOURCE_ERROR', message: expect.stringMatching(/rows 2 and 4 have the same time/) });
    answers.set('/files/ten.csv', csv(`v\n${'1\n'.repeat(10)}`));
    const [ten] = (await query('resource', { url: `${origin}/files/ten.csv`, maxRows: 10 })) as TableFrame[];
    expect(ten!.rows).toHaveLength(10);
    const big = await load('big.csv', `v\n${'1\n'.repeat(11)}`, { maxRows: 10 });
    expect(big).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.maxRows' }] });
    expect(big.message).toMatch(/big\.csv has more than 10 rows; raise maxRows/);
    expect((await load('ragged.csv', 'a,b\n1,2\n3\n')).message).toMatch(/not valid CSV at line 3/);
    expect(await load('time.csv', 'a,b\n1,2\n', { timeColumn: 'when' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'params.timeColumn' }],
      message: expect.stringMatching(/no column "when" \(columns: a, b\)/),
    });
    expect(await load('text.csv', 'a,b\n2024,x\n', { timeColumn: 'a', valueColumns: ['b'] })).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      message: expect.stringMatching(/row 2, column "b": "x" is not a number/),
    });
    expect((await load('words.csv', 'a,b\n2024,x\n', { timeColumn: 'a' })).fields).toEqual([
      { path: 'params.valueColumns', message: 'no numeric column to chart; name one in valueColumns' },
    ]);
    answers.set('/files/huge.csv', { status: 200, body: 'HANG', headers: { 'content-length': String(60 * 1024 * 1024) } });
    const huge = await failure(query('resource', { url: `${origin}/files/huge.csv` }));
    expect(huge).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.url', message: 'file over 50 MB' }] });
  });

  it('maps a missing, throttled or failing file, or a web page instead of one, to typed errors', async () => {
    answers.set('/files/gone.csv', { status: 404, body: 'no' });
    expect((await failure(query('resource', { url: `${origin}/files/gone.csv` }))).code).toBe('NOT_FOUND');
    answers.set('/files/busy.csv', { status: 429, body: '', headers: { 'retry-after': '5' } });
    expect(await failure(query('resource', { url: `${origin}/files/busy.csv` }))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 5 },
    });
    answers.set('/files/page.csv', {
      status: 200,
      body: '<html>Download</html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(await failure(query('resource', { url: `${origin}/files/page.csv` }))).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      message: expect.stringMatching(/page\.csv is a web page \(text\/html\), not a CSV file/),
    });
    answers.set('/files/down.csv', { status: 500, body: '' });
    expect(await failure(query('resource', { url: `${origin}/files/down.csv` }))).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      details: { provider: 'ckan', endpoint: 'resource', status: 500 },
    });
  });

  it('maps CKAN error envelopes to NOT_FOUND, VALIDATION or DATA_SOURCE_ERROR in CKAN’s words', async () => {
    const missing = await failure(query('dataset', { id: 'missing' }));
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Data.gov (CKAN) refused package_show: Not Found Error: Not found',
      details: { provider: 'ckan', endpoint: 'package_show', status: 404 },
    });
    answers.set('/api/3/action/package_search', {
      status: 409,
      body: '{"success": false, "error": {"__type": "Validation Error", "rows": ["Must be a natural number"]}}',
    });
    expect(await failure(query('datasets', { q: 'x' }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/Validation Error: rows: Must be a natural number/),
    });
    answers.set('/api/3/action/package_show', {
      status: 403,
      body: '{"success": false, "error": {"__type": "Authorization Error", "message": "Access denied: private dataset"}}',
    });
    expect(await failure(query('dataset', { id: 'private' }))).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      message: expect.stringMatching(/Authorization Error: Access denied: private dataset/),
    });
    // success:false even with HTTP 200.
    answers.set('/api/3/action/package_list', { status: 200, body: NOT_FOUND });
    expect((await failure(query('packages', {}))).code).toBe('NOT_FOUND');
  });

  it('turns throttling into RATE_LIMITED with the wait, and other failures into DATA_SOURCE_ERROR naming the field', async () => {
    answers.set('/api/3/action/package_search', { status: 429, body: 'slow down', headers: { 'retry-after': '30' } });
    const throttled = await failure(query('datasets', { q: 'x' }));
    expect(throttled).toMatchObject({ code: 'RATE_LIMITED', details: { status: 429, retryAfterSeconds: 30 } });
    expect(throttled.message).toMatch(/try again in 30 s/);
    answers.set('/api/3/action/package_search', { status: 429, body: '' });
    const plain = await failure(query('datasets', { q: 'x' }));
    expect(plain.code).toBe('RATE_LIMITED');
    expect(plain.details.retryAfterSeconds).toBeUndefined();
    answers.set('/api/3/action/package_search', { status: 500, body: '<html>oops</html>' });
    expect(await failure(query('datasets', { q: 'x' }))).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      message: expect.stringMatching(/HTTP 500 for package_search/),
      details: { provider: 'ckan', endpoint: 'package_search', status: 500 },
    });
    const cases: [string, string, string, Record<string, unknown>][] = [
      ['package_search', '{"help": "h", "success": tru', '(body)', { q: 'x' }],
      ['package_search', '{"help": "h", "success": true}', 'result', { q: 'x' }],
      ['package_search', '{"help": "h", "result": {}}', 'success', { q: 'x' }],
      ['package_search', '{"success": true, "result": {"count": "3", "results": []}}', 'result.count', { q: 'x' }],
      ['package_search', '{"success": true, "result": {"count": 3, "results": {}}}', 'result.results', { q: 'x' }],
      [
        'package_search',
        '{"success": true, "result": {"count": 1, "results": [{"name": 7}]}}',
        'result.results[0].name',
        { q: 'x' },
      ],
      ['package_show', '{"success": true, "result": {"resources": [{"url": null}]}}', 'result.resources[0].url', { id: 'x' }],
      ['package_show', '{"success": true, "result": []}', 'result', { id: 'x' }],
      ['package_list', '{"success": true, "result": ["a", 7]}', 'result[1]', {}],
    ];
    const source = { package_search: 'datasets', package_show: 'dataset', package_list: 'packages' } as Record<string, string>;
    for (const [action, body, field, params] of cases) {
      answers.set(`/api/3/action/${action}`, { status: 200, body });
      const error = await failure(query(source[action]!, params));
      expect(error, body).toMatchObject({ code: 'DATA_SOURCE_ERROR', details: { provider: 'ckan', endpoint: action, field } });
      expect(error.message).toContain(`${action} answer is malformed: ${field}`);
    }
    answers.set('/api/3/action/package_search', {
      status: 200,
      body: '{"success": true, "result": {"count": 0, "results": []}}',
    });
    expect(((await query('datasets', { q: 'nothing' })) as TableFrame[])[0]!.rows).toEqual([]);
  });

  it('lets an aborted query end as an abort, not as a CKAN error', async () => {
    answers.set('/api/3/action/package_list', { status: 200, body: fixture(LIST) });
    const controller = new AbortController();
    controller.abort();
    const error = await sources
      .packages!.query({ params: {}, range: ALL_TIME, maxPoints: 10 }, controller.signal)
      .catch((reason: unknown) => reason);
    expect(isNautilusError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });

  it('refuses settings that are not a URL or host names', async () => {
    await expect(Promise.resolve().then(() => plugin.setup(context({ baseUrl: 'ftp://x' })))).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'config.baseUrl' }],
    });
    for (const allowedHosts of [['http://x/'], '*.gov', ['*']]) {
      await expect(Promise.resolve().then(() => plugin.setup(context({ allowedHosts })))).rejects.toMatchObject({
        code: 'VALIDATION',
        fields: [{ path: 'config.allowedHosts' }],
      });
    }
  });
});
