import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, PluginContext, TableFrame, TimeSeriesFrame } from '@nautilus/sdk';
import { caughtError, pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TICKERS_TTL_MS } from './companies.ts';
import plugin from './index.ts';
import { manifest } from './manifest.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

const TICKERS = 'company_tickers-first100.json';
const AAPL = 'submissions-CIK0000320193-AAPL-trimmed.json';
const INDIVIDUAL = 'submissions-CIK0001830610-individual-reporting-owner.json';
const NO_SUCH_KEY = 'submissions-404-unknown-cik-NoSuchKey.xml';
const MRVL = 'companyfacts-CIK0001835632-MRVL-trimmed.json';

/** What the loopback SEC answers a path next: a recorded body, or a scripted failure. */
type Answer = { status: number; body: string; headers?: Record<string, string> };
const answers = new Map<string, Answer>();
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];

const USER_AGENT = 'Nautilus Tests tests@nautilus.example';
/** What the host gives the plugin, with the global fetch (the host's own fetch rules are tested in core). */
function context(config: Record<string, unknown>): PluginContext {
  return pluginTestContext({ pluginId: 'nautilus.sec-edgar', config });
}

const DAY = (date: string) => Date.parse(`${date}T00:00:00Z`);
const ALL_TIME = { from: DAY('1900-01-01'), to: DAY('2100-01-01') };

const failure = caughtError;

