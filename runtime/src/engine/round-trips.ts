import type { OrderSide, Trade } from '@nautilus/sdk';

/** Running figures of closed trades, kept even when the list of trades is capped. */
export interface TradeStats {
  count: number;
  wins: number;
  grossProfit: number;
  grossLoss: number;
  sumPnl: number;
  sumReturn: number;
}

/**
 * Turns fills into round trips: a trade opens when the position leaves zero and closes when it
 * returns to zero; a fill that flips the position closes one trade and opens the next, splitting its
 * commission by quantity. Call `onFill` with the position as it was before the fill.
 */
export class RoundTrips {
  readonly stats: TradeStats = { count: 0, wins: 0, grossProfit: 0, grossLoss: 0, sumPnl: 0, sumReturn: 0 };
  private long = true;
  private openedQuantity = 0;
  private entryNotional = 0;
  private closedQuantity = 0;
  private exitNotional = 0;
  private gross = 0;
  private commission = 0;
  private entryTime = 0;
  private entryBarIndex = 0;

  onFill(
    positionBefore: number,
    avgPriceBefore: number,
    side: OrderSide,
    quantity: number,
    price: number,
    commission: number,
    time: number,
    barIndex: number,
  ): Trade | null {
    const buying = side === 'buy';
    if (positionBefore === 0 || positionBefore > 0 === buying) {
      if (positionBefore === 0) this.open(buying, time, barIndex);
      this.openedQuantity += quantity;
      this.entryNotional += quantity * price;
      this.commission += commission;
      return null;
    }
    const held = Math.abs(positionBefore);
    const closing = Math.min(quantity, held);
    const share = closing / quantity;
    this.closedQuantity += closing;
    this.exitNotional += closing * price;
    this.gross += closing * (price - avgPriceBefore) * (positionBefore > 0 ? 1 : -1);
    this.commission += commission * share;
    // Same tolerance as the portfolio's: the position is flat when what remains is rounding dust.
    if (held - closing > 1e-12 * Math.max(held, quantity)) return null;
    const trade = this.close(time, barIndex);
    const opening = quantity - closing;
    if (opening > 1e-12 * quantity) {
      this.open(buying, time, barIndex);
      this.openedQuantity = opening;
      this.entryNotional = opening * price;
      this.commission = commission * (1 - share);
    }
    return trade;
  }

  private open(long: boolean, time: number, barIndex: number): void {
    this.long = long;
    this.openedQuantity = 0;
    this.entryNotional = 0;
    this.closedQuantity = 0;
    this.exitNotional = 0;
    this.gross = 0;
    this.commission = 0;
    this.entryTime = time;
    this.entryBarIndex = barIndex;
  }

  private close(time: number, barIndex: number): Trade {
    const pnl = this.gross - this.commission;
    const tradeReturn = pnl / this.entryNotional;
    const stats = this.stats;
    stats.count++;
    if (pnl > 0) {
      stats.wins++;
      stats.grossProfit += pnl;
    } else if (pnl < 0) {
      stats.grossLoss -= pnl;
    }
    stats.sumPnl += pnl;
    stats.sumReturn += tradeReturn;
    return Object.freeze({
      side: this.long ? 'long' : 'short',
      quantity: this.openedQuantity,
      entryTime: this.entryTime,
      entryBarIndex: this.entryBarIndex,
      entryPrice: this.entryNotional / this.openedQuantity,
      exitTime: time,
      exitBarIndex: barIndex,
      exitPrice: this.exitNotional / this.closedQuantity,
      pnl,
      return: tradeReturn,
      commission: this.commission,
    });
  }
}
