import { Alert, App, Badge, Button, Checkbox, Drawer, Empty, Flex, List, Select, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { formatRelativeTime } from '../dashboards/relative-time.ts';
import { limitMessage, limitName } from '../risk/limit-kinds.ts';
import { navigate } from '../routing/navigation.ts';
import { routeHash } from '../routing/route.ts';
import { type AlertEvent, alertEvent } from './alert-event.ts';
import {
  type AlertFilter,
  type AlertGroup,
  type AlertSourceKind,
  groupCountText,
  LIMIT_OPTIONS,
  newestListed,
  sourceOptions,
} from './alert-groups.ts';
import { ALERT_SOURCE_LABELS, alertSourceRoute, strategyRouteFor } from './alert-links.ts';
import { useAlertGroups, useMarkAlertsRead } from './useAlertGroups.ts';

// Hard findings in red, warnings in amber; a denial and a breach are both hard.
const EVENT_COLORS: Record<AlertEvent, string> = { denial: 'error', breach: 'volcano', warning: 'warning' };
const KIND_OPTIONS = (Object.keys(ALERT_SOURCE_LABELS) as AlertSourceKind[]).map((kind) => ({
  value: kind,
  label: ALERT_SOURCE_LABELS[kind],
}));

/**
 * Limit alerts grouped per run, deployment or portfolio and limit, newest first: how many, how many
 * unread, what happened last and where (linked). Filters by source kind, source, limit and unread;
 * marks a group, or all that the filter keeps, read for this user.
 */
export function AlertsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [filter, setFilter] = useState<AlertFilter>({});
  const query = useAlertGroups(filter);
  const everything = useAlertGroups();
  const markRead = useMarkAlertsRead();
  const { message } = App.useApp();
  const groups = query.data?.groups ?? [];
  const unreadListed = groups.reduce((sum, group) => sum + group.unread, 0);
  const filtered = Object.values(filter).some((value) => value !== undefined && value !== false);
  const update = (changes: AlertFilter) => setFilter((current) => ({ ...current, ...changes }));
  const fail = (error: unknown) => void message.error(`Not marked read: ${describeApiError(error).message}`);

  const markAll = () => {
    const upTo = newestListed(groups);
    if (upTo === undefined) return;
    const { unread: _unread, ...scope } = filter;
    markRead.mutate({ all: scope, upTo }, { onError: fail });
  };

  return (
    <Drawer title="Risk alerts" open={open} onClose={onClose} size={520} styles={{ body: { paddingTop: 12 } }}>
      <div data-testid="alerts-drawer">
        <Flex gap={8} wrap style={{ marginBottom: 8 }} data-testid="alert-filters">
          <Select<AlertSourceKind>
            allowClear
            size="small"
            placeholder="Any kind"
            aria-label="Source kind"
            data-testid="alert-filter-kind"
            style={{ minWidth: 130 }}
            options={KIND_OPTIONS}
            value={filter.sourceKind}
            onChange={(sourceKind) => update({ sourceKind, sourceId: undefined })}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            size="small"
            placeholder="Any source"
            aria-label="Source"
            data-testid="alert-filter-source"
            style={{ minWidth: 200, flex: '1 1 200px' }}
            popupMatchSelectWidth={false}
            options={sourceOptions(everything.data?.groups ?? [], filter.sourceKind)}
            value={filter.sourceId}
            onChange={(sourceId) => update({ sourceId })}
          />
          <Select<string>
            allowClear
            size="small"
            placeholder="Any limit"
            aria-label="Limit"
            data-testid="alert-filter-limit"
            style={{ minWidth: 150 }}
            popupMatchSelectWidth={false}
            options={LIMIT_OPTIONS}
            value={filter.limit}
            onChange={(limit) => update({ limit })}
          />
        </Flex>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Checkbox
            data-testid="alert-filter-unread"
            checked={filter.unread === true}
            onChange={(event) => update({ unread: event.target.checked || undefined })}
          >
            Unread only
          </Checkbox>
          {filtered && (
            <Button size="small" type="link" onClick={() => setFilter({})} data-testid="alert-filter-clear">
              Clear filters
            </Button>
          )}
          <Button
            size="small"
            style={{ marginLeft: 'auto' }}
            data-testid="alerts-mark-all-read"
            disabled={unreadListed === 0}
            loading={markRead.isPending && !('groups' in (markRead.variables ?? {}))}
            onClick={markAll}
          >
            {filtered ? 'Mark these read' : 'Mark all read'}
          </Button>
        </Flex>
        {query.error && (
          <Alert type="error" showIcon title={describeApiError(query.error).message} style={{ marginBottom: 12 }} />
        )}
        <List<AlertGroup>
          loading={query.isPending && !query.error}
          dataSource={groups}
          locale={{
            emptyText: (
              <Empty
                description={
                  filtered
                    ? 'No alerts match these filters.'
                    : 'No alerts. Limit warnings and breaches of runs, deployments and portfolios show here.'
                }
              />
            ),
          }}
          renderItem={(group) => (
            <GroupItem
              key={`${group.source.kind}/${group.source.id}/${group.limit}`}
              group={group}
              onOpen={onClose}
              marking={markRead.isPending}
              onMarkRead={() =>
                markRead.mutate(
                  {
                    groups: [{ sourceKind: group.source.kind, sourceId: group.source.id, limit: group.limit }],
                    upTo: group.latestAt,
                  },
                  { onError: fail },
                )
              }
            />
          )}
        />
      </div>
    </Drawer>
  );
}

