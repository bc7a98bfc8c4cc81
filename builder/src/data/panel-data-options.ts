import { interpolateVariables, type PanelQuery, resolveTimeRange, type TimeRange } from '@nautilus/sdk';
import { queryOptions } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { dataClient } from '../api/trpc.ts';
import type { VariableValues } from './variable-values.ts';

/**
 * The TanStack Query options of one panel's data: params interpolated with the variable values, the
 * time range kept as written in the key and resolved when the query runs. Shared by the panels and the
 * prefetch that starts their queries before they render.
 */
export function panelDataOptions(query: PanelQuery, values: VariableValues, range: TimeRange) {
  const params = interpolateVariables(query.params, values);
  const { dataSource } = query;
  return queryOptions({
    queryKey: queryKeys.dataQuery(dataSource, params, range.from, range.to),
    queryFn: ({ signal }) =>
      dataClient.dataSources.query.query({ dataSource, params, range: resolveTimeRange(range, Date.now()) }, { signal }),
    // Frames can hold 100,000 bars: comparing them deeply on every refetch costs more than it saves.
    structuralSharing: false,
  });
}
