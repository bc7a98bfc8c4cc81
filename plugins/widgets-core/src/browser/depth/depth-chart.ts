import { formatCellNumber, formatNumber, withAlpha } from '@nautilus/widget-kit';
import type { DepthModel, DepthRow } from './depth-model.ts';

export interface DepthChartColors {
  bid: string;
  ask: string;
  text: string;
  grid: string;
}

/**
 * The depth chart: cumulative size against price, bids stepping down to the left of the mid and asks
 * up to the right, each side filled in its colour; the price range of the rows at the bottom and the
 * deepest total at the top. Drawn on a canvas sized in CSS pixels × devicePixelRatio.
 */
export function drawDepthChart(
  canvas: HTMLCanvasElement,
  model: DepthModel,
  colors: DepthChartColors,
  width: number,
  height: number,
): void {
  const ratio = canvas.ownerDocument.defaultView?.devicePixelRatio ?? 1;
  const pixelWidth = Math.max(1, Math.round(width * ratio));
  const pixelHeight = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);

  const low = model.bids.at(-1)?.price ?? model.asks[0]?.price;
  const high = model.asks.at(-1)?.price ?? model.bids[0]?.price;
  if (low === undefined || high === undefined || model.maxTotal <= 0) return;
  const padX = 4;
  const top = 16;
  const bottom = height - 16;
  const span = high - low || 1;
  const x = (price: number) => padX + ((price - low) / span) * (width - 2 * padX);
  const y = (total: number) => bottom - (total / model.maxTotal) * (bottom - top);

  context.strokeStyle = colors.grid;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(0, bottom + 0.5);
  context.lineTo(width, bottom + 0.5);
  context.stroke();

  drawSide(context, model.bids, x, y, bottom, colors.bid);
  drawSide(context, model.asks, x, y, bottom, colors.ask);

  if (model.mid !== undefined) {
    context.strokeStyle = colors.text;
    context.setLineDash([3, 3]);
    context.beginPath();
    context.moveTo(Math.round(x(model.mid)) + 0.5, top);
    context.lineTo(Math.round(x(model.mid)) + 0.5, bottom);
    context.stroke();
    context.setLineDash([]);
  }

  context.fillStyle = colors.text;
  context.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  context.textBaseline = 'bottom';
  context.textAlign = 'left';
  context.fillText(formatNumber(low, model.priceDecimals), padX, height - 1);
  context.textAlign = 'right';
  context.fillText(formatNumber(high, model.priceDecimals), width - padX, height - 1);
  context.textBaseline = 'top';
  context.textAlign = 'left';
  context.fillText(`Σ ${formatCellNumber(model.maxTotal, totalDecimals(model))}`, padX, 1);
}

function totalDecimals(model: DepthModel): number {
  const total = model.maxTotal;
  return total >= 100 ? 0 : total >= 1 ? 2 : 4;
}

/** One side as a stepped area from the best price outwards. */
function drawSide(
  context: CanvasRenderingContext2D,
  rows: readonly DepthRow[],
  x: (price: number) => number,
  y: (total: number) => number,
  bottom: number,
  color: string,
): void {
  if (rows.length === 0) return;
  context.beginPath();
  const first = rows[0] as DepthRow;
  context.moveTo(x(first.price), bottom);
  let previousY = bottom;
  for (const row of rows) {
    const rowX = x(row.price);
    context.lineTo(rowX, previousY);
    previousY = y(row.total);
    context.lineTo(rowX, previousY);
  }
  context.lineTo(x((rows.at(-1) as DepthRow).price), bottom);
  context.closePath();
  context.fillStyle = withAlpha(color, 0.28);
  context.fill();
  context.strokeStyle = color;
  context.lineWidth = 1.5;
  context.stroke();
}
