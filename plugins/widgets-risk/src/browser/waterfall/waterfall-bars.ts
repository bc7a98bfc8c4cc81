/** One bar of a P&L waterfall: a position's P&L floating from the running total, or the total from 0. */
export interface WaterfallBar {
  label: string;
  kind: 'up' | 'down' | 'total';
  /** The running total before and after the bar; the total bar runs from 0 to the total. */
  from: number;
  to: number;
  /** The position's P&L, or the total. */
  value: number;
}

export interface PositionPnl {
  symbol: string;
  pnl: number;
}

/**
 * The bars of a waterfall: each position from the running total before it to the total after it, then
 * the total. Positions without a P&L are left out. `magnitude` puts the largest gains and losses first
 * (ties keep their order), so the few positions that matter lead.
 */
export function waterfallBars(positions: readonly PositionPnl[], sort: 'magnitude' | 'input'): WaterfallBar[] {
  const known = positions.filter((position) => Number.isFinite(position.pnl));
  const ordered = sort === 'magnitude' ? [...known].sort((a, b) => Math.abs(b.pnl) - Math.abs(a.pnl)) : known;
  const bars: WaterfallBar[] = [];
  let running = 0;
  for (const { symbol, pnl } of ordered) {
    bars.push({ label: symbol, kind: pnl < 0 ? 'down' : 'up', from: running, to: running + pnl, value: pnl });
    running += pnl;
  }
  bars.push({ label: 'Total', kind: 'total', from: 0, to: running, value: running });
  return bars;
}

/** The value axis: its ends, on round ticks, always including 0. */
export interface ValueAxis {
  min: number;
  max: number;
  ticks: number[];
}

/** An axis covering every bar and 0, with about five round steps (1, 2, 2.5 or 5 times a power of ten). */
export function valueAxis(bars: readonly WaterfallBar[]): ValueAxis {
  let low = 0;
  let high = 0;
  for (const bar of bars) {
    low = Math.min(low, bar.from, bar.to);
    high = Math.max(high, bar.from, bar.to);
  }
  if (low === high) high = 1;
  const step = roundStep((high - low) / 5);
  // The epsilons keep an end that lies on a tick up to rounding (0.3 / 0.1 = 2.9999999999999996) from adding a step.
  const min = Math.floor(low / step + 1e-9) * step || 0;
  const max = Math.ceil(high / step - 1e-9) * step || 0;
  const ticks: number[] = [];
  // Multiplying rather than adding keeps 0.1 + 0.2 drift out of the tick values.
  for (let index = 0; min + index * step <= max + step * 1e-9; index++) ticks.push(roundTo(min + index * step, step));
  return { min, max, ticks };
}

function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

const roundTo = (value: number, step: number): number => {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(decimals)) || 0;
};