function GroupItem({
  group,
  onOpen,
  onMarkRead,
  marking,
}: {
  group: AlertGroup;
  onOpen: () => void;
  onMarkRead: () => void;
  marking: boolean;
}) {
  const { latest } = group;
  const event = alertEvent(latest);
  const unread = group.unread > 0;
  return (
    <List.Item
      data-testid="alert-group"
      data-event={event}
      data-limit={group.limit}
      data-count={group.count}
      data-unread={group.unread}
      style={unread ? { boxShadow: 'inset 3px 0 0 var(--ant-color-primary, #1677ff)', paddingInlineStart: 10 } : undefined}
    >
      <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <Tag color={EVENT_COLORS[event]} style={{ marginInlineEnd: 0 }}>
            {event}
          </Tag>
          <Typography.Text strong={unread}>{limitName(group.limit)}</Typography.Text>
          <Badge
            count={group.count}
            overflowCount={9999}
            color={unread ? undefined : 'gray'}
            title={groupCountText(group)}
            data-testid="alert-group-count"
          />
          {latest.symbol && <Typography.Text type="secondary">{latest.symbol}</Typography.Text>}
          <Tooltip title={`First ${new Date(group.firstAt).toLocaleString()}, last ${new Date(group.latestAt).toLocaleString()}`}>
            <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }}>
              {formatRelativeTime(group.latestAt, Date.now())}
            </Typography.Text>
          </Tooltip>
        </Flex>
        <Typography.Text style={{ overflowWrap: 'anywhere' }}>{limitMessage(group.limit, latest.message)}</Typography.Text>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ALERT_SOURCE_LABELS[group.source.kind]} <SourceLink group={group} onOpen={onOpen} />
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="alert-group-counts">
            {groupCountText(group)}
          </Typography.Text>
          {unread && (
            <Button
              size="small"
              type="link"
              style={{ marginLeft: 'auto', padding: 0, height: 'auto' }}
              data-testid="alert-group-mark-read"
              disabled={marking}
              onClick={onMarkRead}
            >
              Mark read
            </Button>
          )}
        </Flex>
      </Flex>
    </List.Item>
  );
}

/** A link to where the alerts came from; a run or deployment without its strategy's id is looked up on click. */
function SourceLink({ group, onOpen }: { group: AlertGroup; onOpen: () => void }) {
  const { message } = App.useApp();
  const { source } = group;
  const route = alertSourceRoute(group.latest);
  if (route) {
    return (
      <a href={routeHash(route)} onClick={onOpen} style={{ overflowWrap: 'anywhere' }}>
        {source.name}
      </a>
    );
  }
  const kind = source.kind as 'backtest' | 'deployment';
  const open = async () => {
    try {
      const { strategyId } =
        kind === 'backtest'
          ? await trpc.backtests.get.query({ id: source.id })
          : await trpc.deployments.get.query({ id: source.id });
      onOpen();
      navigate(strategyRouteFor(kind, source.id, strategyId));
    } catch (error) {
      void message.error(describeApiError(error).message);
    }
  };
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12 }} onClick={() => void open()}>
      {source.name}
    </Button>
  );
}
