import { describe, expect, it } from 'vitest';
import { liveBadgeView } from './live-badge-view.ts';
import type { ConnectionState, SubscriptionState } from './live-client.ts';

const NOW = 1_000_000;
const format = (time: number) => `t${(NOW - time) / 1000}`;
const live: ConnectionState = { status: 'live', attempt: 0, connections: 1 };
const sub = (extra: Partial<SubscriptionState> = {}): SubscriptionState => ({
  status: 'live',
  policy: 'latest',
  resyncs: 0,
  ...extra,
});

describe('liveBadgeView', () => {
  it('says LIVE with the time of the newest update among the panel’s subscriptions', () => {
    const view = liveBadgeView(live, [sub({ lastUpdate: NOW - 5000 }), sub({ lastUpdate: NOW - 2000 })], NOW, format);
    expect(view).toMatchObject({ status: 'live', label: 'LIVE t2', lastUpdate: NOW - 2000 });
  });

  it('says Reconnecting… with the time to the next attempt while the connection is down, whatever the panel holds', () => {
    const view = liveBadgeView({ status: 'reconnecting', attempt: 2, connections: 1, retryAt: NOW + 1500 }, [sub()], NOW, format);
    expect(view.label).toBe('Reconnecting…');
    expect(view.detail).toContain('Next attempt in 2 s');
  });

  it('says Resynced for a few seconds after a resync, with the count, then LIVE again', () => {
    const resynced = sub({ lastUpdate: NOW - 1000, lastResync: NOW - 1000, resyncs: 2 });
    expect(liveBadgeView(live, [resynced], NOW, format)).toMatchObject({ status: 'resynced', resyncs: 2 });
    expect(liveBadgeView(live, [resynced], NOW + 10_000, format).status).toBe('live');
  });

  it('names a refused subscription and the ended session', () => {
    const refused = sub({ status: 'error', error: { code: 'FORBIDDEN', message: 'not yours' } });
    expect(liveBadgeView(live, [refused], NOW, format).detail).toContain('not yours');
    expect(liveBadgeView({ status: 'unauthenticated', attempt: 0, connections: 1 }, [sub()], NOW, format).status).toBe('offline');
  });

  it('waits, without a time, until the first update of a quiet market', () => {
    expect(liveBadgeView(live, [sub()], NOW, format)).toMatchObject({ status: 'waiting', label: 'LIVE' });
    expect(liveBadgeView(live, [sub({ status: 'pending' })], NOW, format).status).toBe('connecting');
  });
});
