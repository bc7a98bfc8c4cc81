import { seedOf } from './counter-random.ts';
import { ANCHOR_DAY, type DailyProcess, type DayColumns, EPOCH_DAY, startDailyProcess } from './daily-process.ts';
import type { SimInstrument } from './instrument.ts';
import type { TradingSession } from './sessions.ts';

export { ANCHOR_DAY, EPOCH_DAY } from './daily-process.ts';

/**
 * The daily skeleton of one instrument: open and close log prices, volatility and volume level per
 * trading date. The process is sequential from EPOCH_DAY, so it is computed once and extended on
 * demand (about a microsecond a day); any date is then an array read.
 */
export class DailyPath {
  readonly instrument: SimInstrument;
  readonly session: TradingSession;
  readonly seed: number;
  readonly #process: DailyProcess;
  #columns: DayColumns = {
    open: new Float64Array(0),
    close: new Float64Array(0),
    sigma: new Float64Array(0),
    volume: new Float64Array(0),
  };
  #computed = 0;
  // Shifts every log price so that the close on ANCHOR_DAY is exactly the anchor price.
  readonly #pin: number;

  constructor(instrument: SimInstrument, session: TradingSession) {
    this.instrument = instrument;
    this.session = session;
    this.seed = seedOf(instrument.symbol);
    this.#process = startDailyProcess(instrument, session, this.seed);
    this.#pin = Math.log(instrument.anchorPrice) - this.#read('close', ANCHOR_DAY);
  }

  /** Log of the session's opening price on trading date `day` (>= EPOCH_DAY). */
  openLog(day: number): number {
    return this.#read('open', day) + this.#pin;
  }

  /** Log of the closing price on trading date `day`. */
  closeLog(day: number): number {
    return this.#read('close', day) + this.#pin;
  }

  /** Standard deviation of the day's log return, clustering included. */
  sigma(day: number): number {
    return this.#read('sigma', day);
  }

  /** The day's volume relative to the instrument's typical day (mean 1, higher on big moves). */
  volumeFactor(day: number): number {
    return this.#read('volume', day);
  }

  #read(column: keyof DayColumns, day: number): number {
    const index = day - EPOCH_DAY;
    if (index >= this.#computed) this.#extend(index + 366);
    return this.#columns[column][index] as number;
  }

  #extend(size: number): void {
    const grown = Math.max(size, this.#computed * 2);
    const previous = this.#columns;
    const grow = (values: Float64Array) => {
      const next = new Float64Array(grown);
      next.set(values);
      return next;
    };
    this.#columns = {
      open: grow(previous.open),
      close: grow(previous.close),
      sigma: grow(previous.sigma),
      volume: grow(previous.volume),
    };
    for (let index = this.#computed; index < grown; index++) this.#process.step(this.#columns, index);
    this.#computed = grown;
  }
}
