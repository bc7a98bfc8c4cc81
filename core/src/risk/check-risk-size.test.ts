import type { NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { checkRiskSize, checkStressSize, type RiskSize, type RiskSizeFields } from './check-risk-size.ts';
import { DEFAULT_RISK_CAPS } from './risk-caps.ts';

const API: RiskSizeFields = {
  lookback: 'lookback',
  paths: 'options.paths',
  backtestPaths: 'options.backtestPaths',
  window: 'window',
};

function refusal(work: () => void): NautilusError {
  try {
    work();
  } catch (error) {
    return error as NautilusError;
  }
  throw new Error('expected the request to be refused');
}

describe('checkRiskSize with the default caps', () => {
  it("refuses a viewer's 10M-path Monte Carlo backtest over 2,000 days, naming both fields, the caps and what to do", () => {
    const size: RiskSize = {
      simulates: true,
      lookback: 250,
      backtestPaths: 10_000_000,
      backtest: { window: 2_000, pathsPerDay: 10_000_000 },
    };
    const error = refusal(() => checkRiskSize(DEFAULT_RISK_CAPS, 'viewer', size, API));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([
      {
        path: 'options.backtestPaths',
        message:
          'at most 1,000,000 Monte Carlo paths for a viewer, got 10,000,000: use fewer paths, or ask an editor to run it (editors may use up to 10,000,000)',
      },
      {
        path: 'window',
        message:
          '10,000,000 paths a day × 2,000 days = 20,000,000,000 Monte Carlo paths, more than the 5,000,000 a viewer may simulate in one backtest: ' +
          'use at most 2,500 paths a day (options.backtestPaths), or ask an editor to run it (editors may use up to 50,000,000)',
      },
    ]);
    expect(error.message).toMatch(
      /^This risk request is larger than your role \(viewer\) may run\. options\.backtestPaths: at most 1,000,000/,
    );
    expect(error.details).toMatchObject({ role: 'viewer', caps: DEFAULT_RISK_CAPS.viewer });
    // An editor may ask for 10M paths a day, but not for 20 billion in all, and is told which variable an admin can raise.
    const editor = refusal(() => checkRiskSize(DEFAULT_RISK_CAPS, 'editor', size, API));
    expect(editor.fields.map((field) => field.path)).toEqual(['window']);
    expect(editor.fields[0]!.message).toMatch(
      /an editor may simulate.*ask an admin to raise NAUTILUS_RISK_EDITOR_MAX_BACKTEST_PATHS$/,
    );
    expect(refusal(() => checkRiskSize(DEFAULT_RISK_CAPS, 'admin', size, API)).fields[0]!.message).toMatch(
      /an admin may simulate.*or raise NAUTILUS_RISK_EDITOR_MAX_BACKTEST_PATHS \(the cap of editors and admins\)$/,
    );
  });

  it('takes every cap as inclusive and holds each knob to its role', () => {
    const fits = (role: 'viewer' | 'editor', size: RiskSize) => () => checkRiskSize(DEFAULT_RISK_CAPS, role, size, API);
    expect(fits('viewer', { simulates: true, lookback: 2_000, paths: 1_000_000 })).not.toThrow();
    expect(refusal(fits('viewer', { simulates: true, lookback: 2_000, paths: 1_000_001 })).fields[0]?.path).toBe('options.paths');
    expect(fits('editor', { simulates: true, lookback: 2_000, paths: 10_000_000 })).not.toThrow();
    expect(refusal(fits('viewer', { simulates: false, lookback: 2_001 })).fields).toEqual([
      {
        path: 'lookback',
        message:
          'at most 2,000 returns for a viewer, got 2,001: use a shorter lookback, or ask an editor to run it (editors may use up to 5,000)',
      },
    ]);
    expect(fits('editor', { simulates: false, lookback: 5_000 })).not.toThrow();
    // lookback × window, for every method: 2,000 × 500 is a viewer's limit; 2,000 × 501 is not.
    expect(fits('viewer', { simulates: false, lookback: 2_000, backtest: { window: 500, pathsPerDay: 10_000 } })).not.toThrow();
    expect(
      refusal(fits('viewer', { simulates: false, lookback: 2_000, backtest: { window: 501, pathsPerDay: 10_000 } })).fields,
    ).toEqual([
      {
        path: 'window',
        message:
          'lookback 2,000 × 501 days = 1,002,000 returns read, more than the 1,000,000 a viewer may have a backtest read: ' +
          'use a window of at most 500 days or a lookback of at most 1,996, or ask an editor to run it (editors may use up to 10,000,000)',
      },
    ]);
    // Paths a day × window only counts when the method simulates.
    expect(fits('viewer', { simulates: false, lookback: 250, backtest: { window: 2_000, pathsPerDay: 10_000 } })).not.toThrow();
    expect(fits('viewer', { simulates: true, lookback: 250, backtest: { window: 500, pathsPerDay: 10_000 } })).not.toThrow();
    expect(
      refusal(fits('viewer', { simulates: true, lookback: 250, backtest: { window: 501, pathsPerDay: 10_000 } })).fields[0]?.path,
    ).toBe('window');
  });

  it("lets the product's own requests through for a viewer: the portfolio page and the risk dashboard", () => {
    const viewer = (size: RiskSize) => () => checkRiskSize(DEFAULT_RISK_CAPS, 'viewer', size, API);
    // Portfolio page: 100,000 paths, lookback up to 2,000; backtests of 250 days, 10,000 paths a day.
    expect(viewer({ simulates: true, lookback: 2_000, paths: 100_000 })).not.toThrow();
    expect(
      viewer({ simulates: true, lookback: 2_000, paths: 20_000, backtest: { window: 250, pathsPerDay: 10_000 } }),
    ).not.toThrow();
    // Risk dashboard: 200,000 paths; verdicts of up to 1,000 days at 5,000 paths a day.
    expect(
      viewer({ simulates: true, lookback: 250, paths: 200_000, backtest: { window: 1_000, pathsPerDay: 5_000 } }),
    ).not.toThrow();
  });
});

describe('checkStressSize', () => {
  it('bounds the days a historical scenario replays, by role', () => {
    const day = 86_400_000;
    expect(() => checkStressSize(DEFAULT_RISK_CAPS, 'viewer', 0, 3_660 * day, 'scenario.from')).not.toThrow();
    expect(refusal(() => checkStressSize(DEFAULT_RISK_CAPS, 'viewer', 0, 3_661 * day, 'scenario.from')).fields).toEqual([
      {
        path: 'scenario.from',
        message:
          'a historical scenario of 3,661 days is longer than the 3,660 a viewer may replay: pick a later start or an earlier end, or ask an editor to run it (editors may replay up to 36,600 days)',
      },
    ]);
    expect(() => checkStressSize(DEFAULT_RISK_CAPS, 'editor', 0, 36_600 * day, 'scenario.from')).not.toThrow();
  });
});
