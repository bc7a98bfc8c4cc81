import type { OhlcvFrame } from '@nautilus/sdk';
import { formatChange, formatValue, formatVolume } from '@nautilus/widget-kit';

/** One indicator line as the legend names it: `SMA 20`, `BB 20 2` with its value(s) at the bar. */
export interface OverlayReading {
  label: string;
  color: string;
  values: number[];
}

export interface CandleLegendInput {
  frame: OhlcvFrame;
  /** Index of the bar in the frame. */
  index: number;
  decimals: number;
  upColor: string;
  downColor: string;
  overlays: OverlayReading[];
}

/**
 * The legend over the chart's top left, as TradingView writes it: O, H, L, C, the change against the
 * previous close, the volume, then each overlay by name and parameters with its value. Text only, and
 * `data-time` / `data-field` for tests.
 */
export function renderCandleLegend(legend: HTMLElement, input: CandleLegendInput | null): void {
  const document = legend.ownerDocument;
  legend.hidden = input === null;
  if (!input) {
    legend.replaceChildren();
    delete legend.dataset.time;
    return;
  }
  const { frame, index, decimals } = input;
  const open = frame.open[index]!;
  const close = frame.close[index]!;
  const previousClose = previousDefined(frame.close, index);
  const color = close >= open ? input.upColor : input.downColor;
  const changeColor = Number.isFinite(previousClose) && close < previousClose ? input.downColor : input.upColor;

  const item = (name: string, field: string, text: string, valueColor?: string) => {
    const span = document.createElement('span');
    span.className = 'nwc-legend-item';
    const label = document.createElement('span');
    label.className = 'nwc-legend-label';
    label.textContent = name;
    const value = document.createElement('span');
    value.className = 'nwc-legend-value';
    value.dataset.field = field;
    value.textContent = text;
    if (valueColor) value.style.color = valueColor;
    span.append(...(name ? [label, value] : [value]));
    return span;
  };

  const bar = document.createElement('div');
  bar.className = 'nwc-legend-row';
  bar.append(
    item('O', 'open', formatValue(open, decimals), color),
    item('H', 'high', formatValue(frame.high[index]!, decimals), color),
    item('L', 'low', formatValue(frame.low[index]!, decimals), color),
    item('C', 'close', formatValue(close, decimals), color),
    item('', 'change', formatChange(close, previousClose, decimals), changeColor),
    item('Vol', 'volume', formatVolume(frame.volume[index]!)),
  );
  const rows: HTMLElement[] = [bar];
  if (input.overlays.length > 0) {
    const overlays = document.createElement('div');
    // On a narrow chart (a phone) only the bar's own values show: four rows of legend would hide the candles.
    overlays.className = 'nwc-legend-row nwc-legend-overlays';
    for (const overlay of input.overlays) {
      const text = overlay.values.map((value) => formatValue(value, decimals)).join(' / ');
      overlays.append(item(overlay.label, `overlay:${overlay.label}`, text, overlay.color));
    }
    rows.push(overlays);
  }
  legend.replaceChildren(...rows);
  legend.dataset.time = String(frame.time[index]);
}

/** The close of the nearest earlier bar that has one (NaN for the first bar). */
function previousDefined(closes: readonly number[], index: number): number {
  for (let previous = index - 1; previous >= 0; previous--) {
    if (Number.isFinite(closes[previous])) return closes[previous]!;
  }
  return Number.NaN;
}
