import type { FieldIssue } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { DEFAULT_RISK_CAPS, readRiskCaps, riskCapsFor } from './risk-caps.ts';

describe('risk caps configuration', () => {
  it('defaults to a viewer ten times below an editor, and gives admins the editor caps', () => {
    const caps = loadConfig({}).riskCaps;
    expect(caps).toEqual(DEFAULT_RISK_CAPS);
    expect(caps.viewer).toEqual({
      paths: 1_000_000,
      backtestPaths: 5_000_000,
      lookback: 2_000,
      backtestReturns: 1_000_000,
      stressDays: 3_660,
    });
    expect(caps.editor).toEqual({
      paths: 10_000_000,
      backtestPaths: 50_000_000,
      lookback: 5_000,
      backtestReturns: 10_000_000,
      stressDays: 36_600,
    });
    expect(riskCapsFor(caps, 'viewer')).toEqual({ level: 'viewer', caps: caps.viewer });
    expect(riskCapsFor(caps, 'editor')).toEqual({ level: 'editor', caps: caps.editor });
    expect(riskCapsFor(caps, 'admin')).toEqual({ level: 'editor', caps: caps.editor });
  });

  it('reads each cap from NAUTILUS_RISK_{VIEWER,EDITOR}_MAX_*', () => {
    const caps = loadConfig({
      NAUTILUS_RISK_VIEWER_MAX_PATHS: '50000',
      NAUTILUS_RISK_VIEWER_MAX_BACKTEST_PATHS: '200000',
      NAUTILUS_RISK_VIEWER_MAX_LOOKBACK: '300',
      NAUTILUS_RISK_VIEWER_MAX_BACKTEST_RETURNS: '30000',
      NAUTILUS_RISK_VIEWER_MAX_STRESS_DAYS: '365',
      NAUTILUS_RISK_EDITOR_MAX_PATHS: '20000000',
      NAUTILUS_RISK_EDITOR_MAX_BACKTEST_PATHS: '100000000',
    }).riskCaps;
    expect(caps.viewer).toEqual({
      paths: 50_000,
      backtestPaths: 200_000,
      lookback: 300,
      backtestReturns: 30_000,
      stressDays: 365,
    });
    expect(caps.editor).toMatchObject({ paths: 20_000_000, backtestPaths: 100_000_000, lookback: 5_000 });
  });

  it('names each bad variable: not a whole number in range, or a viewer cap above the editors’', () => {
    const issues: FieldIssue[] = [];
    readRiskCaps(
      {
        NAUTILUS_RISK_VIEWER_MAX_PATHS: 'lots',
        NAUTILUS_RISK_EDITOR_MAX_LOOKBACK: '1.5',
        NAUTILUS_RISK_EDITOR_MAX_STRESS_DAYS: '0',
        NAUTILUS_RISK_VIEWER_MAX_BACKTEST_PATHS: '60000000',
      },
      issues,
    );
    expect(issues).toEqual([
      { path: 'NAUTILUS_RISK_VIEWER_MAX_PATHS', message: "expected a whole number from 1000 to 50000000, got 'lots'" },
      { path: 'NAUTILUS_RISK_EDITOR_MAX_LOOKBACK', message: "expected a whole number from 2 to 100000, got '1.5'" },
      { path: 'NAUTILUS_RISK_EDITOR_MAX_STRESS_DAYS', message: "expected a whole number from 1 to 100000, got '0'" },
      {
        path: 'NAUTILUS_RISK_VIEWER_MAX_BACKTEST_PATHS',
        message: 'must not exceed NAUTILUS_RISK_EDITOR_MAX_BACKTEST_PATHS (50000000), got 60000000',
      },
    ]);
    expect(() => loadConfig({ NAUTILUS_RISK_EDITOR_MAX_PATHS: '-5' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        fields: [expect.objectContaining({ path: 'NAUTILUS_RISK_EDITOR_MAX_PATHS' })],
      }),
    );
  });
});
