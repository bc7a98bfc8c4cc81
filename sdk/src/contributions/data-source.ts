import type { Frame, FrameKind } from '../frames.ts';
import type { JsonSchema } from '../json-schema.ts';

/** What a data source declares in its plugin's manifest. */
export interface DataSourceDescriptor {
  /** Local id within the plugin; the global reference is `<pluginId>/<id>`. */
  id: string;
  name: string;
  description?: string;
  /** The frame kinds `query()` may return. */
  frames: FrameKind[];
  /** JSON Schema of the `params` a query takes; the host validates every query against it. */
  querySchema: JsonSchema;
  /** True when the implementation offers `stream()`. */
  streaming?: boolean;
  /** True when `stream()` can replay history at a multiple of real time (`StreamRequest.replay`). */
  replay?: boolean;
  /**
   * Declares this source an instrument search, merged by core into one search across providers (the
   * builder's instrument picker): the search text goes in the param named `param`, and the answer is a
   * table with a `symbol` column and, where known, `name`, `assetClass` and `exchange`.
   */
  instrumentSearch?: { param: string };
  /**
   * Declares this source the one the Data sources page's Test button calls, with these params (and
   * the last 7 days as range): it should be cheap and need nothing but the provider's settings.
   */
  connectionTest?: { params: Record<string, unknown> };
}

/** One query, with time already resolved by the host to absolute epoch milliseconds. */
export interface DataQuery<P = Record<string, unknown>> {
  params: P;
  range: { from: number; to: number };
  /** Upper bound on rows/bars the caller wants; a source may return fewer. */
  maxPoints: number;
}

/** What `stream()` is asked for: the query without a range, and optionally a replay of the recent past. */
export interface StreamRequest<P = Record<string, unknown>> extends Omit<DataQuery<P>, 'range'> {
  /**
   * Start at `from` (epoch ms, in the past) instead of now and let time run `speed` times faster than
   * the wall clock until it has caught up with now, then go on live. Only for sources that declare
   * `replay: true`; for demos and tests that should not wait minutes for a bar.
   */
  replay?: { from: number; speed: number };
}

/** The implementation a plugin's setup returns for a declared data source. */
export interface DataSource<P = Record<string, unknown>> {
  /** Answers one query. Honour `signal`: the host aborts it when the call times out. */
  query(query: DataQuery<P>, signal: AbortSignal): Promise<Frame[]>;
  /**
   * Optional live updates: call `emit` with each new frame until `signal` aborts, then resolve. A bar
   * source emits one-bar OhlcvFrames: with `forming: true` for an update of the bar still in progress
   * (a tick), without it once the bar has closed and is final. Declare `streaming: true` with it.
   */
  stream?(request: StreamRequest<P>, emit: (frame: Frame) => void, signal: AbortSignal): Promise<void>;
}
