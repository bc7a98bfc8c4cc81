import type { LimitSet } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import {
  changeLimitKind,
  limitSetDraft,
  limitSetDraftIssues,
  limitSetFromDraft,
  newLimitDraft,
  placeLimitIssues,
} from './limit-form.ts';

const keys = () => {
  let n = 0;
  return () => `k${++n}`;
};

describe('limit set ↔ editor rows', () => {
  it('gives back the same limit set after a round trip through the rows', () => {
    const set: LimitSet = {
      onHardBreach: 'reduce-only',
      limits: [
        { kind: 'maxPosition', warn: 800, hard: 1_000, symbol: 'SIM:AAPL' },
        { kind: 'maxGrossExposure', hard: 2_000_000 },
        { kind: 'maxOrderRate', windowMs: 1_000, warn: 3, hard: 5 },
        { kind: 'maxDrawdown', warn: 0.07, hard: 0.1 },
        { kind: 'maxVar', hard: 50_000, confidence: 0.975, volatility: { 'SIM:AAPL': 0.02 } },
        { kind: 'maxDailyLoss', hard: 10_000, timeZone: 'Europe/London' },
        { kind: 'allowedInstruments', symbols: ['SIM:AAPL', 'SIM:MSFT'] },
        { kind: 'tradingHours', timeZone: 'America/New_York', start: '09:30', end: '16:00', weekdays: ['mon', 'fri'] },
      ],
    };
    const rows = limitSetDraft(set, keys());
    expect(rows.limits.map((row) => row.key)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
    expect(limitSetFromDraft(rows)).toEqual(set);
    expect(limitSetDraftIssues(rows)).toEqual([]);
  });

  it('reads no limit set as an empty one that denies', () => {
    expect(limitSetDraft(null)).toEqual({ limits: [], onHardBreach: 'deny' });
  });

  it('leaves out empty fields and fields the kind does not take', () => {
    const row = { ...newLimitDraft('maxGrossExposure', 'a'), hard: 5, symbol: 'SIM:AAPL', weekdays: [], start: '' };
    expect(limitSetFromDraft({ limits: [row], onHardBreach: 'deny' }).limits).toEqual([{ kind: 'maxGrossExposure', hard: 5 }]);
  });

  it('starts rows with the defaults of their kind', () => {
    expect(newLimitDraft('maxOrderRate', 'a').windowMs).toBe(60_000);
    expect(newLimitDraft('maxVar', 'a').confidence).toBe(0.99);
    expect(newLimitDraft('tradingHours', 'a')).toMatchObject({ timeZone: 'America/New_York', start: '09:30', end: '16:00' });
  });

  it('keeps thresholds across a kind change only when both kinds measure the same unit', () => {
    const notional = { ...newLimitDraft('maxOrderNotional', 'a'), warn: 10, hard: 20, symbol: 'SIM:SPY' };
    expect(changeLimitKind(notional, 'maxGrossExposure')).toMatchObject({
      key: 'a',
      kind: 'maxGrossExposure',
      warn: 10,
      hard: 20,
    });
    expect(changeLimitKind(notional, 'maxLeverage')).toMatchObject({ kind: 'maxLeverage', warn: null, hard: null });
    expect(changeLimitKind(notional, 'maxPosition').symbol).toBe('SIM:SPY');
  });
});

describe('limitSetDraftIssues', () => {
  it('names the missing hard threshold of a new row and a warn above hard', () => {
    const missing = newLimitDraft('maxPosition', 'a');
    const inverted = { ...newLimitDraft('maxLeverage', 'b'), warn: 3, hard: 2 };
    const paths = limitSetDraftIssues({ limits: [missing, inverted], onHardBreach: 'deny' }).map((issue) => issue.path);
    expect(paths).toEqual(['limits[0].hard', 'limits[1].hard']);
  });

  it('flags an allowed-instruments row without instruments', () => {
    const issues = limitSetDraftIssues({ limits: [newLimitDraft('allowedInstruments', 'a')], onHardBreach: 'halt' });
    expect(issues.map((issue) => issue.path)).toEqual(['limits[0].symbols']);
  });
});

describe('placeLimitIssues', () => {
  it('puts field issues under their field, row issues under the row, the rest under the set', () => {
    const placed = placeLimitIssues([
      { path: 'limits[1].hard', message: 'must be > warn (5), got 3' },
      { path: 'limits[2].symbols[1]', message: "repeats 'SIM:AAPL'" },
      { path: 'limits[3]', message: 'duplicates limits[0]' },
      { path: 'limits[4].volatility.SIM:X', message: 'must be >= 0' },
      { path: 'onHardBreach', message: "must be 'deny'" },
    ]);
    expect(placed.rows.get(1)?.fields.get('hard')).toEqual(['must be > warn (5), got 3']);
    expect(placed.rows.get(2)?.fields.get('symbols')).toEqual(["repeats 'SIM:AAPL'"]);
    expect(placed.rows.get(3)?.row).toEqual(['duplicates limits[0]']);
    expect(placed.rows.get(4)?.row).toEqual(['volatility must be >= 0']);
    expect(placed.set).toEqual(["onHardBreach: must be 'deny'"]);
  });

  it("reads the server's issues under a prefix and ignores other fields", () => {
    const placed = placeLimitIssues(
      [
        { path: 'config.limits.limits[0].warn', message: 'bad' },
        { path: 'config.initialCash', message: 'must be > 0' },
      ],
      'config.limits',
    );
    expect([...placed.rows.keys()]).toEqual([0]);
    expect(placed.rows.get(0)?.fields.get('warn')).toEqual(['bad']);
    expect(placed.set).toEqual([]);
  });
});
