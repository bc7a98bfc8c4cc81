import type { DashboardDocument, RefreshInterval, TimeRange } from '@nautilus/sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { defaultVariableValues, reconcileVariableValues, type VariableValues } from '../data/variable-values.ts';
import { replaceHash } from '../routing/navigation.ts';
import { hashPath, hashQuery, parseUrlView, serializeUrlView, type UrlViewProblem, withHashQuery } from './url-view-state.ts';

/** The dashboard a hash shows, edit mode or not: the view state belongs to it in both. */
const dashboardPath = (hash: string) => hashPath(hash).replace(/\/edit\/?$/, '');

/**
 * What the viewer picked: variable values, time range and auto-refresh. It starts from the URL
 * (`?from=now-7d&to=now&var-symbol=SIM:MSFT`, see `url-view-state.ts`) over the document's defaults,
 * follows the defaults when they change (settings, undo), and writes what differs from them back to
 * the URL with `history.replaceState`, so a reload or a link shows the same view. URL values it cannot
 * use are `urlProblems` until dismissed. Nothing here is saved unless the editor asks (`asDefaults`).
 */
export function useViewState(document: DashboardDocument) {
  const [initial] = useState(() =>
    parseUrlView(hashQuery(window.location.hash), document.variables, document.timeRange, Date.now()),
  );
  const [urlProblems, setUrlProblems] = useState<readonly UrlViewProblem[]>(initial.problems);
  const [values, setValues] = useState<VariableValues>(() => ({
    ...defaultVariableValues(document.variables),
    ...initial.values,
  }));
  useEffect(() => setValues((current) => reconcileVariableValues(document.variables, current)), [document.variables]);
  const [timeRange, setTimeRange] = useState<TimeRange>(initial.timeRange ?? document.timeRange);
  // Only a change of the default replaces the range picked (or read from the URL), not the first render.
  const defaultRange = useRef(document.timeRange);
  useEffect(() => {
    if (defaultRange.current === document.timeRange) return;
    defaultRange.current = document.timeRange;
    setTimeRange(document.timeRange);
  }, [document.timeRange]);
  const [refresh, setRefresh] = useState<RefreshInterval>(document.refresh);
  useEffect(() => setRefresh(document.refresh), [document.refresh]);

  const setVariable = useCallback((name: string, value: string) => setValues((current) => ({ ...current, [name]: value })), []);

  // The view into the URL; what this page wrote last, to tell its own query from one typed or pasted.
  const query = serializeUrlView(timeRange, values, document.variables, document.timeRange);
  const written = useRef<string>(undefined);
  const path = useRef(dashboardPath(window.location.hash));
  useEffect(() => {
    written.current = query;
    replaceHash(withHashQuery(window.location.hash, query));
  }, [query]);

  // The same dashboard's address changed under us: a URL typed or pasted with another view is read
  // (and checked), and a switch to or from edit mode, which drops the query, gets it back.
  const latest = useRef({ document, query });
  latest.current = { document, query };
  useEffect(() => {
    const onHashChange = () => {
      const hash = window.location.hash;
      if (dashboardPath(hash) !== path.current) return;
      const incoming = hashQuery(hash);
      const { document: current, query: shown } = latest.current;
      if (incoming === '' || incoming === written.current) {
        // After the router has followed this change: it compares the address with the one it shows.
        setTimeout(() => {
          if (dashboardPath(window.location.hash) === path.current) replaceHash(withHashQuery(window.location.hash, shown));
        }, 0);
        return;
      }
      const parsed = parseUrlView(incoming, current.variables, current.timeRange, Date.now());
      setUrlProblems(parsed.problems);
      setTimeRange(parsed.timeRange ?? current.timeRange);
      setValues({ ...defaultVariableValues(current.variables), ...parsed.values });
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const dismissUrlProblems = useCallback(() => setUrlProblems([]), []);

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

  return {
    values,
    setVariable,
    timeRange,
    setTimeRange,
    refresh,
    setRefresh,
    differsFromDefaults,
    asDefaults,
    urlProblems,
    dismissUrlProblems,
  };
}
