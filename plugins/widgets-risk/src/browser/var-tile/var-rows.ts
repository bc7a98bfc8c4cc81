import { TRAFFIC_LIGHTS, type TrafficLight, VAR_BACKTEST_COLUMNS, VAR_COLUMNS } from '@nautilus/sdk';
import { formatConfidence, formatNumber } from '@nautilus/widget-kit';
import { numberCell, type TableReading, textCell } from '../shared/table-frame.ts';

/** One method's figures from a VaR / ES table. Missing numbers are NaN. */
export interface VarRow {
  method: string;
  confidence: number;
  horizonDays: number;
  var: number;
  es: number;
  /** Fractions of the portfolio's gross value (0.021 = 2.1 %). */
  varPct: number;
  esPct: number;
  /** '' when the model did not say. */
  backend: string;
  observations: number;
  /** Present when the table has backtest columns with a value for this method. */
  backtest?: { exceptions: number; kupiecP: number; trafficLight?: TrafficLight };
}

/** The rows of a checked VaR / ES table, one per method (the first row of a method wins), in table order. */
export function readVarRows(reading: Extract<TableReading, { status: 'ok' }>): VarRow[] {
  const at = (name: string) => reading.column(name);
  const rows: VarRow[] = [];
  for (const cells of reading.rows) {
    const method = textCell(cells, at(VAR_COLUMNS.method));
    if (method === '' || rows.some((row) => row.method === method)) continue;
    const row: VarRow = {
      method,
      confidence: numberCell(cells, at(VAR_COLUMNS.confidence)),
      horizonDays: numberCell(cells, at(VAR_COLUMNS.horizonDays)),
      var: numberCell(cells, at(VAR_COLUMNS.var)),
      es: numberCell(cells, at(VAR_COLUMNS.es)),
      varPct: numberCell(cells, at(VAR_COLUMNS.varPct)),
      esPct: numberCell(cells, at(VAR_COLUMNS.esPct)),
      backend: textCell(cells, at(VAR_COLUMNS.backend)),
      observations: numberCell(cells, at(VAR_COLUMNS.observations)),
    };
    const exceptions = numberCell(cells, at(VAR_BACKTEST_COLUMNS.exceptions));
    const kupiecP = numberCell(cells, at(VAR_BACKTEST_COLUMNS.kupiecP));
    const light = textCell(cells, at(VAR_BACKTEST_COLUMNS.trafficLight)) as TrafficLight;
    const trafficLight = TRAFFIC_LIGHTS.includes(light) ? light : undefined;
    if (Number.isFinite(exceptions) || Number.isFinite(kupiecP) || trafficLight) {
      row.backtest = { exceptions, kupiecP, ...(trafficLight ? { trafficLight } : {}) };
    }
    rows.push(row);
  }
  return rows;
}

const METHOD_LABELS: Record<string, string> = { parametric: 'Parametric', historical: 'Historical', montecarlo: 'Monte Carlo' };

/** `montecarlo` → `Monte Carlo`; a method the tile does not know is shown as named. */
export const methodLabel = (method: string): string => METHOD_LABELS[method] ?? method;

/** What the figures are: `99% · 1-day · 250 obs`, leaving out what the table does not say. */
export function describeSetup(row: VarRow): string {
  const parts: string[] = [];
  if (Number.isFinite(row.confidence)) parts.push(formatConfidence(row.confidence));
  if (Number.isFinite(row.horizonDays)) parts.push(`${formatNumber(row.horizonDays, 0)}-day`);
  if (Number.isFinite(row.observations)) parts.push(`${formatNumber(row.observations, 0)} obs`);
  return parts.join(' · ');
}

/** The backtest verdict in words, so colour is not its only cue: `Green zone · Kupiec p = 0.43 · 3 exceptions`. */
export function describeVerdict(backtest: NonNullable<VarRow['backtest']>): string {
  const parts: string[] = [];
  if (backtest.trafficLight) parts.push(`${backtest.trafficLight[0]!.toUpperCase()}${backtest.trafficLight.slice(1)} zone`);
  if (Number.isFinite(backtest.kupiecP)) {
    parts.push(backtest.kupiecP < 0.01 ? 'Kupiec p < 0.01' : `Kupiec p = ${formatNumber(backtest.kupiecP, 2)}`);
  }
  if (Number.isFinite(backtest.exceptions)) {
    parts.push(`${formatNumber(backtest.exceptions, 0)} ${backtest.exceptions === 1 ? 'exception' : 'exceptions'}`);
  }
  return parts.join(' · ');
}
