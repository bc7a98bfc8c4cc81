import { interpolateVariables, type PanelQuery, resolveTimeRange, type TimeRange } from '@nautilus/sdk';
import { queryKeys } from '../api/query-keys.ts';
import { dataClient } from '../api/trpc.ts';
import type { QueryResult } from '../api/types.ts';
import type { VariableValues } from './variable-values.ts';

/** How a panel's data is fetched: the app's `dataSources.query`, or a share link's own procedure. */
export interface PanelDataOptions {
  queryKey: readonly unknown[];
  queryFn: (context: { signal: AbortSignal }) => Promise<QueryResult>;
  structuralSharing: false;
}

export type PanelDataOptionsFactory = (query: PanelQuery, values: VariableValues, range: TimeRange) => PanelDataOptions;

/**
 * The TanStack Query options of one panel's data: params interpolated with the variable values, the
 * time range kept as written in the key and resolved when the query runs. Shared by the panels and the
 * prefetch that starts their queries before they render.
 */
export function panelDataOptions(query: PanelQuery, values: VariableValues, range: TimeRange): PanelDataOptions {
  const params = interpolateVariables(query.params, values);
  const { dataSource } = query;
  return {
    queryKey: queryKeys.dataQuery(dataSource, params, range.from, range.to),
    queryFn: ({ signal }) =>
      dataClient.dataSources.query.query({ dataSource, params, range: resolveTimeRange(range, Date.now()) }, { signal }),
    // Frames can hold 100,000 bars: comparing them deeply on every refetch costs more than it saves.
    structuralSharing: false,
  };
}
