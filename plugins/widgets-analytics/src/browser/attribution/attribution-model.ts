import type { TableFrame } from '@nautilus/sdk';
import { columnIndexes, FrameShapeError, numberCell } from '../shared/columns.ts';

const EFFECTS = ['Allocation', 'Selection', 'Interaction'] as const;

export interface AttributionSegment {
  segment: string;
  allocation: number;
  selection: number;
  interaction: number;
  total: number;
}

/** One bar of the waterfall: an effect floating from the running sum before it, or the total from 0. */
export interface WaterfallStep {
  label: string;
  value: number;
  from: number;
  to: number;
  kind: 'effect' | 'total';
}

export interface AttributionModel {
  by: 'instrument' | 'asset class';
  segments: AttributionSegment[];
  steps: WaterfallStep[];
  /** Active return − the effects' sum, from the source's summary; null when the source gave none. */
  residual: number | null;
  activeReturn: number;
}

const EXPECTS =
  'Attribution expects tables with columns Instrument or Asset class, Allocation, Selection, Interaction and Total (nautilus.core/analytics, kind portfolio, view attribution)';

/**
 * The waterfall and table of one segmentation. The bars are the linked effects summed over segments,
 * then the residual, ending at the active return the source reports, so the last bar checks that the
 * effects add up. Without the source's summary table (Effect, By instrument, By asset class) the active
 * return is the effects' sum and the residual unknown.
 */
export function attributionModel(tables: TableFrame[], by: 'instrument' | 'asset class'): AttributionModel {
  const label = by === 'instrument' ? 'Instrument' : 'Asset class';
  const segmentTables = tables.filter(
    (table) => table.columns[0]?.name === 'Instrument' || table.columns[0]?.name === 'Asset class',
  );
  const table = segmentTables.find((candidate) => candidate.columns[0]?.name === label) ?? segmentTables[0];
  if (!table) throw new FrameShapeError(`${EXPECTS}; got ${tables.length} table(s) without either.`);
  const at = columnIndexes(table, [...EFFECTS, 'Total'] as const, EXPECTS);
  const segments = table.rows.map((row) => ({
    segment: String(row[0] ?? ''),
    allocation: numberCell(row[at.Allocation]) ?? 0,
    selection: numberCell(row[at.Selection]) ?? 0,
    interaction: numberCell(row[at.Interaction]) ?? 0,
    total: numberCell(row[at.Total]) ?? 0,
  }));
  const sums = {
    Allocation: segments.reduce((sum, segment) => sum + segment.allocation, 0),
    Selection: segments.reduce((sum, segment) => sum + segment.selection, 0),
    Interaction: segments.reduce((sum, segment) => sum + segment.interaction, 0),
  };
  const summary = tables.find((candidate) => candidate.columns[0]?.name === 'Effect');
  const drawn = table.columns[0]!.name === 'Instrument' ? 'By instrument' : 'By asset class';
  const column = summary?.columns.findIndex((entry) => entry.name === drawn) ?? -1;
  const summaryValue = (effect: string) =>
    summary && column >= 0 ? numberCell(summary.rows.find((row) => row[0] === effect)?.[column]) : null;
  // The summary column follows the segmentation actually drawn (asset class tables may be absent).
  const residual = summaryValue('Residual');
  const effectSum = sums.Allocation + sums.Selection + sums.Interaction;
  const activeReturn = summaryValue('Active return') ?? effectSum;
  const steps: WaterfallStep[] = [];
  let running = 0;
  const effects: [string, number][] = [...EFFECTS.map((effect) => [effect, sums[effect]] as [string, number])];
  if (residual !== null) effects.push(['Residual', residual]);
  for (const [name, value] of effects) {
    steps.push({ label: name, value, from: running, to: running + value, kind: 'effect' });
    running += value;
  }
  steps.push({ label: 'Active return', value: activeReturn, from: 0, to: activeReturn, kind: 'total' });
  return { by: drawn === 'By instrument' ? 'instrument' : 'asset class', segments, steps, residual, activeReturn };
}
