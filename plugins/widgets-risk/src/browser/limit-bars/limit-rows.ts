import { LIMIT_COLUMNS, LIMIT_STATUSES, type LimitStatus, limitKindName } from '@nautilus/sdk';
import { formatAmount, formatPercent } from '@nautilus/widget-kit';
import { numberCell, type TableReading, textCell } from '../shared/table-frame.ts';

/** One limit from a limit table. Missing numbers are NaN. */
export interface LimitRow {
  limit: string;
  scope: string;
  value: number;
  /** NaN when the limit has no warning level. */
  warn: number;
  hard: number;
  /** value / hard, 1 at the hard limit. */
  utilisation: number;
  status: LimitStatus;
}

/**
 * The rows of a checked limit table. The table's utilisation and status are taken as given (the server
 * decides what a breach is); only when they are missing are they worked out from value, warn and hard.
 */
export function readLimitRows(reading: Extract<TableReading, { status: 'ok' }>): LimitRow[] {
  const at = (name: string) => reading.column(name);
  return reading.rows.map((cells) => {
    const value = numberCell(cells, at(LIMIT_COLUMNS.value));
    const warn = numberCell(cells, at(LIMIT_COLUMNS.warn));
    const hard = numberCell(cells, at(LIMIT_COLUMNS.hard));
    const given = numberCell(cells, at(LIMIT_COLUMNS.utilisation));
    const utilisation = Number.isFinite(given) ? given : hard ? value / hard : Number.NaN;
    const status = textCell(cells, at(LIMIT_COLUMNS.status)) as LimitStatus;
    return {
      limit: textCell(cells, at(LIMIT_COLUMNS.limit)),
      scope: textCell(cells, at(LIMIT_COLUMNS.scope)),
      value,
      warn,
      hard,
      utilisation,
      status: LIMIT_STATUSES.includes(status) ? status : statusOf(value, warn, utilisation),
    };
  });
}

function statusOf(value: number, warn: number, utilisation: number): LimitStatus {
  if (utilisation >= 1) return 'breach';
  return value >= warn ? 'warn' : 'ok';
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: LimitRow, b: LimitRow): number =>
  collator.compare(limitKindName(a.limit), limitKindName(b.limit)) || collator.compare(a.scope, b.scope);

/** The rows in display order: the most used limit first (unknown utilisation last), or by limit name then scope. */
export function orderLimits(rows: readonly LimitRow[], sort: 'utilisation' | 'name'): LimitRow[] {
  if (sort === 'name') return [...rows].sort(byName);
  const key = (row: LimitRow) => (Number.isFinite(row.utilisation) ? row.utilisation : Number.NEGATIVE_INFINITY);
  return [...rows].sort((a, b) => key(b) - key(a) || byName(a, b));
}

/** The limit by its name, not its code; scopes other than the whole portfolio are named: `Max position · SIM:AAPL`. */
export const limitName = (row: LimitRow): string => {
  const name = limitKindName(row.limit);
  return row.scope && row.scope !== 'portfolio' ? `${name} · ${row.scope}` : name;
};

/** `812,300 / 1,000,000 (81.23%)`: the real utilisation, however far past the limit. */
export const limitFigures = (row: LimitRow): string =>
  `${formatAmount(row.value)} / ${formatAmount(row.hard)} (${formatPercent(row.utilisation)})`;

/** Where the bar ends and where the warning tick sits, as fractions of the track, clamped to it. */
export function barGeometry(row: LimitRow): { fill: number; tick: number | null } {
  const clamp = (fraction: number) => Math.min(1, Math.max(0, fraction));
  const fill = Number.isFinite(row.utilisation) ? clamp(row.utilisation) : 0;
  const tick = Number.isFinite(row.warn) && Number.isFinite(row.hard) && row.hard !== 0 ? clamp(row.warn / row.hard) : null;
  return { fill, tick };
}
