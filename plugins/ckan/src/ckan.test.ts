import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, PluginContext, TableFrame, TimeSeriesFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTimeCell } from './csv-table.ts';
import plugin from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');
/** What the loopback CKAN answers, by path: a recorded body or a scripted one. */
const answers = new Map<string, { status: number; body: string; type?: string }>();
const requests: URL[] = [];

function context(config: Record<string, unknown>): PluginContext {
  return pluginTestContext({ pluginId: 'nautilus.ckan', config });
}

const failure = caughtError;

const ALL_TIME = { from: Date.parse('1900-01-01'), to: Date.parse('2100-01-01') };

describe('Data.gov (CKAN) plugin against recorded answers', () => {
  let server: Server;
  let origin: string;
  let sources: Record<string, DataSource<any>>;
  const signal = new AbortController().signal;
  const query = (source: string, params: Record<string, unknown>, range = ALL_TIME) =>
    sources[source]!.query({ params, range, maxPoints: 100_000 }, signal);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://ckan.test');
      requests.push(url);
      const answer = answers.get(url.pathname) ?? {
        status: 404,
        body: '{"success": false, "error": {"__type": "Not Found Error", "message": "Not found"}}',
      };
      response.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const setup = await plugin.setup(
      context({
        baseUrl: `${origin}/api/3/action`,
        allowedHosts: [`127.0.0.1:${(server.address() as AddressInfo).port}`, '*.gov'],
      }),
    );
    sources = setup.dataSources ?? {};
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    requests.length = 0;
  });

  it('turns package_search into one row per dataset, with organization, formats and the total', async () => {
    answers.set('/api/3/action/package_search', { status: 200, body: fixture('package_search-demo.ckan.org-rows3-facets.json') });
    const [table] = (await query('datasets', { q: 'species', format: 'CSV', rows: 3 })) as TableFrame[];
    expect(table!.columns.map((column) => column.name)).toEqual([
      'name',
      'title',
      'organization',
      'formats',
      'resources',
      'modified',
      'id',
      'total',
    ]);
    expect(table!.rows).toHaveLength(3);
    expect(table!.rows[0]).toEqual([
      '100-validated-species-of-plants',
      expect.any(String),
      null,
      'CSV',
      1,
      Date.parse('2017-08-05T03:19:33.886Z'),
      expect.any(String),
      3,
    ]);
    expect(table!.rows[2]?.[2]).toBe('SDB');
    const sent = requests[0]!;
    expect(sent.searchParams.get('q')).toBe('species');
    expect(sent.searchParams.get('rows')).toBe('3');
    expect(sent.searchParams.get('fq')).toBe('res_format:"CSV"');
  });

  it("lists a dataset's files from package_show, saying which may be downloaded here", async () => {
    answers.set('/api/3/action/package_show', {
      status: 200,
      body: fixture('package_show-demo.ckan.org-17be64bb-with-organization.json'),
    });
    const [table] = (await query('dataset', { id: '17be64bb-da74-4195-9bb8-565c39846af2' })) as TableFrame[];
    expect(table!.rows).toEqual([
      [
        'a5cd573b-5565-48f1-9b2d-8726004cb020',
        '20161231_RASE.csv',
        'CSV',
        'https://demo.ckan.org/dataset/17be64bb-da74-4195-9bb8-565c39846af2/resource/a5cd573b-5565-48f1-9b2d-8726004cb020/download/20161231_rase.csv',
        null,
        expect.any(Number),
        false, // demo.ckan.org is not an allowed host
      ],
    ]);
  });

  it('lists dataset names from package_list', async () => {
    answers.set('/api/3/action/package_list', { status: 200, body: fixture('package_list-demo.ckan.org-edited.json') });
    const [table] = (await query('packages', { limit: 3 })) as TableFrame[];
    expect(table!.rows).toEqual([
      ['100-validated-species-of-plants'],
      ['1617in10-regulation-of-sale-of-overseas-properties-20170426-c'],
      ['2016-regione-asia-est-oceania-classi-di-eta'],
    ]);
  });

  it('charts a CSV file as time series: quoted fields, CRLF, a BOM, empty cells left out, sorted by time', async () => {
    answers.set('/files/rates.csv', {
      status: 200,
      type: 'text/csv',
      body: '\ufeffdate,"rate, %",note\r\n2024-03-01,5.33,"said ""hold"""\r\n2024-01-01,5.33,x\r\n2024-02-01,,missing\r\n',
    });
    const [frame] = (await query('resource', { url: `${origin}/files/rates.csv`, timeColumn: 'date' })) as TimeSeriesFrame[];
    expect(frame!.series).toEqual([
      { name: 'rate, %', time: [Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-03-01T00:00:00Z')], values: [5.33, 5.33] },
    ]);
    const [table] = (await query('resource', { url: `${origin}/files/rates.csv` })) as TableFrame[];
    expect(table!.columns).toEqual([
      { name: 'date', type: 'string' },
      { name: 'rate, %', type: 'number' },
      { name: 'note', type: 'string' },
    ]);
    expect(table!.rows[0]).toEqual(['2024-03-01', 5.33, 'said "hold"']);
    expect(table!.rows[2]).toEqual(['2024-02-01', null, 'missing']);
  });

  it('finds a resource by dataset and name through package_show, and refuses its host when not allowed, sending nothing', async () => {
    answers.set('/api/3/action/package_show', {
      status: 200,
      body: fixture('package_show-demo.ckan.org-17be64bb-with-organization.json'),
    });
    const error = await failure(
      query('resource', { dataset: '2016-regione-asia-est-oceania-classi-di-eta', resource: '20161231_RASE.csv' }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/demo\.ckan\.org is not among them/);
    expect(requests.map((url) => url.pathname)).toEqual(['/api/3/action/package_show']);
    const unknown = await failure(
      query('resource', { dataset: '2016-regione-asia-est-oceania-classi-di-eta', resource: 'nope.csv' }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });

  it('names the row and column of a bad time, refuses duplicate times and files over maxRows', async () => {
    answers.set('/files/bad.csv', { status: 200, type: 'text/csv', body: 'date,v\n2024-01-01,1\nsoon,2\n' });
    const bad = await failure(query('resource', { url: `${origin}/files/bad.csv`, timeColumn: 'date' }));
    expect(bad.message).toMatch(/row 3, column "date": "soon" is not a date/);
    answers.set('/files/dup.csv', { status: 200, type: 'text/csv', body: 'date,v\n2024-01-01,1\n2024-01-01,2\n' });
    expect((await failure(query('resource', { url: `${origin}/files/dup.csv`, timeColumn: 'date' }))).message).toMatch(
      /rows 2 and 3 have the same time/,
    );
    answers.set('/files/big.csv', { status: 200, type: 'text/csv', body: `v\n${'1\n'.repeat(11)}` });
    const big = await failure(query('resource', { url: `${origin}/files/big.csv`, maxRows: 10 }));
    expect(big).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/11 rows, more than maxRows \(10\)/) });
    answers.set('/files/ragged.csv', { status: 200, type: 'text/csv', body: 'a,b\n1,2\n3\n' });
    expect((await failure(query('resource', { url: `${origin}/files/ragged.csv` }))).message).toMatch(/not valid CSV at line 3/);
  });

  it('maps CKAN error envelopes and failing answers to typed errors naming the action and field', async () => {
    expect((await failure(query('dataset', { id: 'missing' }))).code).toBe('NOT_FOUND');
    answers.set('/api/3/action/package_search', {
      status: 409,
      body: '{"success": false, "error": {"__type": "Validation Error", "rows": ["Must be a natural number"]}}',
    });
    expect((await failure(query('datasets', { q: 'x' }))).code).toBe('VALIDATION');
    answers.set('/api/3/action/package_search', { status: 429, body: 'slow down' });
    expect((await failure(query('datasets', { q: 'x' }))).code).toBe('RATE_LIMITED');
    answers.set('/api/3/action/package_search', { status: 500, body: '<html>oops</html>' });
    expect(await failure(query('datasets', { q: 'x' }))).toMatchObject({
      code: 'DATA_SOURCE_ERROR',
      message: expect.stringMatching(/HTTP 500 for package_search/),
    });
    answers.set('/api/3/action/package_search', { status: 200, body: '{"help": "h", "success": true}' });
    expect(await failure(query('datasets', { q: 'x' }))).toMatchObject({ details: { field: 'result' } });
    answers.set('/api/3/action/package_search', {
      status: 200,
      body: '{"success": true, "result": {"count": "3", "results": []}}',
    });
    expect(await failure(query('datasets', { q: 'x' }))).toMatchObject({ details: { field: 'result.count' } });
    answers.set('/api/3/action/package_search', {
      status: 200,
      body: '{"success": true, "result": {"count": 0, "results": []}}',
    });
    expect(((await query('datasets', { q: 'x' })) as TableFrame[])[0]!.rows).toEqual([]);
    answers.set('/api/3/action/package_list', { status: 200, body: '{"success": true, "result": ["a", 7]}' });
    expect(await failure(query('packages', {}))).toMatchObject({ details: { field: 'result[1]' } });
  });

  it('refuses settings that are not a URL or host names', async () => {
    await expect(Promise.resolve().then(() => plugin.setup(context({ baseUrl: 'ftp://x' })))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(Promise.resolve().then(() => plugin.setup(context({ allowedHosts: ['http://x/'] })))).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'config.allowedHosts' }],
    });
  });

  it('reads years, months, dates and date-times as UTC times', () => {
    expect(parseTimeCell('2024')).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(parseTimeCell('2024-05')).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(parseTimeCell('2024-05-06 13:30')).toBe(Date.parse('2024-05-06T13:30:00Z'));
    expect(parseTimeCell('2024-05-06T13:30:00-04:00')).toBe(Date.parse('2024-05-06T17:30:00Z'));
    expect(parseTimeCell('06/05/2024')).toBeUndefined();
    expect(parseTimeCell('2024-13-40')).toBeUndefined();
  });
});
