import type { Bar, Fill, LogLine, RiskEvent, Trade, TradingMode } from '@nautilus/sdk';
import type { DeploymentStatus } from '../db/tables.ts';
import type { AccountSnapshot } from './account-snapshot.ts';
import type { DeploymentOrder } from './order-journal.ts';

/**
 * What a deployment publishes on `deployment.<id>` and `deployments.watch` streams: its status, its
 * account marked to market (on every bar, and on ticks at most four times a second), each bar it
 * processed with the equity after it, new fills, closed trades and log lines, and notices (feed
 * trouble). Times are epoch ms.
 */
export type DeploymentEvent =
  | { type: 'status'; status: DeploymentStatus; reason: string | null; time: number }
  | { type: 'account'; account: AccountSnapshot }
  | { type: 'bar'; bar: Bar; equity: number }
  | { type: 'fills'; fills: Fill[] }
  /** Orders placed or changed (filled, cancelled, expired, rejected), as `deployment_orders` stores them. */
  | { type: 'orders'; orders: DeploymentOrder[] }
  | { type: 'trades'; trades: Trade[] }
  | { type: 'logs'; lines: LogLine[] }
  | { type: 'risk'; events: RiskEvent[]; tradingMode: TradingMode }
  | { type: 'notice'; message: string; time: number };

export const deploymentTopic = (id: string) => `deployment.${id}`;

/** Where stop requests go so the instance running a deployment hears of them. */
export const DEPLOYMENT_CONTROL_TOPIC = 'deployments.control';

export interface DeploymentControl {
  action: 'stop';
  id: string;
}
