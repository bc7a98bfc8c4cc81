import { type DataQuery, type Frame, NautilusError, type PluginContext, type TableColumn } from '@nautilus/sdk';
import { resolveCompany, type TickerDirectory } from './companies.ts';
import { dateMs, isObject, malformed, type SecSettings, secGet } from './sec-request.ts';

export type Period = 'annual' | 'quarterly' | 'all';

export interface FactsParams {
  company: string;
  concept: string;
  unit?: string;
  period?: Period;
  asOf?: string;
  /** factsTable only: every filing of each value, not only the one known last. */
  history?: boolean;
}

/** One reported value of a concept, as companyfacts lists it. */
export interface Fact {
  /** The period's first day (epoch ms, 00:00 UTC); null for an instant (a balance on a date). */
  start: number | null;
  end: number;
  value: number;
  fy: number | null;
  fp: string | null;
  form: string;
  filed: number;
  accession: string;
}

const ENDPOINT = 'companyfacts';
const CONCEPT_PATTERN = /^(?:([A-Za-z][A-Za-z0-9-]*):)?([A-Za-z_][A-Za-z0-9_.-]*)$/;
const PERIODS: readonly Period[] = ['annual', 'quarterly', 'all'];

/** A concept's facts in one unit, with what names them. */
interface ConceptFacts {
  concept: string;
  label: string;
  unit: string;
  facts: Fact[];
}

/**
 * One concept of a company's XBRL facts as a time series: one point per period end date (00:00 UTC),
 * the value as known on `asOf` (the latest filing up to that date), or as known today without it.
 */
export async function queryFacts(
  ctx: PluginContext,
  settings: SecSettings,
  directory: TickerDirectory,
  query: DataQuery<FactsParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const loaded = await loadFacts(ctx, settings, directory, query.params, signal);
  const points = inRange(selectFacts(loaded.facts, query.params), query.range, query.maxPoints);
  return [
    {
      kind: 'timeseries',
      series: [
        {
          name: `${loaded.label} (${loaded.unit})`,
          unit: loaded.unit,
          time: points.map((fact) => fact.end),
          values: points.map((fact) => fact.value),
        },
      ],
    },
  ];
}

const TABLE_COLUMNS: TableColumn[] = [
  { name: 'end', type: 'time' },
  { name: 'start', type: 'time' },
  { name: 'value', type: 'number' },
  { name: 'unit', type: 'string' },
  { name: 'fy', type: 'number' },
  { name: 'fp', type: 'string' },
  { name: 'form', type: 'string' },
  { name: 'filed', type: 'time' },
  { name: 'accession', type: 'string' },
];

/**
 * The same facts as `queryFacts` as a table that keeps each value's filing: when it was filed, in
 * which form and accession. With `history`, every filing of each value (restatements and the repeats
 * of later reports) known on `asOf`, oldest period first.
 */
export async function queryFactsTable(
  ctx: PluginContext,
  settings: SecSettings,
  directory: TickerDirectory,
  query: DataQuery<FactsParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const loaded = await loadFacts(ctx, settings, directory, query.params, signal);
  const facts = inRange(selectFacts(loaded.facts, query.params), query.range, query.maxPoints);
  return [
    {
      kind: 'table',
      columns: TABLE_COLUMNS.map((column) => (column.name === 'value' ? { ...column, unit: loaded.unit } : column)),
      rows: facts.map((fact) => [
        fact.end,
        fact.start,
        fact.value,
        loaded.unit,
        fact.fy,
        fact.fp,
        fact.form,
        fact.filed,
        fact.accession,
      ]),
    },
  ];
}

/** Checks the params that need more than the schema (a real date, a concept's shape), before anything is sent. */
function checkParams(params: FactsParams): { taxonomy: string; name: string; asOf: number | undefined } {
  const concept = CONCEPT_PATTERN.exec(params.concept.trim());
  if (!concept) {
    throw new NautilusError('VALIDATION', `SEC EDGAR: params.concept ${JSON.stringify(params.concept)} is not a concept name.`, {
      fields: [{ path: 'params.concept', message: 'must be a concept such as us-gaap:NetIncomeLoss or NetIncomeLoss' }],
    });
  }
  if (params.period !== undefined && !PERIODS.includes(params.period)) {
    throw new NautilusError('VALIDATION', `SEC EDGAR: params.period must be annual, quarterly or all.`, {
      fields: [{ path: 'params.period', message: 'must be annual, quarterly or all' }],
    });
  }
  const asOf = params.asOf === undefined ? undefined : dateMs(params.asOf);
  if (asOf !== undefined && !Number.isFinite(asOf)) {
    throw new NautilusError('VALIDATION', `SEC EDGAR: params.asOf ${JSON.stringify(params.asOf)} is not a YYYY-MM-DD date.`, {
      fields: [{ path: 'params.asOf', message: 'must be a date, YYYY-MM-DD' }],
    });
  }
  return { taxonomy: concept[1] ?? 'us-gaap', name: concept[2] as string, asOf };
}

