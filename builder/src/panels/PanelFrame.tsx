import {
  type Frame,
  interpolateVariables,
  type Panel,
  type RefreshInterval,
  resolveTimeRange,
  type TimeRange,
} from '@nautilus/sdk';
import { Button, Spin, Tooltip } from 'antd';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { hasNoData } from '../data/frames.ts';
import { summarizeProvenance } from '../data/provenance.ts';
import type { VariableValues } from '../data/variable-values.ts';
import { LiveBadge } from '../live/LiveBadge.tsx';
import { useLivePanelData } from '../live/useLivePanelData.ts';
import { CopyIcon, DeleteIcon, EditIcon } from './icons.tsx';
import { ProvenanceBadge } from './ProvenanceBadge.tsx';
import { usePanelEnvironment } from './panel-context.ts';
import { dataProblem, missingWidgetProblem, type PanelProblem, widgetProblem } from './panel-problems.ts';
import { TruncationNotice } from './TruncationNotice.tsx';
import { usePanelTransforms } from './usePanelTransforms.ts';
import { WidgetHost } from './WidgetHost.tsx';
import type { WidgetStatus } from './widget-controller.ts';
import { widgetOptions } from './widget-options.ts';

/** What the panel shows, also exposed as `data-state` for tests and benchmarks. */
export type PanelState = 'loading' | 'drawn' | 'error' | 'empty' | 'no-query';

export interface PanelFrameProps {
  panel: Panel;
  values: VariableValues;
  timeRange: TimeRange;
  refresh: RefreshInterval;
  editing: boolean;
  selected: boolean;
  /** Told each time what the panel shows changes; the grid cell exposes it as `data-state`. */
  onState: (state: PanelState) => void;
}

const NO_FRAMES: readonly Frame[] = [];
const NO_KINDS: readonly string[] = [];

function resolvedOrNow(range: TimeRange): { from: number; to: number } {
  try {
    return resolveTimeRange(range, Date.now());
  } catch {
    const now = Date.now();
    return { from: now - 86_400_000, to: now };
  }
}

/**
 * One panel: header with title (and, in edit mode, its buttons), and the widget drawing the panel's
 * data, or what went wrong. Memoised: a change in one panel does not re-render the others.
 */
