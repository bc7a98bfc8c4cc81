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
}

/** One query, with time already resolved by the host to absolute epoch milliseconds. */
export interface DataQuery<P = Record<string, unknown>> {
  params: P;
  range: { from: number; to: number };
  /** Upper bound on rows/bars the caller wants; a source may return fewer. */
  maxPoints: number;
}

/** The implementation a plugin's setup returns for a declared data source. */
export interface DataSource<P = Record<string, unknown>> {
  /** Answers one query. Honour `signal`: the host aborts it when the call times out. */
  query(query: DataQuery<P>, signal: AbortSignal): Promise<Frame[]>;
  /** Optional live updates: call `emit` with each new frame until `signal` aborts. */
  stream?(query: Omit<DataQuery<P>, 'range'>, emit: (frame: Frame) => void, signal: AbortSignal): Promise<void>;
}
