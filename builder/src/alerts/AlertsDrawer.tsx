import { Alert, App, Button, Drawer, Empty, Flex, List, Tag, Tooltip, Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { formatRelativeTime } from '../dashboards/relative-time.ts';
import type { RiskAlert } from '../risk/risk-api.ts';
import { navigate } from '../routing/navigation.ts';
import { routeHash } from '../routing/route.ts';
import { type AlertEvent, alertEvent } from './alert-event.ts';
import { ALERT_SOURCE_LABELS, alertSourceRoute, strategyRouteFor } from './alert-links.ts';
import type { useRiskAlerts } from './useRiskAlerts.ts';

// Hard findings in red, warnings in amber; a denial and a breach are both hard.
const EVENT_COLORS: Record<AlertEvent, string> = { denial: 'error', breach: 'volcano', warning: 'warning' };

interface Props {
  open: boolean;
  onClose: () => void;
  query: ReturnType<typeof useRiskAlerts>;
  /** Alerts after this time (ISO; '' = all) arrived since the drawer was last opened. */
  highlightAfter: string | undefined;
}

/** The newest limit alerts: what happened (denial, warning, breach), the limit, why, where (linked) and when. */
export function AlertsDrawer({ open, onClose, query, highlightAfter }: Props) {
  const nowMs = Date.now();
  const afterMs = highlightAfter ? Date.parse(highlightAfter) : Number.NEGATIVE_INFINITY;
  return (
    <Drawer title="Risk alerts" open={open} onClose={onClose} size={480}>
      <div data-testid="alerts-drawer">
        {query.error && (
          <Alert type="error" showIcon title={describeApiError(query.error).message} style={{ marginBottom: 12 }} />
        )}
        <List<RiskAlert>
          loading={query.isPending && !query.error}
          dataSource={query.data ?? []}
          locale={{
            emptyText: (
              <Empty description="No alerts. Limit warnings and breaches of runs, deployments and portfolios show here." />
            ),
          }}
          renderItem={(alert) => (
            <List.Item
              key={alert.id}
              data-testid="alert-item"
              data-level={alert.level}
              data-event={alertEvent(alert)}
              style={highlightAfter !== undefined && Date.parse(alert.at) > afterMs ? { fontWeight: 500 } : undefined}
            >
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={EVENT_COLORS[alertEvent(alert)]} style={{ marginInlineEnd: 0 }}>
                    {alertEvent(alert)}
                  </Tag>
                  <Typography.Text code>{alert.limit}</Typography.Text>
                  {alert.symbol && <Typography.Text type="secondary">{alert.symbol}</Typography.Text>}
                  <Tooltip title={new Date(alert.at).toLocaleString()}>
                    <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }}>
                      {formatRelativeTime(alert.at, nowMs)}
                    </Typography.Text>
                  </Tooltip>
                </Flex>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{alert.message}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {ALERT_SOURCE_LABELS[alert.source.kind]} <SourceLink alert={alert} onOpen={onClose} />
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </div>
    </Drawer>
  );
}

/** A link to where the alert came from; a run or deployment without its strategy's id is looked up on click. */
function SourceLink({ alert, onOpen }: { alert: RiskAlert; onOpen: () => void }) {
  const { message } = App.useApp();
  const route = alertSourceRoute(alert);
  if (route) {
    return (
      <a href={routeHash(route)} onClick={onOpen}>
        {alert.source.name}
      </a>
    );
  }
  const kind = alert.source.kind as 'backtest' | 'deployment';
  const open = async () => {
    try {
      const { strategyId } =
        kind === 'backtest'
          ? await trpc.backtests.get.query({ id: alert.source.id })
          : await trpc.deployments.get.query({ id: alert.source.id });
      onOpen();
      navigate(strategyRouteFor(kind, alert.source.id, strategyId));
    } catch (error) {
      void message.error(describeApiError(error).message);
    }
  };
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12 }} onClick={() => void open()}>
      {alert.source.name}
    </Button>
  );
}
