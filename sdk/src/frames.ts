import type { BookDeltaFrame, BookFrame } from './book/book-frame.ts';

/** Bar timeframes every bar data source understands. */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** Length of one bar of each timeframe, in milliseconds. */
export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

/**
 * OHLCV bars, column-wise (one array per field, all the same length) so that 100,000 bars stay
 * compact on the wire and feed charts without reshaping. `time` is each bar's open time in epoch
 * milliseconds (UTC), strictly increasing.
 */
export interface OhlcvFrame {
  kind: 'ohlcv';
  symbol: string;
  timeframe: Timeframe;
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
  /** Set by a stream on an update of a bar that has not closed yet: its values will still change. */
  forming?: boolean;
  /** Where the bars came from and what to know about them; set by core's bars source (`nautilus.core/bars`). */
  provenance?: BarsProvenance;
}

/** Which source answered which part of a bars request, and the flags a chart shows. */
export interface BarsProvenance {
  /** Each stretch of the range and the data source (`plugin/source`) that answered it, oldest first. */
  sources: { source: string; from: number; to: number; cached: boolean }[];
  /** True when prices are adjusted for splits and dividends, false when they are as traded. */
  adjusted: boolean;
  /**
   * Set when a provider failed and bars stored earlier answered instead: part of the range may be
   * missing or out of date. `message` says what failed.
   */
  stale?: { message: string; missingFrom: number; missingTo: number };
  /** Stretches where the instrument's session calendar expected bars and none came (the first 50). */
  gaps: { from: number; to: number }[];
  /** How many gaps there are in all (more than `gaps` holds when over 50). */
  gapCount: number;
  /** The session calendar the gaps were judged against. */
  calendar: string;
}

/** One or more named series of numbers over time (epoch ms, strictly increasing per series). */
export interface TimeSeriesFrame {
  kind: 'timeseries';
  series: {
    name: string;
    unit?: string;
    time: number[];
    values: number[];
    /** For a chart over bars: draw on the price scale (`overlay`) or in a pane below (`pane`, the default there). */
    placement?: 'overlay' | 'pane';
    /** Series with the same `pane` share one pane (an indicator's outputs, e.g. MACD's line and signal). */
    pane?: string;
  }[];
}

export interface TableColumn {
  name: string;
  type: 'string' | 'number' | 'time' | 'boolean';
  unit?: string;
}

/** Rows of cells, each row as long as `columns`. */
export interface TableFrame {
  kind: 'table';
  columns: TableColumn[];
  rows: (string | number | boolean | null)[][];
}

/** One number, optionally with the previous value for a change figure. */
export interface ScalarFrame {
  kind: 'scalar';
  value: number;
  previous?: number;
  unit?: string;
  label?: string;
}

/** Order books (`book`, a snapshot) and their changes (`bookDelta`) are described in book/book-frame.ts. */
export type Frame = OhlcvFrame | TimeSeriesFrame | TableFrame | ScalarFrame | BookFrame | BookDeltaFrame;
export type FrameKind = Frame['kind'];
export const FRAME_KINDS: readonly FrameKind[] = ['ohlcv', 'timeseries', 'table', 'scalar', 'book', 'bookDelta'];
