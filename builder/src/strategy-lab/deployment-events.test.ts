import { describe, expect, it } from 'vitest';
import { applyDeploymentEvent, type DeploymentRecord, type DeploymentWatchEvent } from './deployment-events.ts';

const record = {
  id: 'd1',
  status: 'running',
  stopReason: null,
  account: null,
  activity: null,
} as unknown as DeploymentRecord;

const apply = (...events: DeploymentWatchEvent[]) => events.reduce(applyDeploymentEvent, record);

describe('applyDeploymentEvent', () => {
  it('takes the account and the status as they come, and the snapshot whole', () => {
    const account = { equity: 101_000 } as unknown as Extract<DeploymentWatchEvent, { type: 'account' }>['account'];
    expect(apply({ type: 'account', account }).account).toBe(account);
    expect(apply({ type: 'status', status: 'stopped', reason: 'by user', time: 1 })).toMatchObject({
      status: 'stopped',
      stopReason: 'by user',
    });
    const fresh = { ...record, id: 'd1', status: 'failed' } as DeploymentRecord;
    expect(apply({ type: 'snapshot', deployment: fresh })).toBe(fresh);
  });

  it('appends bars to the equity curve and records to the activity, counting them', () => {
    const bar = (time: number) => ({ time, open: 1, high: 1, low: 1, close: 1, volume: 1 });
    const next = apply(
      { type: 'bar', bar: bar(1), equity: 100 },
      { type: 'bar', bar: bar(2), equity: 101 },
      { type: 'logs', lines: [{ time: 2, barIndex: 1, message: 'hello' }] as never },
      { type: 'risk', events: [{ type: 'denial', limit: 'maxPosition' }] as never, tradingMode: 'normal' },
      { type: 'notice', message: 'ignored', time: 3 },
    );
    expect(next.activity?.equity).toEqual({ time: [1, 2], equity: [100, 101] });
    expect(next.activity?.logs).toHaveLength(1);
    expect(next.activity?.riskEvents).toEqual([{ type: 'denial', limit: 'maxPosition' }]);
    expect(next.activity?.totals).toMatchObject({ logs: 1, riskEvents: 1, fills: 0 });
  });

  it('keeps only the newest records, as the server does', () => {
    const lines = Array.from({ length: 250 }, (_, index) => ({ time: index, barIndex: index, message: String(index) }));
    const next = apply({ type: 'logs', lines: lines as never });
    expect(next.activity?.logs).toHaveLength(200);
    expect(next.activity?.logs[0]).toMatchObject({ message: '50' });
    expect(next.activity?.totals.logs).toBe(250);
  });
});
