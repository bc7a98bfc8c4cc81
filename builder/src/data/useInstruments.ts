import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dataClient } from '../api/trpc.ts';
import { useDataSources } from './useCatalog.ts';
import { type InstrumentOption, instrumentOptions } from './variable-values.ts';

/** The data source that lists instruments with their names and asset classes, when installed. */
export const INSTRUMENTS_SOURCE = 'nautilus.sim-market/instruments';

/** The instruments pickers offer: symbols from the data sources' schemas, named from the instruments table. */
export function useInstruments(enabled = true): InstrumentOption[] {
  const dataSources = useDataSources();
  const hasTable = dataSources.data?.some((source) => source.ref === INSTRUMENTS_SOURCE) ?? false;
  const table = useQuery({
    queryKey: ['instruments', INSTRUMENTS_SOURCE],
    queryFn: ({ signal }) =>
      dataClient.dataSources.query.query(
        { dataSource: INSTRUMENTS_SOURCE, params: {}, range: { from: 'now-1d', to: 'now' } },
        { signal },
      ),
    enabled: enabled && hasTable,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return useMemo(() => instrumentOptions(dataSources.data ?? [], table.data?.frames[0]), [dataSources.data, table.data]);
}
