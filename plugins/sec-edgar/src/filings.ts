import { type DataQuery, type Frame, NautilusError, type PluginContext, type TableColumn, type TableFrame } from '@nautilus/sdk';
import { resolveCompany, type TickerDirectory } from './companies.ts';
import { dateMs, isObject, malformed, type SecSettings, secGet } from './sec-request.ts';

export interface FilingsParams {
  company: string;
  forms?: string[];
  limit?: number;
}

const ENDPOINT = 'submissions';
/** Where the documents are, whatever base URL the API calls go to: these are links for people. */
const ARCHIVES_URL = 'https://www.sec.gov/Archives/edgar/data/';

const COLUMNS: TableColumn[] = [
  { name: 'form', type: 'string' },
  { name: 'filed', type: 'time' },
  { name: 'reportDate', type: 'time' },
  { name: 'accessionNumber', type: 'string' },
  { name: 'primaryDocument', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'url', type: 'string' },
];

/** The NOT_FOUND of a CIK SEC has no submissions for (its S3 answers an XML NoSuchKey 404). */
export function noCompany(cik: string): NautilusError {
  return new NautilusError(
    'NOT_FOUND',
    `There is no EDGAR company with CIK ${cik}; look the company up with the companies source.`,
    {
      details: { provider: 'sec-edgar', endpoint: ENDPOINT, cik },
    },
  );
}

/**
 * A company's recent filings (`submissions/CIK##########.json`, `filings.recent`: some 1000 of the
 * latest), those filed within the range and of the form types asked for, newest first.
 */
export async function queryFilings(
  ctx: PluginContext,
  settings: SecSettings,
  directory: TickerDirectory,
  query: DataQuery<FilingsParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { company, forms, limit = 100 } = query.params;
  const { cik } = await resolveCompany(directory, company, signal);
  const body = await secGet(ctx, settings, 'data', `submissions/CIK${cik}.json`, ENDPOINT, signal, () => noCompany(cik));
  const wanted = forms && forms.length > 0 ? new Set(forms.map((form) => form.trim().toUpperCase())) : undefined;
  const table = parseFilings(body, cik, query.range);
  table.rows = table.rows
    .filter((row) => !wanted || wanted.has(String(row[0]).toUpperCase()))
    .slice(0, Math.max(0, Math.min(limit, query.maxPoints)));
  return [table];
}

/** The fields of `filings.recent` this reads. */
const FIELDS = ['accessionNumber', 'filingDate', 'reportDate', 'form', 'primaryDocument', 'primaryDocDescription'] as const;

/**
 * The filings of a submissions answer filed in [from, to), newest first. `filings.recent` is
 * column-oriented: one array per field, entry i of each being filing i; arrays of different lengths
 * are named as malformed, as is each cell of the wrong kind.
 */
export function parseFilings(
  body: Record<string, unknown>,
  cik: string,
  range: { from: number; to: number } = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY },
): TableFrame {
  if (!isObject(body.filings)) throw malformed(ENDPOINT, 'filings', 'is not an object');
  const recent = body.filings.recent;
  if (!isObject(recent)) throw malformed(ENDPOINT, 'filings.recent', 'is not an object');
  for (const field of FIELDS) {
    if (!Array.isArray(recent[field])) throw malformed(ENDPOINT, `filings.recent.${field}`, 'is not a list');
  }
  const accessions = recent.accessionNumber as unknown[];
  for (const [field, values] of Object.entries(recent)) {
    if (Array.isArray(values) && values.length !== accessions.length) {
      throw malformed(
        ENDPOINT,
        `filings.recent.${field}`,
        `has ${values.length} entries where filings.recent.accessionNumber has ${accessions.length}`,
      );
    }
  }
  const column = (field: (typeof FIELDS)[number]) => recent[field] as unknown[];
  const at = (field: string, index: number) => `filings.recent.${field}[${index}]`;
  const archive = `${ARCHIVES_URL}${cik.replace(/^0+(?=\d)/, '')}/`;
  const rows: [number, TableFrame['rows'][number]][] = [];
  accessions.forEach((accession, index) => {
    if (typeof accession !== 'string' || !/^\d{10}-\d{2}-\d{6}$/.test(accession)) {
      throw malformed(
        ENDPOINT,
        at('accessionNumber', index),
        `is not an accession number (got ${JSON.stringify(accession)?.slice(0, 30)})`,
      );
    }
    const filed = dateMs(column('filingDate')[index]);
    if (!Number.isFinite(filed)) throw malformed(ENDPOINT, at('filingDate', index), 'is not a YYYY-MM-DD date');
    const report = column('reportDate')[index];
    const reportDate = report === null || report === '' ? null : dateMs(report);
    if (reportDate !== null && !Number.isFinite(reportDate)) {
      throw malformed(ENDPOINT, at('reportDate', index), 'is not a YYYY-MM-DD date or empty');
    }
    const form = column('form')[index];
    if (typeof form !== 'string' || form === '') throw malformed(ENDPOINT, at('form', index), 'is not a form type');
    const document = column('primaryDocument')[index] ?? '';
    if (typeof document !== 'string') throw malformed(ENDPOINT, at('primaryDocument', index), 'is not a string');
    const description = column('primaryDocDescription')[index] ?? '';
    if (typeof description !== 'string') throw malformed(ENDPOINT, at('primaryDocDescription', index), 'is not a string');
    if (filed < range.from || filed >= range.to) return;
    rows.push([
      filed,
      [
        form,
        filed,
        reportDate,
        accession,
        document === '' ? null : document,
        description === '' ? null : description,
        `${archive}${accession.replace(/-/g, '')}/${document}`,
      ],
    ]);
  });
  // SEC lists them newest first already; sorting (stably) keeps that true whatever it sends.
  rows.sort((a, b) => b[0] - a[0]);
  return { kind: 'table', columns: COLUMNS, rows: rows.map(([, row]) => row) };
}
