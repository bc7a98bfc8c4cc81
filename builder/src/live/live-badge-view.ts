import type { ConnectionState, SubscriptionState } from './live-client.ts';

export type LiveBadgeStatus = 'connecting' | 'live' | 'waiting' | 'reconnecting' | 'resynced' | 'offline' | 'error';

export interface LiveBadgeView {
  status: LiveBadgeStatus;
  /** The badge's words. */
  label: string;
  /** What the badge means, in a sentence (its tooltip). */
  detail: string;
  /** The last update of any of the panel's subscriptions (epoch ms). */
  lastUpdate?: number | undefined;
  resyncs: number;
}

/** A resync is announced on the panel this long. */
export const RESYNCED_SHOWN_MS = 6_000;

/**
 * What a streaming panel's badge says: the connection's trouble first (it concerns every panel), then
 * the panel's own (a refused subscription, a resync just now), else LIVE with the time of the last update.
 * @example liveBadgeView({ status: 'live', attempt: 0, connections: 1 }, [{ status: 'live', policy: 'latest', lastUpdate: t, resyncs: 0 }], now, fmt).label // 'LIVE 14:03:07'
 */
export function liveBadgeView(
  connection: ConnectionState,
  subscriptions: readonly (SubscriptionState | undefined)[],
  now: number,
  formatTime: (time: number) => string,
): LiveBadgeView {
  const known = subscriptions.filter((item): item is SubscriptionState => item !== undefined);
  const lastUpdate = known.reduce<number | undefined>(
    (latest, item) =>
      item.lastUpdate !== undefined && (latest === undefined || item.lastUpdate > latest) ? item.lastUpdate : latest,
    undefined,
  );
  const resyncs = known.reduce((total, item) => total + item.resyncs, 0);
  const since = lastUpdate === undefined ? '' : ` Last update ${formatTime(lastUpdate)}.`;
  const base = { lastUpdate, resyncs };
  if (connection.status === 'unauthenticated') {
    return {
      ...base,
      status: 'offline',
      label: 'Offline',
      detail: 'The session has ended: log in again to resume live updates.',
    };
  }
  if (connection.status === 'reconnecting') {
    const retry =
      connection.retryAt === undefined ? '' : ` Next attempt in ${Math.max(0, Math.ceil((connection.retryAt - now) / 1000))} s.`;
    return {
      ...base,
      status: 'reconnecting',
      label: 'Reconnecting…',
      detail: `The live connection dropped; showing what arrived before.${retry}${since}`,
    };
  }
  const failed = known.find((item) => item.status === 'error');
  if (failed) {
    return {
      ...base,
      status: 'error',
      label: 'Not live',
      detail: `The server refused live updates for this panel: ${failed.error?.message ?? 'no reason given'}. It shows the history only.`,
    };
  }
  if (connection.status === 'connecting' || known.length === 0 || known.some((item) => item.status === 'pending')) {
    return { ...base, status: 'connecting', label: 'Connecting…', detail: `Starting live updates.${since}` };
  }
  const lastResync = known.reduce((latest, item) => Math.max(latest, item.lastResync ?? 0), 0);
  if (lastResync > 0 && now - lastResync < RESYNCED_SHOWN_MS) {
    return {
      ...base,
      status: 'resynced',
      label: 'Resynced',
      detail: `The server could not continue this panel's stream from where it was, so it was reloaded from a fresh snapshot (${resyncs} time${resyncs === 1 ? '' : 's'} so far).${since}`,
    };
  }
  if (lastUpdate === undefined) {
    return {
      ...base,
      status: 'waiting',
      label: 'LIVE',
      detail: 'Live: waiting for the first update (the market may be closed).',
    };
  }
  return { ...base, status: 'live', label: `LIVE ${formatTime(lastUpdate)}`, detail: `Live: updates as they happen.${since}` };
}
