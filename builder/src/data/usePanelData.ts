import type { PanelQuery, RefreshInterval, TimeRange } from '@nautilus/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type PanelDataOptionsFactory, panelDataOptions } from './panel-data-options.ts';
import { refreshIntervalMs } from './time-ranges.ts';
import type { VariableValues } from './variable-values.ts';

const NO_QUERY: PanelQuery = { dataSource: '', params: {} };

/**
 * A panel's data. Params are interpolated with the dashboard's variable values; panels asking the
 * same query share one request. While a new query runs, the previous frames stay on screen.
 * `optionsFor` fetches it another way (a share link's view).
 */
export function usePanelData(
  query: PanelQuery | undefined,
  values: VariableValues,
  range: TimeRange,
  refresh: RefreshInterval,
  optionsFor: PanelDataOptionsFactory = panelDataOptions,
) {
  const options = useMemo(() => optionsFor(query ?? NO_QUERY, values, range), [optionsFor, query, values, range]);
  return useQuery({
    ...options,
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: refreshIntervalMs(refresh),
    refetchOnWindowFocus: false,
  });
}
