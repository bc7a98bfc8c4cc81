import { checkLimitSet, type FieldIssue, type Limit, type LimitKind, type LimitSet, type Weekday } from '@nautilus/sdk';
import { LIMIT_KIND_INFO, type LimitField } from './limit-kinds.ts';

/**
 * One limit as the editor holds it: every field a kind can take, empty (null) when not set, so that
 * switching the kind or clearing a field never loses the row. `volatility` (maxVar) has no editor
 * and is carried through unchanged.
 */
export interface LimitDraft {
  key: string;
  kind: LimitKind;
  warn: number | null;
  hard: number | null;
  symbol: string | null;
  windowMs: number | null;
  timeZone: string | null;
  start: string | null;
  end: string | null;
  weekdays: Weekday[] | null;
  symbols: string[];
  confidence: number | null;
  volatility?: Record<string, number>;
}

export interface LimitSetDraft {
  limits: LimitDraft[];
  onHardBreach: LimitSet['onHardBreach'];
}

let lastKey = 0;
const nextKey = () => `limit-${++lastKey}`;

/** A new row of this kind with the defaults a user would most likely pick. */
export function newLimitDraft(kind: LimitKind, key: string = nextKey()): LimitDraft {
  const draft: LimitDraft = {
    key,
    kind,
    warn: null,
    hard: null,
    symbol: null,
    windowMs: null,
    timeZone: null,
    start: null,
    end: null,
    weekdays: null,
    symbols: [],
    confidence: null,
  };
  if (kind === 'maxOrderRate') draft.windowMs = 60_000;
  if (kind === 'maxVar') draft.confidence = 0.99;
  if (kind === 'tradingHours') Object.assign(draft, { timeZone: 'America/New_York', start: '09:30', end: '16:00' });
  return draft;
}

/** The row as another kind: thresholds stay when both kinds measure in the same unit, the rest starts afresh. */
export function changeLimitKind(draft: LimitDraft, kind: LimitKind): LimitDraft {
  const next = newLimitDraft(kind, draft.key);
  const sameUnit = LIMIT_KIND_INFO[kind].unit !== undefined && LIMIT_KIND_INFO[kind].unit === LIMIT_KIND_INFO[draft.kind].unit;
  if (sameUnit) Object.assign(next, { warn: draft.warn, hard: draft.hard });
  if (LIMIT_KIND_INFO[kind].fields.includes('symbol')) next.symbol = draft.symbol;
  return next;
}

export const emptyLimitSetDraft = (): LimitSetDraft => ({ limits: [], onHardBreach: 'deny' });

/** The editor's rows for a stored limit set (none: an empty set that denies on a hard breach). */
export function limitSetDraft(set: LimitSet | null | undefined, makeKey: () => string = nextKey): LimitSetDraft {
  if (!set) return emptyLimitSetDraft();
  return {
    onHardBreach: set.onHardBreach,
    limits: set.limits.map((limit) => {
      const draft = newLimitDraft(limit.kind, makeKey());
      const raw = limit as unknown as Record<string, unknown>;
      const number = (name: string) => (typeof raw[name] === 'number' ? (raw[name] as number) : null);
      const text = (name: string) => (typeof raw[name] === 'string' ? (raw[name] as string) : null);
      draft.warn = number('warn');
      draft.hard = number('hard');
      draft.windowMs = number('windowMs');
      draft.confidence = number('confidence');
      draft.symbol = text('symbol');
      draft.timeZone = text('timeZone');
      draft.start = text('start');
      draft.end = text('end');
      draft.weekdays = Array.isArray(raw.weekdays) ? ([...raw.weekdays] as Weekday[]) : null;
      draft.symbols = Array.isArray(raw.symbols) ? ([...raw.symbols] as string[]) : [];
      if (raw.volatility && typeof raw.volatility === 'object')
        draft.volatility = { ...(raw.volatility as Record<string, number>) };
      return draft;
    }),
  };
}

/**
 * The limit set the rows describe, with only the fields each kind takes and without empty ones. It
 * may be invalid (a missing hard threshold is left out, so that checkLimitSet names that field).
 */
export function limitSetFromDraft(draft: LimitSetDraft): LimitSet {
  const limits = draft.limits.map((row) => {
    const limit: Record<string, unknown> = { kind: row.kind };
    for (const field of LIMIT_KIND_INFO[row.kind].fields) {
      const value = row[field];
      const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
      if (!empty) limit[field] = Array.isArray(value) ? [...value] : value;
    }
    if (row.kind === 'maxVar' && row.volatility) limit.volatility = { ...row.volatility };
    return limit as unknown as Limit;
  });
  return { limits, onHardBreach: draft.onHardBreach };
}

/** Everything wrong with the rows, as sdk's checkLimitSet says it (paths like `limits[2].hard`). */
export function limitSetDraftIssues(draft: LimitSetDraft): FieldIssue[] {
  return checkLimitSet(limitSetFromDraft(draft));
}

/** Issues sorted to where the editor shows them: under a row's field, under a row, or under the set. */
export interface PlacedIssues {
  set: string[];
  rows: Map<number, { row: string[]; fields: Map<LimitField, string[]> }>;
}

const LIMIT_PATH = /^limits\[(\d+)\](?:\.([A-Za-z]+))?/;

/**
 * Places issues (client-side from checkLimitSet, or the server's, under `prefix` such as
 * 'config.limits') by row and field. Issues of other paths are left out.
 * @example placeLimitIssues([{ path: 'limits[1].hard', message: 'must be > warn (5), got 3' }]).rows.get(1)?.fields.get('hard')
 */
export function placeLimitIssues(issues: readonly FieldIssue[], prefix = ''): PlacedIssues {
  const placed: PlacedIssues = { set: [], rows: new Map() };
  for (const issue of issues) {
    let path = issue.path;
    if (prefix !== '') {
      if (path === prefix) path = '';
      else if (path.startsWith(`${prefix}.`)) path = path.slice(prefix.length + 1);
      else continue;
    }
    const match = LIMIT_PATH.exec(path);
    if (!match) {
      placed.set.push(path === '' || path === 'limits' ? issue.message : `${path}: ${issue.message}`);
      continue;
    }
    const index = Number(match[1]);
    const row = placed.rows.get(index) ?? { row: [], fields: new Map<LimitField, string[]>() };
    placed.rows.set(index, row);
    const field = match[2] as LimitField | undefined;
    const known = field !== undefined && Object.values(LIMIT_KIND_INFO).some((info) => info.fields.includes(field));
    if (known) row.fields.set(field, [...(row.fields.get(field) ?? []), issue.message]);
    else row.row.push(field ? `${field} ${issue.message}` : issue.message);
  }
  return placed;
}