/** Fetches a company's facts and reads the one concept in the one unit asked for (or the default unit). */
async function loadFacts(
  ctx: PluginContext,
  settings: SecSettings,
  directory: TickerDirectory,
  params: FactsParams,
  signal: AbortSignal,
): Promise<ConceptFacts> {
  const { taxonomy, name } = checkParams(params);
  const { cik } = await resolveCompany(directory, params.company, signal);
  const body = await secGet(ctx, settings, 'data', `api/xbrl/companyfacts/CIK${cik}.json`, ENDPOINT, signal, () => {
    return new NautilusError(
      'NOT_FOUND',
      `EDGAR has no XBRL financial data for CIK ${cik}: no such company, or one that files no XBRL financial statements.`,
      { details: { provider: 'sec-edgar', endpoint: ENDPOINT, cik } },
    );
  });
  return readConcept(body, cik, taxonomy, name, params.unit);
}

/** The facts of `taxonomy:name` in `unit` from a companyfacts answer; an unknown concept is NOT_FOUND naming some that exist. */
export function readConcept(
  body: Record<string, unknown>,
  cik: string,
  taxonomy: string,
  name: string,
  unit: string | undefined,
): ConceptFacts {
  const concept = `${taxonomy}:${name}`;
  const all = body.facts;
  if (!isObject(all)) throw malformed(ENDPOINT, 'facts', 'is not an object');
  const inTaxonomy = all[taxonomy];
  const entry = isObject(inTaxonomy) ? inTaxonomy[name] : undefined;
  if (entry === undefined) {
    const company = typeof body.entityName === 'string' ? `${body.entityName} (CIK ${cik})` : `CIK ${cik}`;
    throw new NautilusError(
      'NOT_FOUND',
      `EDGAR has no ${concept} for ${company}. It reports for instance: ${suggestions(all, taxonomy, name).join(', ') || 'nothing'}.`,
      { details: { provider: 'sec-edgar', endpoint: ENDPOINT, cik, concept } },
    );
  }
  const path = `facts.${taxonomy}.${name}`;
  if (!isObject(entry)) throw malformed(ENDPOINT, path, 'is not an object');
  if (entry.label !== null && entry.label !== undefined && typeof entry.label !== 'string') {
    throw malformed(ENDPOINT, `${path}.label`, 'is not a string');
  }
  const units = entry.units;
  if (!isObject(units)) throw malformed(ENDPOINT, `${path}.units`, 'is not an object');
  const available = Object.keys(units);
  const chosen = unit ?? (available.length === 1 ? available[0] : available.includes('USD') ? 'USD' : undefined);
  if (chosen === undefined || !available.includes(chosen)) {
    const list = available.join(', ') || 'none';
    throw new NautilusError(
      'VALIDATION',
      unit === undefined
        ? `SEC EDGAR: ${concept} is reported in several units (${list}); choose one with params.unit.`
        : `SEC EDGAR: ${concept} is not reported in ${JSON.stringify(unit)}; its units are ${list}.`,
      { fields: [{ path: 'params.unit', message: `must be one of ${list}` }] },
    );
  }
  const list = units[chosen];
  const at = `${path}.units.${chosen}`;
  if (!Array.isArray(list)) throw malformed(ENDPOINT, at, 'is not a list');
  const label = typeof entry.label === 'string' && entry.label.trim() !== '' ? entry.label : concept;
  return { concept, label, unit: chosen, facts: list.map((fact, index) => parseFact(fact, `${at}[${index}]`)) };
}

/** Up to 8 concepts that exist: those whose name holds the one asked for first, in the taxonomy asked for when it exists. */
function suggestions(all: Record<string, unknown>, taxonomy: string, name: string): string[] {
  const taxonomies = isObject(all[taxonomy]) ? [taxonomy] : Object.keys(all);
  const names = taxonomies.flatMap((tax) =>
    isObject(all[tax]) ? Object.keys(all[tax]).map((concept) => `${tax}:${concept}`) : [],
  );
  const wanted = name.toLowerCase();
  const close = names.filter((concept) => concept.toLowerCase().includes(wanted));
  return [...close, ...names.filter((concept) => !close.includes(concept))].slice(0, 8);
}