export const PanelFrame = memo(function PanelFrame({
  panel,
  values,
  timeRange,
  refresh,
  editing,
  selected,
  onState,
}: PanelFrameProps) {
  const environment = usePanelEnvironment();
  const widget = environment.widgets.get(panel.type);
  // Before the widget catalog arrives, a panel with a query starts fetching anyway: it usually takes data.
  const takesData = widget ? widget.accepts.length > 0 : panel.query !== undefined;
  // Streams on top of the history where the source streams (not in a share link's view, which has no session).
  const live = useLivePanelData(takesData ? panel.query : undefined, values, timeRange, refresh, environment.dataOptions, {
    source: panel.query ? environment.dataSources.get(panel.query.dataSource) : undefined,
    accepts: widget?.accepts ?? NO_KINDS,
    enabled: takesData && environment.dataOptions === undefined,
  });
  const data = live.history;
  const [host, setHost] = useState<WidgetStatus>({ status: 'loading' });
  const [everDrawn, setEverDrawn] = useState(false);
  const onStatus = useCallback((status: WidgetStatus) => {
    setHost(status);
    if (status.status === 'drawn') setEverDrawn(true);
  }, []);

  const options = useMemo(() => widgetOptions(widget?.optionsSchema, panel.options, values), [widget, panel.options, values]);
  const localRange = useMemo(() => resolvedOrNow(timeRange), [timeRange]);
  const fetched = takesData ? (live.frames ?? NO_FRAMES) : NO_FRAMES;
  const frames = usePanelTransforms(fetched, panel.transforms);
  const range = (takesData && data.data?.range) || localRange;
  const provenance = useMemo(() => summarizeProvenance(frames), [frames]);

  let state: PanelState;
  let problem: PanelProblem | undefined;
  let showWidget = false;
  if (environment.widgetsStatus === 'pending') {
    state = 'loading';
  } else if (!widget) {
    state = 'error';
    problem = missingWidgetProblem(
      panel.type,
      environment.pluginProblems.get(panel.type.split('/')[0] ?? ''),
      environment.canInstallPlugins === true,
    );
  } else if (takesData && !panel.query) {
    state = 'no-query';
  } else if (takesData && data.error) {
    state = 'error';
    const ref = panel.query?.dataSource ?? '';
    const sourcePlugin = ref.split('/')[0] ?? '';
    const pluginListed = [...environment.dataSources.keys()].some((known) => known.startsWith(`${sourcePlugin}/`));
    const source = environment.dataSources.get(ref);
    problem = dataProblem(
      data.error,
      { ref, name: source?.name, querySchema: source?.querySchema },
      pluginListed || environment.dataSources.size === 0 ? undefined : { canInstall: environment.canInstallPlugins === true },
    );
  } else if (takesData && !data.data) {
    state = 'loading';
  } else {
    showWidget = true;
    if (host.status === 'error') {
      state = 'error';
      problem = widgetProblem(host.message, host.plugin, panel.type);
    } else if (host.status === 'loading' || data.isPlaceholderData) {
      state = 'loading';
    } else {
      state = takesData && hasNoData(frames) ? 'empty' : 'drawn';
    }
  }

  useEffect(() => onState(state), [state, onState]);
  const title = useMemo(() => interpolateVariables(panel.title, values), [panel.title, values]);

  const { actions } = environment;
  return (
    <div className={`nautilus-panel${selected ? ' is-selected' : ''}`} aria-busy={state === 'loading'}>
      <div className={`nautilus-panel-header${editing ? ' nautilus-drag-handle' : ''}`}>
        <span className="nautilus-panel-title" data-testid={`panel-title-${panel.id}`} title={title}>
          {title || '\u00a0'}
        </span>
        {provenance && <ProvenanceBadge panelId={panel.id} summary={provenance} />}
        {live.plan && <LiveBadge panelId={panel.id} plan={live.plan} />}
        {takesData && data.isFetching && everDrawn && <Spin size="small" className="nautilus-panel-fetching" />}
        {editing && (
          <span className="nautilus-panel-actions">
            <Tooltip title="Edit data and options">
              <Button
                size="small"
                type="text"
                icon={<EditIcon />}
                aria-label="Edit panel"
                data-testid={`panel-edit-${panel.id}`}
                onClick={() => actions.edit(panel.id)}
              />
            </Tooltip>
            <Tooltip title="Duplicate">
              <Button
                size="small"
                type="text"
                icon={<CopyIcon />}
                aria-label="Duplicate panel"
                data-testid={`panel-duplicate-${panel.id}`}
                onClick={() => actions.duplicate(panel.id)}
              />
            </Tooltip>
            <Tooltip title="Delete (Ctrl+Z brings it back)">
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteIcon />}
                aria-label="Delete panel"
                data-testid={`panel-delete-${panel.id}`}
                onClick={() => actions.remove(panel.id)}
              />
            </Tooltip>
          </span>
        )}
      </div>
      {showWidget && takesData && data.data?.truncation && (
        <TruncationNotice panelId={panel.id} truncation={data.data.truncation} />
      )}
      <div className="nautilus-panel-body">
        {showWidget && widget && (
          // Stays mounted under an error message, so the next props can bring the widget back.
          <WidgetHost
            widget={widget}
            frames={frames}
            options={options}
            theme={environment.theme}
            timeRange={range}
            onStatus={onStatus}
            fetched={takesData ? data.data : undefined}
          />
        )}
        {state === 'loading' && !everDrawn && (
          <div className="nautilus-panel-overlay nautilus-panel-loading" role="status" aria-label="Loading">
            <span />
            <span />
            <span />
          </div>
        )}
        {state === 'no-query' && (
          <div className="nautilus-panel-overlay nautilus-panel-message">
            <span>No data source chosen for this panel.</span>
            {editing && (
              <Button size="small" onClick={() => actions.edit(panel.id)}>
                Choose data
              </Button>
            )}
          </div>
        )}
        {problem && (
          <div className="nautilus-panel-overlay nautilus-panel-error" role="alert" data-testid={`panel-error-${panel.id}`}>
            <strong>{problem.heading}</strong>
            <span>{problem.message}</span>
            {problem.plugin && <span className="nautilus-muted">Plugin: {problem.plugin}</span>}
            {problem.hint && <span className="nautilus-muted">{problem.hint}</span>}
            {problem.link && (
              <a href={problem.link.href} data-testid={`panel-error-link-${panel.id}`}>
                {problem.link.label}
              </a>
            )}
            {data.error && (
              <Button size="small" onClick={() => void data.refetch()}>
                Retry
              </Button>
            )}
          </div>
        )}
      </div>
    </div>
  );
});
