import { useQueryClient } from '@tanstack/react-query';
import { theme as antdTheme, Button, Result, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { DashboardCanvas } from '../canvas/DashboardCanvas.tsx';
import { dashboardCssVariables } from '../dashboard-page/dashboard-css-variables.ts';
import '../dashboard-page/dashboard-page.css';
import { describeTimeRange } from '../data/time-ranges.ts';
import type { PanelEnvironment } from '../panels/panel-context.ts';
import { PanelEnvironmentContext } from '../panels/panel-context.ts';
import { useThemeMode } from '../theme/useThemeMode.ts';
import { linkProblemTitle } from './share-expiry.ts';
import { type SharedDashboard, sharedDataOptions, useSharedDashboard } from './useSharing.ts';

const NO_ACTIONS = { edit: () => {}, duplicate: () => {}, remove: () => {} };
const NO_PROBLEMS: ReadonlyMap<string, string> = new Map();

/**
 * `#/s/<token>`: a dashboard shared by link, for anyone holding it, without logging in. Read-only and
 * without the app's header: the panels, the time range and variable values the link was made with.
 */
export function SharedDashboardPage({ token }: { token: string }) {
  const shared = useSharedDashboard(token);
  if (shared.data) return <SharedView token={token} shared={shared.data} />;
  if (shared.isPending) return <Skeleton active style={{ padding: 24 }} />;
  const problem = describeApiError(shared.error);
  const gone = problem.code === 'FORBIDDEN' || problem.code === 'NOT_FOUND';
  return (
    <div data-testid="shared-link-problem">
      <Result
        status={gone ? 'warning' : 'error'}
        title={gone ? linkProblemTitle(problem.details?.reason) : 'The shared dashboard could not be loaded'}
        subTitle={problem.message}
        extra={
          !gone && (
            <Button type="primary" onClick={() => void shared.refetch()}>
              Try again
            </Button>
          )
        }
      />
    </div>
  );
}

function SharedView({ token, shared }: { token: string; shared: SharedDashboard }) {
  const { document, values, timeRange } = shared;
  const { mode } = useThemeMode();
  const { token: themeToken } = antdTheme.useToken();
  const queryClient = useQueryClient();
  const environment = useMemo<PanelEnvironment>(
    () => ({
      widgets: new Map(shared.widgets.map((widget) => [widget.type, widget])),
      widgetsStatus: 'success',
      dataSources: new Map(shared.dataSources.map((source) => [source.ref, source])),
      pluginProblems: NO_PROBLEMS,
      theme: mode,
      actions: NO_ACTIONS,
      dataOptions: sharedDataOptions(token),
    }),
    [shared, mode, token],
  );
  const variables = Object.entries(values);

  return (
    <PanelEnvironmentContext value={environment}>
      <div
        className="nautilus-dashboard"
        data-testid="shared-dashboard"
        style={{ ...dashboardCssVariables(themeToken), height: '100dvh' }}
      >
        <div className="nautilus-toolbar">
          <div className="nautilus-toolbar-title">
            <Typography.Title level={4} data-testid="dashboard-title" title={document.title}>
              {document.title}
            </Typography.Title>
            <Tooltip title={`Shared read-only; the link works until ${new Date(shared.expiresAt).toLocaleString()}.`}>
              <Tag style={{ marginInlineEnd: 0 }}>Read-only</Tag>
            </Tooltip>
          </div>
          {variables.length > 0 && (
            <div className="nautilus-toolbar-group">
              {variables.map(([name, value]) => (
                <Tag key={name} data-testid={`shared-variable-${name}`}>
                  ${name}: {value}
                </Tag>
              ))}
            </div>
          )}
          <span className="nautilus-toolbar-spacer" />
          <Typography.Text type="secondary" data-testid="shared-time-range">
            {describeTimeRange(timeRange)}
          </Typography.Text>
          <Tooltip title="Refresh now">
            <Button
              size="small"
              aria-label="Refresh now"
              onClick={() => void queryClient.invalidateQueries({ queryKey: ['sharing', 'query', token] })}
            >
              ↻
            </Button>
          </Tooltip>
        </div>
        <div className="nautilus-workspace">
          <div className="nautilus-main">
            <div className="nautilus-scroll">
              <DashboardCanvas
                panels={document.panels}
                editing={false}
                selectedId={undefined}
                values={values}
                timeRange={timeRange}
                refresh={document.refresh}
              />
            </div>
          </div>
        </div>
      </div>
    </PanelEnvironmentContext>
  );
}