function parseFact(value: unknown, at: string): Fact {
  if (!isObject(value)) throw malformed(ENDPOINT, at, 'is not an object');
  const end = dateMs(value.end);
  if (!Number.isFinite(end)) throw malformed(ENDPOINT, `${at}.end`, 'is not a YYYY-MM-DD date');
  const start = value.start === undefined || value.start === null ? null : dateMs(value.start);
  if (start !== null && !(start <= end)) throw malformed(ENDPOINT, `${at}.start`, 'is not a YYYY-MM-DD date on or before end');
  if (typeof value.val !== 'number' || !Number.isFinite(value.val)) {
    throw malformed(ENDPOINT, `${at}.val`, `is not a number (got ${JSON.stringify(value.val)?.slice(0, 20)})`);
  }
  const filed = dateMs(value.filed);
  if (!Number.isFinite(filed)) throw malformed(ENDPOINT, `${at}.filed`, 'is not a YYYY-MM-DD date');
  if (typeof value.accn !== 'string' || value.accn === '') throw malformed(ENDPOINT, `${at}.accn`, 'is not a string');
  if (typeof value.form !== 'string') throw malformed(ENDPOINT, `${at}.form`, 'is not a string');
  const fy = value.fy ?? null;
  if (fy !== null && !(typeof fy === 'number' && Number.isInteger(fy))) throw malformed(ENDPOINT, `${at}.fy`, 'is not a year');
  const fp = value.fp ?? null;
  if (fp !== null && typeof fp !== 'string') throw malformed(ENDPOINT, `${at}.fp`, 'is not a string');
  return { start, end, value: value.val, fy, fp, form: value.form, filed, accession: value.accn };
}

/** Annual (fiscal period FY, else a 10-K, 20-F or 40-F) or quarterly (Q1-Q4, else a 10-Q); undefined for neither. */
function periodOf(fact: Fact): Exclude<Period, 'all'> | undefined {
  if (fact.fp === 'FY') return 'annual';
  if (fact.fp !== null && /^Q[1-4]$/.test(fact.fp)) return 'quarterly';
  if (/^(10-K|20-F|40-F)/.test(fact.form)) return 'annual';
  if (/^10-Q/.test(fact.form)) return 'quarterly';
  return undefined;
}

/**
 * The facts a series shows, oldest period end first: those filed on or before `asOf` (all without
 * it), of the period asked for, and one per end date. A value is repeated in later reports and
 * sometimes restated; the one kept is the latest filed, "as known on asOf". A 10-Q also reports the
 * year to date, ending on the quarter's last day: the point keeps the shortest period (the quarter)
 * or, for `annual`, the longest (the year). With `history`, every fact is kept.
 */
export function selectFacts(facts: Fact[], params: Pick<FactsParams, 'period' | 'asOf' | 'history'>): Fact[] {
  const period = params.period ?? 'all';
  const asOf = params.asOf === undefined ? Number.POSITIVE_INFINITY : dateMs(params.asOf);
  const known = facts.filter((fact) => fact.filed <= asOf && (period === 'all' || periodOf(fact) === period));
  const byPeriod = (a: Fact, b: Fact) => a.end - b.end || (a.start ?? a.end) - (b.start ?? b.end) || a.filed - b.filed;
  if (params.history) return known.sort(byPeriod);
  const byEnd = new Map<number, Fact[]>();
  for (const fact of known) {
    const group = byEnd.get(fact.end);
    if (group) group.push(fact);
    else byEnd.set(fact.end, [fact]);
  }
  const kept: Fact[] = [];
  for (const [end, group] of byEnd) {
    const length = (fact: Fact) => end - (fact.start ?? end);
    const lengths = group.map(length);
    const target = period === 'annual' ? Math.max(...lengths) : Math.min(...lengths);
    // The latest filed of that period; on a tie, the one SEC lists last.
    const best = group.filter((fact) => length(fact) === target).reduce((a, b) => (b.filed >= a.filed ? b : a));
    kept.push(best);
  }
  return kept.sort((a, b) => a.end - b.end);
}

/** The facts whose period ends in [from, to); the most recent `maxPoints`. */
function inRange(facts: Fact[], range: { from: number; to: number }, maxPoints: number): Fact[] {
  const within = facts.filter((fact) => fact.end >= range.from && fact.end < range.to);
  return within.slice(Math.max(0, within.length - maxPoints));
}
