import { describe, expect, it } from 'vitest';
import { alertSourceRoute, strategyRouteFor } from './alert-links.ts';

describe('alertSourceRoute', () => {
  it('links a portfolio alert to the portfolio', () => {
    expect(alertSourceRoute({ source: { kind: 'portfolio', id: 'p1', name: 'Core' }, details: {} })).toEqual({
      name: 'portfolio',
      id: 'p1',
    });
  });

  it('links a run or a deployment to its strategy page, showing it', () => {
    expect(alertSourceRoute({ source: { kind: 'backtest', id: 'r1', name: 'SMA' }, details: { strategyId: 's1' } })).toEqual({
      name: 'strategy',
      id: 's1',
      run: 'r1',
    });
    expect(alertSourceRoute({ source: { kind: 'deployment', id: 'd1', name: 'SMA' }, details: { strategyId: 's1' } })).toEqual({
      name: 'strategy',
      id: 's1',
      deployment: 'd1',
    });
  });

  it('has no link for a run whose strategy the alert does not name', () => {
    expect(alertSourceRoute({ source: { kind: 'backtest', id: 'r1', name: 'SMA' }, details: {} })).toBeUndefined();
    expect(strategyRouteFor('deployment', 'd1', 's2')).toEqual({ name: 'strategy', id: 's2', deployment: 'd1' });
  });
});
