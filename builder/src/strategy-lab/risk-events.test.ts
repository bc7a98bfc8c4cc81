import type { RiskEvent } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { countRiskEvents, riskEventRows } from './risk-events.ts';

const denial: RiskEvent = {
  type: 'denial',
  limit: 'maxPosition',
  level: 'hard',
  threshold: 100,
  value: 480,
  message: 'maxPosition SIM:AAPL: resulting position 480 exceeds hard limit 100',
  symbol: 'SIM:AAPL',
  time: 1_700_000_000_000,
  barIndex: 31,
  orderId: 1,
  mode: 'normal',
};

describe('riskEventRows', () => {
  it('keeps what the table shows of each event, in order, limits named in words', () => {
    expect(riskEventRows([denial])).toEqual([
      {
        key: '0',
        time: 1_700_000_000_000,
        type: 'denial',
        level: 'hard',
        limit: 'maxPosition',
        message: 'Max position SIM:AAPL: resulting position 480 exceeds hard limit 100',
        symbol: 'SIM:AAPL',
        orderId: 1,
        mode: 'normal',
      },
    ]);
  });

  it('lists the newest first for a live run', () => {
    const warning: RiskEvent = { ...denial, type: 'warning', level: 'warn', time: denial.time + 86_400_000, orderId: 2 };
    expect(riskEventRows([denial, warning], true).map((row) => [row.key, row.type])).toEqual([
      ['1', 'warning'],
      ['0', 'denial'],
    ]);
  });
});

describe('countRiskEvents', () => {
  it('counts each type', () => {
    expect(countRiskEvents([{ type: 'denial' }, { type: 'denial' }, { type: 'breach' }])).toEqual({
      warning: 0,
      denial: 2,
      breach: 1,
    });
  });
});
