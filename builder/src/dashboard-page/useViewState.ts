import type { DashboardDocument, RefreshInterval, TimeRange } from '@nautilus/sdk';
import { useCallback, useEffect, useState } from 'react';
import { defaultVariableValues, reconcileVariableValues, type VariableValues } from '../data/variable-values.ts';

/**
 * What the viewer picked: variable values, time range and auto-refresh. It starts from the document's
 * defaults and follows them when they change (settings, undo); it is never saved unless the editor
 * asks for it (`asDefaults`).
 */
export function useViewState(document: DashboardDocument) {
  const [values, setValues] = useState<VariableValues>(() => defaultVariableValues(document.variables));
  useEffect(() => setValues((current) => reconcileVariableValues(document.variables, current)), [document.variables]);
  const [timeRange, setTimeRange] = useState<TimeRange>(document.timeRange);
  useEffect(() => setTimeRange(document.timeRange), [document.timeRange]);
  const [refresh, setRefresh] = useState<RefreshInterval>(document.refresh);
  useEffect(() => setRefresh(document.refresh), [document.refresh]);

  const setVariable = useCallback((name: string, value: string) => setValues((current) => ({ ...current, [name]: value })), []);

  const differsFromDefaults =
    timeRange.from !== document.timeRange.from ||
    timeRange.to !== document.timeRange.to ||
    refresh !== document.refresh ||
    document.variables.some((variable) => values[variable.name] !== undefined && values[variable.name] !== variable.default);

  /** The document changes that make what is picked now the dashboard's defaults. */
  const asDefaults = (): Pick<DashboardDocument, 'timeRange' | 'refresh' | 'variables'> => ({
    timeRange,
    refresh,
    variables: document.variables.map((variable) => ({ ...variable, default: values[variable.name] ?? variable.default })),
  });

  return { values, setVariable, timeRange, setTimeRange, refresh, setRefresh, differsFromDefaults, asDefaults };
}