describe('SEC EDGAR plugin against recorded SEC answers', () => {
  let server: Server;
  let baseUrl: string;
  let sources: Record<string, DataSource<any>>;
  const signal = new AbortController().signal;
  /** A fresh plugin instance (an empty ticker cache) for each test. */
  const fresh = async (config: Record<string, unknown> = { baseUrl, userAgent: USER_AGENT }) =>
    (await plugin.setup(context(config))).dataSources ?? {};
  const query = (source: string, params: Record<string, unknown>, range = ALL_TIME, maxPoints = 100_000) =>
    sources[source]!.query({ params, range, maxPoints }, signal);
  const serve = (path: string, name: string) => answers.set(path, { status: 200, body: fixture(name) });
  const paths = () => requests.map((request) => request.path);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://sec.test');
      requests.push({ path: url.pathname, headers: request.headers });
      // Like SEC's S3 store: an unknown key is a 404 with an XML NoSuchKey body.
      const answer = answers.get(url.pathname) ?? {
        status: 404,
        body: fixture(NO_SUCH_KEY),
        headers: { 'content-type': 'application/xml' },
      };
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(async () => {
    answers.clear();
    requests.length = 0;
    sources = await fresh();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe('companies', () => {
    it('finds a ticker, exact match first, with its 10-digit CIK, and a name in any case', async () => {
      serve('/files/company_tickers.json', TICKERS);
      const [table] = (await query('companies', { query: 'ms' })) as TableFrame[];
      expect(table!.columns.map((column) => column.name)).toEqual(['cik', 'ticker', 'name', 'source', 'assetClass']);
      // MS (Morgan Stanley) is 68th in SEC's list, MSFT first: the exact ticker still leads.
      expect(table!.rows[0]).toEqual(['0000895421', 'MS', 'MORGAN STANLEY', 'sec-edgar', 'equity']);
      expect(table!.rows[1]).toEqual(['0000789019', 'MSFT', 'MICROSOFT CORP', 'sec-edgar', 'equity']);
      const [apple] = (await query('companies', { query: 'apple' })) as TableFrame[];
      expect(apple!.rows).toEqual([['0000320193', 'AAPL', 'Apple Inc.', 'sec-edgar', 'equity']]);
      // Names starting with the text before names merely holding it; SEC's order within each.
      const [micro] = (await query('companies', { query: 'Micro' })) as TableFrame[];
      expect(micro!.rows.map((row) => row[1])).toEqual(['MSFT', 'MU', 'AMD']);
      const [brk] = (await query('companies', { query: 'brk.b' })) as TableFrame[];
      expect(brk!.rows[0]).toEqual(['0001067983', 'BRK-B', 'BERKSHIRE HATHAWAY INC', 'sec-edgar', 'equity']);
      const [byCik] = (await query('companies', { query: '320193' })) as TableFrame[];
      expect(byCik!.rows[0]![1]).toBe('AAPL');
      const [none] = (await query('companies', { query: 'zzzz-no-such' })) as TableFrame[];
      expect(none!.rows).toEqual([]);
      // One request for all of these: the map is kept in memory, and it carried the User-Agent.
      expect(paths()).toEqual(['/files/company_tickers.json']);
      expect(requests[0]!.headers['user-agent']).toBe(USER_AGENT);
    });

    it('honours limit (default 20) and maxPoints', async () => {
      serve('/files/company_tickers.json', TICKERS);
      const [some] = (await query('companies', { query: 'inc' })) as TableFrame[];
      expect(some!.rows).toHaveLength(20);
      const [more] = (await query('companies', { query: 'inc', limit: 100 })) as TableFrame[];
      const recorded = Object.values(JSON.parse(fixture(TICKERS)) as Record<string, { title: string }>);
      expect(more!.rows).toHaveLength(recorded.filter((entry) => /inc/i.test(entry.title)).length);
      const [capped] = (await query('companies', { query: 'inc', limit: 100 }, ALL_TIME, 3)) as TableFrame[];
      expect(capped!.rows).toHaveLength(3);
    });

    it('keeps the ticker map for an hour, then fetches it again', async () => {
      serve('/files/company_tickers.json', TICKERS);
      const start = Date.now();
      const now = vi.spyOn(Date, 'now').mockReturnValue(start);
      await query('companies', { query: 'AAPL' });
      now.mockReturnValue(start + TICKERS_TTL_MS - 1);
      await query('companies', { query: 'AAPL' });
      expect(requests).toHaveLength(1);
      now.mockReturnValue(start + TICKERS_TTL_MS);
      await query('companies', { query: 'AAPL' });
      expect(requests).toHaveLength(2);
    });
  });

  describe('filings', () => {
    it('resolves a ticker to its CIK and lists the recent filings, newest first, with their links', async () => {
      serve('/files/company_tickers.json', TICKERS);
      serve('/submissions/CIK0000320193.json', AAPL);
      const [table] = (await query('filings', { company: 'aapl' })) as TableFrame[];
      expect(paths()).toEqual(['/files/company_tickers.json', '/submissions/CIK0000320193.json']);
      expect(requests.every((request) => request.headers['user-agent'] === USER_AGENT)).toBe(true);
      expect(table!.columns.map((column) => [column.name, column.type])).toEqual([
        ['form', 'string'],
        ['filed', 'time'],
        ['reportDate', 'time'],
        ['accessionNumber', 'string'],
        ['primaryDocument', 'string'],
        ['description', 'string'],
        ['url', 'string'],
      ]);
      const recent = JSON.parse(fixture(AAPL)).filings.recent as Record<string, string[]>;
      expect(table!.rows).toHaveLength(40);
      expect(table!.rows.map((row) => row[3])).toEqual(recent.accessionNumber);
      expect(table!.rows[0]).toEqual([
        '4',
        DAY('2026-02-26'),
        DAY('2026-02-24'),
        '0001059235-26-000004',
        'xslF345X05/wk-form4_1772148856.xml',
        'FORM 4',
        'https://www.sec.gov/Archives/edgar/data/320193/000105923526000004/xslF345X05/wk-form4_1772148856.xml',
      ]);
      // A proxy solicitation has no report date (""): null, not 1970.
      expect(table!.rows[17]).toEqual([
        'PX14A6G',
        DAY('2026-01-22'),
        null,
        '0001096906-26-000136',
        'nlpc_px14a6g.htm',
        'NATIONAL LEGAL AND POLICY CENTER - PX14A6G',
        'https://www.sec.gov/Archives/edgar/data/320193/000109690626000136/nlpc_px14a6g.htm',
      ]);
      // A 25-NSE with no description: null.
      expect(table!.rows[24]!.slice(0, 6)).toEqual([
        '25-NSE',
        DAY('2025-11-14'),
        null,
        '0001354457-25-001138',
        'xslF25X02/primary_doc.xml',
        null,
      ]);
      expect(table!.rows.at(-1)!.slice(0, 4)).toEqual(['144', DAY('2025-10-02'), null, '0001969223-25-000822']);
    });

    it('keeps the form types asked for, within the range, up to the limit', async () => {
      serve('/submissions/CIK0000320193.json', AAPL);
      const [reports] = (await query('filings', { company: '320193', forms: ['10-k', '10-Q'] })) as TableFrame[];
      // A CIK needs no ticker map.
      expect(paths()).toEqual(['/submissions/CIK0000320193.json']);
      expect(reports!.rows).toEqual([
        [
          '10-Q',
          DAY('2026-01-30'),
          DAY('2025-12-27'),
          '0000320193-26-000006',
          'aapl-20251227.htm',
          '10-Q',
          'https://www.sec.gov/Archives/edgar/data/320193/000032019326000006/aapl-20251227.htm',
        ],
        [
          '10-K',
          DAY('2025-10-31'),
          DAY('2025-09-27'),
          '0000320193-25-000079',
          'aapl-20250927.htm',
          '10-K',
          'https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/aapl-20250927.htm',
        ],
      ]);
      const [january] = (await query(
        'filings',
        { company: 'CIK0000320193', forms: ['8-K'] },
        { from: DAY('2026-01-01'), to: DAY('2026-02-01') },
      )) as TableFrame[];
      expect(january!.rows.map((row) => [row[0], row[1]])).toEqual([
        ['8-K', DAY('2026-01-29')],
        ['8-K', DAY('2026-01-02')],
      ]);
      const [latest] = (await query('filings', { company: '320193', limit: 5 })) as TableFrame[];
      expect(latest!.rows.map((row) => row[3])).toHaveLength(5);
      const [capped] = (await query('filings', { company: '320193' }, ALL_TIME, 8)) as TableFrame[];
      expect(capped!.rows).toHaveLength(8);
      expect(capped!.rows.at(-1)![0]).toBe('8-K');
    });

    it('lists an individual insider’s filings despite the many nulls of the answer', async () => {
      serve('/submissions/CIK0001830610.json', INDIVIDUAL);
      const [table] = (await query('filings', { company: '1830610' })) as TableFrame[];
      expect(table!.rows).toEqual([
        [
          '4',
          DAY('2021-12-23'),
          DAY('2021-12-22'),
          '0001179110-21-011226',
          'xslF345X03/edgar.xml',
          'FORM 4 -',
          'https://www.sec.gov/Archives/edgar/data/1830610/000117911021011226/xslF345X03/edgar.xml',
        ],
        [
          '4',
          DAY('2021-11-15'),
          DAY('2021-11-12'),
          '0001179110-21-010113',
          'xslF345X03/edgar.xml',
          'FORM 4 -',
          'https://www.sec.gov/Archives/edgar/data/1830610/000117911021010113/xslF345X03/edgar.xml',
        ],
        [
          '4',
          DAY('2020-11-10'),
          DAY('2020-11-09'),
          '0001179110-20-010969',
          'xslF345X03/edgar.xml',
          'FORM 4 -',
          'https://www.sec.gov/Archives/edgar/data/1830610/000117911020010969/xslF345X03/edgar.xml',
        ],
        [
          '3',
          DAY('2020-11-10'),
          DAY('2020-11-09'),
          '0001179110-20-010967',
          'xslF345X02/edgar.xml',
          'FORM 3 -',
          'https://www.sec.gov/Archives/edgar/data/1830610/000117911020010967/xslF345X02/edgar.xml',
        ],
      ]);
      // An empty result is an empty table, not an error.
      const [none] = (await query(
        'filings',
        { company: '1830610' },
        { from: DAY('2022-01-01'), to: DAY('2023-01-01') },
      )) as TableFrame[];
      expect(none!.rows).toEqual([]);
      const [noForms] = (await query('filings', { company: '1830610', forms: ['10-K'] })) as TableFrame[];
      expect(noForms!.rows).toEqual([]);
    });

    it('reports the XML NoSuchKey 404 of an unknown CIK as NOT_FOUND, and an unknown ticker without asking SEC for it', async () => {
      const error = await failure(query('filings', { company: '1' }));
      expect(paths()).toEqual(['/submissions/CIK0000000001.json']);
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/no EDGAR company with CIK 0000000001/);
      expect(error.details).toMatchObject({ provider: 'sec-edgar', endpoint: 'submissions', cik: '0000000001' });
      serve('/files/company_tickers.json', TICKERS);
      const unknown = await failure(query('filings', { company: 'MRVL' }));
      expect(unknown.code).toBe('NOT_FOUND');
      expect(unknown.message).toMatch(/no ticker "MRVL".*companies source/);
      expect(paths().at(-1)).toBe('/files/company_tickers.json');
    });

    it('names the field of a malformed submissions answer', async () => {
      const body = JSON.parse(fixture(INDIVIDUAL));
      const recent = body.filings.recent;
      const cases: [unknown, string, RegExp][] = [
        [{ ...body, filings: undefined }, 'filings', /filings is not an object/],
        [{ ...body, filings: { recent: [] } }, 'filings.recent', /filings\.recent is not an object/],
        [{ ...body, filings: { recent: { ...recent, form: 'four' } } }, 'filings.recent.form', /form is not a list/],
        [
          { ...body, filings: { recent: { ...recent, filmNumber: recent.filmNumber.slice(1) } } },
          'filings.recent.filmNumber',
          /filings\.recent\.filmNumber has 3 entries where filings\.recent\.accessionNumber has 4/,
        ],
        [
          { ...body, filings: { recent: { ...recent, form: ['4', '4', 4, '3'] } } },
          'filings.recent.form[2]',
          /is not a form type/,
        ],
        [
          { ...body, filings: { recent: { ...recent, filingDate: ['2021-12-23', '11/15/2021', '2020-11-10', '2020-11-10'] } } },
          'filings.recent.filingDate[1]',
          /is not a YYYY-MM-DD date/,
        ],
        [
          { ...body, filings: { recent: { ...recent, accessionNumber: [1, 2, 3, 4] } } },
          'filings.recent.accessionNumber[0]',
          /is not an accession number \(got 1\)/,
        ],
      ];
      for (const [answer, field, message] of cases) {
        answers.set('/submissions/CIK0001830610.json', { status: 200, body: JSON.stringify(answer) });
        const error = await failure(query('filings', { company: '1830610' }));
        expect(error.code, field).toBe('DATA_SOURCE_ERROR');
        expect(error.details, field).toEqual({ provider: 'sec-edgar', endpoint: 'submissions', field });
        expect(error.message, field).toMatch(message);
      }
    });
  });

  describe('facts', () => {
    const MRVL_PATH = '/api/xbrl/companyfacts/CIK0001835632.json';
    const netIncome = (params: Record<string, unknown> = {}, range = ALL_TIME, maxPoints = 100_000) =>
      query('facts', { company: '1835632', concept: 'us-gaap:NetIncomeLoss', ...params }, range, maxPoints) as Promise<
        TimeSeriesFrame[]
      >;

    it('gives a concept as a series: one point per period end, the latest filed, the quarter rather than the year to date', async () => {
      serve(MRVL_PATH, MRVL);
      const [frame] = await netIncome();
      expect(paths()).toEqual([MRVL_PATH]);
      expect(requests[0]!.headers['user-agent']).toBe(USER_AGENT);
      expect(frame!.series).toEqual([
        {
          name: 'Net Income (Loss) Attributable to Parent (USD)',
          unit: 'USD',
          time: ['2020-02-01', '2020-05-02', '2020-08-01', '2020-10-31', '2021-01-30', '2021-05-01'].map(DAY),
          // 2020-08-01: the quarter (-157.9 M), not the six months (-270.9 M); 2021-01-30 and 2021-05-01: the
          // figures as restated (rounded) in the 10-K of 2023 and the 10-Q of 2022.
          values: [1584391000, -113033000, -157893000, -22908000, -277300000, -88200000],
        },
      ]);
    });

    it('shows the values as known on a date (asOf): each one as last filed by then', async () => {
      serve(MRVL_PATH, MRVL);
      const [late2022] = await netIncome({ asOf: '2022-12-31' });
      expect(late2022!.series[0]!.values).toEqual([1584391000, -113033000, -157893000, -22908000, -277298000, -88200000]);
      // The day before the Q1 10-Q of 2022 restated 2021-05-01 (rounded): the figure of 2021.
      const [may2022] = await netIncome({ asOf: '2022-05-26' });
      expect(may2022!.series[0]!.values.at(-1)).toBe(-88242000);
      const [mid2021] = await netIncome({ asOf: '2021-07-01' });
      expect(mid2021!.series[0]!.time).toEqual([DAY('2020-05-02'), DAY('2021-05-01')]);
      expect(mid2021!.series[0]!.values).toEqual([-113033000, -88242000]);
      // Filed that very day counts as known.
      const [filedDay] = await netIncome({ asOf: '2021-06-09' });
      expect(filedDay!.series[0]!.values).toEqual([-113033000, -88242000]);
      const [before] = await netIncome({ asOf: '2021-06-08' });
      expect(before!.series[0]).toMatchObject({ time: [], values: [] });
      // An instant (a balance): Assets at 2022-01-29 as first filed (10-K, 22,108,597 k), later rounded.
      const [assets] = (await query('facts', { company: '1835632', concept: 'Assets', asOf: '2022-04-01' })) as TimeSeriesFrame[];
      expect(assets!.series[0]!.name).toBe('Assets (USD)');
      expect(assets!.series[0]!.time.slice(-2)).toEqual([DAY('2021-10-30'), DAY('2022-01-29')]);
      expect(assets!.series[0]!.values.slice(-2)).toEqual([22018842000, 22108597000]);
      const [assetsNow] = (await query('facts', { company: '1835632', concept: 'Assets' })) as TimeSeriesFrame[];
      expect(assetsNow!.series[0]!.time.at(-1)).toBe(DAY('2022-10-29'));
      expect(assetsNow!.series[0]!.values[assetsNow!.series[0]!.time.indexOf(DAY('2022-01-29'))]).toBe(22108600000);
    });

    it('keeps annual or quarterly figures only, within the range and maxPoints', async () => {
      serve(MRVL_PATH, MRVL);
      const [annual] = await netIncome({ period: 'annual' });
      expect(annual!.series[0]!.time).toEqual([DAY('2020-02-01'), DAY('2021-01-30')]);
      expect(annual!.series[0]!.values).toEqual([1584391000, -277300000]);
      const [quarterly] = await netIncome({ period: 'quarterly' });
      expect(quarterly!.series[0]!.time).toEqual(['2020-05-02', '2020-08-01', '2020-10-31', '2021-05-01'].map(DAY));
      expect(quarterly!.series[0]!.values).toEqual([-113033000, -157893000, -22908000, -88200000]);
      const [range] = await netIncome({}, { from: DAY('2020-05-02'), to: DAY('2021-01-30') });
      expect(range!.series[0]!.time).toEqual(['2020-05-02', '2020-08-01', '2020-10-31'].map(DAY));
      const [recent] = await netIncome({}, ALL_TIME, 2);
      expect(recent!.series[0]!.values).toEqual([-277300000, -88200000]);
    });

    it('picks the only unit, or the one asked for, and names the units when it cannot choose', async () => {
      serve(MRVL_PATH, MRVL);
      const [eps] = (await query('facts', {
        company: '1835632',
        concept: 'EarningsPerShareBasic',
        period: 'quarterly',
      })) as TimeSeriesFrame[];
      expect(eps!.series[0]!.name).toBe('Earnings Per Share, Basic (USD/shares)');
      expect(eps!.series[0]!.unit).toBe('USD/shares');
      expect(eps!.series[0]!.values.slice(0, 4)).toEqual([-0.17, -0.24, -0.03, -0.13]);
      const [shares] = (await query('facts', {
        company: '1835632',
        concept: 'dei:EntityCommonStockSharesOutstanding',
      })) as TimeSeriesFrame[];
      expect(shares!.series[0]!.unit).toBe('shares');
      expect(shares!.series[0]!.time.length).toBeGreaterThan(0);
      const wrong = await failure(query('facts', { company: '1835632', concept: 'NetIncomeLoss', unit: 'EUR' }));
      expect(wrong).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.unit', message: 'must be one of USD' }] });
      const body = JSON.parse(fixture(MRVL));
      const units = body.facts['us-gaap'].EarningsPerShareBasic.units;
      units['EUR/shares'] = units['USD/shares'];
      units['GBP/shares'] = units['USD/shares'];
      delete units['USD/shares'];
      answers.set(MRVL_PATH, { status: 200, body: JSON.stringify(body) });
      const ambiguous = await failure(query('facts', { company: '1835632', concept: 'EarningsPerShareBasic' }));
      expect(ambiguous.code).toBe('VALIDATION');
      expect(ambiguous.message).toMatch(/several units \(EUR\/shares, GBP\/shares\); choose one with params\.unit/);
      const [gbp] = (await query('facts', {
        company: '1835632',
        concept: 'EarningsPerShareBasic',
        unit: 'GBP/shares',
      })) as TimeSeriesFrame[];
      expect(gbp!.series[0]!.unit).toBe('GBP/shares');
    });

    it('reports an unknown concept as NOT_FOUND, naming some that exist', async () => {
      serve(MRVL_PATH, MRVL);
      const error = await failure(query('facts', { company: '1835632', concept: 'NetIncome' }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/no us-gaap:NetIncome for MARVELL TECHNOLOGY, INC \(CIK 0001835632\)/);
      expect(error.message).toMatch(
        /for instance: us-gaap:NetIncomeLoss, us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax/,
      );
      const taxonomy = await failure(query('facts', { company: '1835632', concept: 'ifrs-full:ProfitLoss' }));
      expect(taxonomy.message).toMatch(
        /no ifrs-full:ProfitLoss .* dei:EntityCommonStockSharesOutstanding, dei:EntityPublicFloat, us-gaap:/,
      );
      const unknownCik = await failure(query('facts', { company: '1', concept: 'Assets' }));
      expect(unknownCik).toMatchObject({ code: 'NOT_FOUND', details: { endpoint: 'companyfacts', cik: '0000000001' } });
    });

    it('refuses a bad concept, period or asOf before sending anything', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ concept: 'us gaap:Net Income' }, 'params.concept'],
        [{ concept: 'Assets', asOf: '2021-02-30' }, 'params.asOf'],
        [{ concept: 'Assets', period: 'monthly' }, 'params.period'],
      ];
      for (const [params, path] of cases) {
        const error = await failure(query('facts', { company: '1835632', ...params }));
        expect(error, path).toMatchObject({ code: 'VALIDATION', fields: [{ path }] });
      }
      expect(requests).toHaveLength(0);
    });

    it('names the field of a malformed companyfacts answer', async () => {
      const body = JSON.parse(fixture(MRVL));
      const withFact = (patch: Record<string, unknown>) => {
        const copy = structuredClone(body);
        Object.assign(copy.facts['us-gaap'].NetIncomeLoss.units.USD[3], patch);
        return copy;
      };
      const cases: [unknown, string, RegExp][] = [
        [{ ...body, facts: [] }, 'facts', /facts is not an object/],
        [withFact({ val: '-113033000' }), 'facts.us-gaap.NetIncomeLoss.units.USD[3].val', /is not a number \(got "-113033000"\)/],
        [withFact({ filed: null }), 'facts.us-gaap.NetIncomeLoss.units.USD[3].filed', /is not a YYYY-MM-DD date/],
        [withFact({ end: '2020-13-01' }), 'facts.us-gaap.NetIncomeLoss.units.USD[3].end', /is not a YYYY-MM-DD date/],
        [withFact({ fy: '2022' }), 'facts.us-gaap.NetIncomeLoss.units.USD[3].fy', /is not a year/],
        [
          { ...body, facts: { 'us-gaap': { NetIncomeLoss: { label: 'x', units: { USD: {} } } } } },
          'facts.us-gaap.NetIncomeLoss.units.USD',
          /is not a list/,
        ],
      ];
      for (const [answer, field, message] of cases) {
        answers.set(MRVL_PATH, { status: 200, body: JSON.stringify(answer) });
        const error = await failure(netIncome());
        expect(error.code, field).toBe('DATA_SOURCE_ERROR');
        expect(error.details, field).toEqual({ provider: 'sec-edgar', endpoint: 'companyfacts', field });
        expect(error.message, field).toMatch(message);
      }
    });
  });

  describe('facts-table', () => {
    const MRVL_PATH = '/api/xbrl/companyfacts/CIK0001835632.json';

    it('lists the facts of the series with their filing: start, end, fiscal period, form, filed date, accession', async () => {
      serve(MRVL_PATH, MRVL);
      const [table] = (await query('facts-table', { company: '1835632', concept: 'NetIncomeLoss' })) as TableFrame[];
      expect(table!.columns).toEqual([
        { name: 'end', type: 'time' },
        { name: 'start', type: 'time' },
        { name: 'value', type: 'number', unit: 'USD' },
        { name: 'unit', type: 'string' },
        { name: 'fy', type: 'number' },
        { name: 'fp', type: 'string' },
        { name: 'form', type: 'string' },
        { name: 'filed', type: 'time' },
        { name: 'accession', type: 'string' },
      ]);
      expect(table!.rows).toHaveLength(6);
      expect(table!.rows[0]).toEqual([
        DAY('2020-02-01'),
        DAY('2019-02-03'),
        1584391000,
        'USD',
        2022,
        'FY',
        '10-K',
        DAY('2022-03-10'),
        '0001835632-22-000016',
      ]);
      expect(table!.rows[4]).toEqual([
        DAY('2021-01-30'),
        DAY('2020-02-02'),
        -277300000,
        'USD',
        2023,
        'FY',
        '10-K',
        DAY('2023-03-09'),
        '0001835632-23-000013',
      ]);
      const [asKnown] = (await query('facts-table', {
        company: '1835632',
        concept: 'NetIncomeLoss',
        asOf: '2022-12-31',
      })) as TableFrame[];
      expect(asKnown!.rows[4]!.slice(2, 9)).toEqual([
        -277298000,
        'USD',
        2022,
        'FY',
        '10-K',
        DAY('2022-03-10'),
        '0001835632-22-000016',
      ]);
    });

    it('lists every filing of each value with history, an instant with a null start', async () => {
      serve(MRVL_PATH, MRVL);
      const [all] = (await query('facts-table', { company: '1835632', concept: 'NetIncomeLoss', history: true })) as TableFrame[];
      expect(all!.rows).toHaveLength(15);
      // Ordered by end, then start, then filing date.
      expect(all!.rows.slice(1, 4).map((row) => [row[0], row[7]])).toEqual([
        [DAY('2020-05-02'), DAY('2021-06-09')],
        [DAY('2020-05-02'), DAY('2021-08-27')],
        [DAY('2020-05-02'), DAY('2021-12-03')],
      ]);
      const [assets] = (await query(
        'facts-table',
        { company: '1835632', concept: 'Assets', history: true },
        { from: DAY('2022-01-29'), to: DAY('2022-01-30') },
      )) as TableFrame[];
      expect(assets!.rows.map((row) => [row[1], row[2], row[5], row[7]])).toEqual([
        [null, 22108597000, 'FY', DAY('2022-03-10')],
        [null, 22108600000, 'Q1', DAY('2022-05-27')],
        [null, 22108600000, 'Q2', DAY('2022-08-26')],
        [null, 22108600000, 'Q3', DAY('2022-12-02')],
        [null, 22108600000, 'FY', DAY('2023-03-09')],
      ]);
    });
  });

  describe('failures', () => {
    it('says how to set the User-Agent when none is configured, before sending anything', async () => {
      const anonymous = await fresh({ baseUrl });
      for (const [source, params] of [
        ['companies', { query: 'AAPL' }],
        ['filings', { company: '320193' }],
        ['facts', { company: '320193', concept: 'Assets' }],
      ] as const) {
        const error = await failure(anonymous[source]!.query({ params, range: ALL_TIME, maxPoints: 10 }, signal));
        expect(error.code).toBe('DATA_SOURCE_ERROR');
        expect(error.message).toMatch(/set "userAgent" in the NAUTILUS_PLUGIN_CONFIG file/);
        expect(error.message).toMatch(/contact e-mail/);
      }
      expect(requests).toHaveLength(0);
    });

    it('refuses a base URL that is not http(s) and a User-Agent without an e-mail, naming the setting', async () => {
      const badUrl = await failure(
        Promise.resolve().then(() => plugin.setup(context({ baseUrl: 'ftp://x', userAgent: USER_AGENT }))),
      );
      expect(badUrl).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'config.baseUrl' }] });
      const badAgent = await failure(Promise.resolve().then(() => plugin.setup(context({ baseUrl, userAgent: 'curl/8.0' }))));
      expect(badAgent).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'config.userAgent' }] });
    });

    it('turns a 403 into DATA_SOURCE_ERROR about the User-Agent, and SEC’s rate-threshold page into RATE_LIMITED', async () => {
      answers.set('/submissions/CIK0000320193.json', {
        status: 403,
        body: '<html><title>Undeclared Automated Tool</title></html>',
      });
      const refused = await failure(query('filings', { company: '320193' }));
      expect(refused).toMatchObject({
        code: 'DATA_SOURCE_ERROR',
        details: { provider: 'sec-edgar', endpoint: 'submissions', status: 403 },
      });
      expect(refused.message).toMatch(/User-Agent/);
      answers.set('/submissions/CIK0000320193.json', {
        status: 403,
        body: '<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head></html>',
      });
      expect(await failure(query('filings', { company: '320193' }))).toMatchObject({
        code: 'RATE_LIMITED',
        details: { status: 403, retryAfterSeconds: 600 },
      });
    });

    it('turns a 429 into RATE_LIMITED with the wait (SEC’s 10-minute block when unnamed), a 500 into DATA_SOURCE_ERROR', async () => {
      answers.set('/files/company_tickers.json', { status: 429, body: '', headers: { 'retry-after': '30' } });
      expect(await failure(query('companies', { query: 'AAPL' }))).toMatchObject({
        code: 'RATE_LIMITED',
        details: { provider: 'sec-edgar', endpoint: 'company_tickers.json', retryAfterSeconds: 30 },
      });
      answers.set('/files/company_tickers.json', { status: 429, body: '' });
      const unnamed = await failure(query('companies', { query: 'AAPL' }));
      expect(unnamed).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 600 } });
      expect(unnamed.message).toMatch(/10 requests a second/);
      answers.set('/api/xbrl/companyfacts/CIK0000320193.json', { status: 500, body: '<html>error</html>' });
      expect(await failure(query('facts', { company: '320193', concept: 'Assets' }))).toMatchObject({
        code: 'DATA_SOURCE_ERROR',
        details: { provider: 'sec-edgar', endpoint: 'companyfacts', status: 500 },
      });
    });

    it('names the endpoint of a body that is not JSON, and the field of a wrong-typed ticker entry', async () => {
      answers.set('/submissions/CIK0000320193.json', { status: 200, body: '<html>maintenance</html>' });
      expect((await failure(query('filings', { company: '320193' }))).message).toMatch(/not a JSON object for submissions/);
      answers.set('/submissions/CIK0000320193.json', { status: 200, body: '[]' });
      expect((await failure(query('filings', { company: '320193' }))).code).toBe('DATA_SOURCE_ERROR');
      const tickers = JSON.parse(fixture(TICKERS));
      tickers['5'].cik_str = 'one';
      answers.set('/files/company_tickers.json', { status: 200, body: JSON.stringify(tickers) });
      const error = await failure(query('companies', { query: 'AAPL' }));
      expect(error).toMatchObject({
        code: 'DATA_SOURCE_ERROR',
        details: { provider: 'sec-edgar', endpoint: 'company_tickers.json', field: '["5"].cik_str' },
      });
      expect(error.message).toMatch(/\["5"\]\.cik_str is not a CIK number \(got "one"\)/);
      tickers['5'].cik_str = 1326801;
      tickers['7'].ticker = null;
      answers.set('/files/company_tickers.json', { status: 200, body: JSON.stringify(tickers) });
      expect((await failure(query('companies', { query: 'AAPL' }))).details.field).toBe('["7"].ticker');
    });

    it('stops at an aborted signal: nothing is sent', async () => {
      serve('/files/company_tickers.json', TICKERS);
      const controller = new AbortController();
      controller.abort(new Error('the panel went away'));
      const source = sources.filings!;
      await expect(
        source.query({ params: { company: 'AAPL' }, range: ALL_TIME, maxPoints: 10 }, controller.signal),
      ).rejects.toThrow('the panel went away');
      expect(requests).toHaveLength(0);
    });
  });
});

describe('the manifest', () => {
  it('declares both SEC hosts with limits that sum to SEC’s 10 requests a second', () => {
    expect(manifest.id).toBe('nautilus.sec-edgar');
    expect(manifest.permissions.network).toEqual(['www.sec.gov', 'data.sec.gov']);
    const limits = manifest.permissions.rateLimits ?? [];
    expect(limits.map((limit) => limit.host).sort()).toEqual(['data.sec.gov', 'www.sec.gov']);
    expect(limits.every((limit) => limit.perSeconds === 1)).toBe(true);
    expect(limits.reduce((sum, limit) => sum + limit.requests, 0)).toBeLessThanOrEqual(10);
    expect(manifest.contributes.dataSources!.map((source) => source.id)).toEqual([
      'companies',
      'filings',
      'facts',
      'facts-table',
    ]);
  });
});
