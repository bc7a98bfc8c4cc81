import type { DeploymentWatchEvent as ServerEvent } from '@nautilus/core/router';
import type { trpc } from '../api/trpc.ts';

export type DeploymentRecord = Awaited<ReturnType<typeof trpc.deployments.get.query>>;
/** What `deployments.watch` sends: the stored deployment first, then each event it publishes (as JSON). */
export type DeploymentWatchEvent =
  | Exclude<ServerEvent, { type: 'snapshot' }>
  | { type: 'snapshot'; deployment: DeploymentRecord };
type Activity = NonNullable<DeploymentRecord['activity']>;

/** How much recent activity the page keeps, as the server does (core's ACTIVITY_LIMITS). */
const KEEP = { fills: 100, trades: 100, logs: 200, riskEvents: 200, equity: 2_000 } as const;

const emptyActivity = (): Activity => ({
  fills: [],
  trades: [],
  logs: [],
  riskEvents: [],
  equity: { time: [], equity: [] },
  totals: { fills: 0, trades: 0, logs: 0, riskEvents: 0 },
});

const appended = <T>(list: readonly T[] | undefined, items: readonly T[], keep: number): T[] =>
  [...(list ?? []), ...items].slice(-keep);

/**
 * The deployment record after one live event: the account, status and recent activity as the server
 * would store them on its next write (it writes at most every 2 s; events arrive as they happen).
 * @example applyDeploymentEvent(record, { type: 'account', account }) // { ...record, account }
 */
export function applyDeploymentEvent(record: DeploymentRecord, event: DeploymentWatchEvent): DeploymentRecord {
  if (event.type === 'snapshot') return event.deployment;
  if (event.type === 'status') return { ...record, status: event.status, stopReason: event.reason };
  if (event.type === 'account') return { ...record, account: event.account };
  if (event.type === 'notice') return record;
  const activity = record.activity ?? emptyActivity();
  const totals = { ...activity.totals, riskEvents: activity.totals.riskEvents ?? 0 };
  let next: Activity;
  switch (event.type) {
    case 'bar':
      next = {
        ...activity,
        equity: {
          time: appended(activity.equity.time, [event.bar.time], KEEP.equity),
          equity: appended(activity.equity.equity, [event.equity], KEEP.equity),
        },
      };
      break;
    case 'fills':
      next = {
        ...activity,
        fills: appended(activity.fills, event.fills, KEEP.fills),
        totals: { ...totals, fills: totals.fills + event.fills.length },
      };
      break;
    case 'trades':
      next = {
        ...activity,
        trades: appended(activity.trades, event.trades, KEEP.trades),
        totals: { ...totals, trades: totals.trades + event.trades.length },
      };
      break;
    case 'logs':
      next = {
        ...activity,
        logs: appended(activity.logs, event.lines, KEEP.logs),
        totals: { ...totals, logs: totals.logs + event.lines.length },
      };
      break;
    case 'risk':
      next = {
        ...activity,
        riskEvents: appended(activity.riskEvents, event.events, KEEP.riskEvents),
        totals: { ...totals, riskEvents: totals.riskEvents + event.events.length },
      };
      break;
    default:
      return record;
  }
  return { ...record, activity: next };
}
