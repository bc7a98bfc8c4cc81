import type { Fill, Position, Trade } from '@nautilus/sdk';

/** A marker on the price chart, in lightweight-charts' shape (time in UTC seconds). */
export interface TradeMarker {
  id: string;
  time: number;
  position: 'aboveBar' | 'belowBar';
  shape: 'arrowUp' | 'arrowDown';
  color: string;
  text: string;
}

/** What the chart's tooltip says about the trades entered or left on one bar. */
export interface TradeNote {
  trade: number;
  kind: 'entry' | 'exit';
  text: string;
  pnl: number | null;
}

/** A position still open when the run ended: not a trade (trades are closed round trips), but drawn too. */
export interface OpenPosition {
  side: 'long' | 'short';
  quantity: number;
  time: number;
  price: number;
}

/**
 * The position open at the end and the fill that opened it: the first fill on its side at or after
 * the last trade's exit (a flip opens it with the fill that closed that trade). Undefined when flat,
 * or when that fill was not stored.
 */
export function openPosition(fills: readonly Fill[], trades: readonly Trade[], position: Position): OpenPosition | undefined {
  if (position.quantity === 0) return undefined;
  const side = position.quantity > 0 ? 'long' : 'short';
  const after = trades.at(-1)?.exitTime ?? Number.NEGATIVE_INFINITY;
  const opening = fills.find((fill) => fill.time >= after && fill.side === (side === 'long' ? 'buy' : 'sell'));
  if (!opening) return undefined;
  return { side, quantity: Math.abs(position.quantity), time: opening.time, price: position.avgPrice };
}

export const MARKER_COLORS = { buy: '#26a69a', sell: '#ef5350' } as const;

const price = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'always' });
const share = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, signDisplay: 'always' });
const size = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

/** Above this many trades the markers are arrows without text, so the candles stay readable. */
export const MAX_LABELLED_TRADES = 60;

/**
 * Two markers per trade, sorted by time as lightweight-charts needs them: its entry (a buy for a
 * long, below the bar) and its exit (a sell for a long, above the bar); a short is the reverse. A
 * position still open at the end adds its entry.
 * @example tradeMarkers([longTrade]) // [{ shape: 'arrowUp', text: 'Long 10', … }, { shape: 'arrowDown', text: '+8.00', … }]
 */
export function tradeMarkers(trades: readonly Trade[], open?: OpenPosition, maxLabelled = MAX_LABELLED_TRADES): TradeMarker[] {
  const labelled = trades.length <= maxLabelled;
  const markers: TradeMarker[] = [];
  trades.forEach((trade, index) => {
    const long = trade.side === 'long';
    const buy = { position: 'belowBar', shape: 'arrowUp', color: MARKER_COLORS.buy } as const;
    const sell = { position: 'aboveBar', shape: 'arrowDown', color: MARKER_COLORS.sell } as const;
    markers.push({
      id: `trade-${index}-entry`,
      time: Math.floor(trade.entryTime / 1000),
      ...(long ? buy : sell),
      text: labelled ? `${long ? 'Long' : 'Short'} ${size.format(trade.quantity)}` : '',
    });
    markers.push({
      id: `trade-${index}-exit`,
      time: Math.floor(trade.exitTime / 1000),
      ...(long ? sell : buy),
      text: labelled ? amount.format(trade.pnl) : '',
    });
  });
  if (open) {
    const long = open.side === 'long';
    markers.push({
      id: 'open-entry',
      time: Math.floor(open.time / 1000),
      position: long ? 'belowBar' : 'aboveBar',
      shape: long ? 'arrowUp' : 'arrowDown',
      color: long ? MARKER_COLORS.buy : MARKER_COLORS.sell,
      text: labelled ? `${long ? 'Long' : 'Short'} ${size.format(open.quantity)} (open)` : '',
    });
  }
  // Stable: on one bar an exit stays before the entry of the trade that follows it.
  return markers.sort((a, b) => a.time - b.time);
}

/** The trades entered or left on the bar opening at `timeMs`, described for the tooltip. */
export function tradeNotesAt(trades: readonly Trade[], timeMs: number, open?: OpenPosition): TradeNote[] {
  const notes: TradeNote[] = [];
  trades.forEach((trade, index) => {
    const side = trade.side === 'long' ? 'Long' : 'Short';
    const quantity = size.format(trade.quantity);
    if (trade.exitTime === timeMs) {
      notes.push({
        trade: index + 1,
        kind: 'exit',
        text: `#${index + 1} ${side} exit: ${trade.side === 'long' ? 'sell' : 'buy'} ${quantity} @ ${price.format(trade.exitPrice)} · P&L ${amount.format(trade.pnl)} (${share.format(trade.return)})`,
        pnl: trade.pnl,
      });
    }
    if (trade.entryTime === timeMs) {
      notes.push({
        trade: index + 1,
        kind: 'entry',
        text: `#${index + 1} ${side} entry: ${trade.side === 'long' ? 'buy' : 'sell'} ${quantity} @ ${price.format(trade.entryPrice)}`,
        pnl: null,
      });
    }
  });
  if (open?.time === timeMs) {
    notes.push({
      trade: trades.length + 1,
      kind: 'entry',
      text: `Open ${open.side}: ${open.side === 'long' ? 'buy' : 'sell'} ${size.format(open.quantity)} @ ${price.format(open.price)}, still held at the end`,
      pnl: null,
    });
  }
  return notes;
}
