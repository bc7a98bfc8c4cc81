import type { StressRequest } from '@nautilus/sdk';
import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { runStressTest } from './stress-test.ts';
import { openSignal, startPlugin } from './test-host.ts';

const day = (d: number) => Date.UTC(2020, 2, d);
const prices = {
  // 2020-03-02 .. 2020-03-06, with 03-04 missing for BTC.
  'SIM:SPY': { time: [day(2), day(3), day(4), day(5), day(6)], close: [300, 290, 270, 260, 280] },
  'SIM:BTC': { time: [day(2), day(3), day(5), day(6)], close: [9000, 8500, 6000, 6300] },
};

function validationPath(request: StressRequest): string | undefined {
  try {
    runStressTest(request);
  } catch (error) {
    if (isNautilusError(error) && error.code === 'VALIDATION') return error.fields[0]?.path;
    throw error;
  }
  return undefined;
}

describe('historical stress scenario', () => {
  it('moves each position by its return from the close at or before `from` to the close at or before `to`', () => {
    const result = runStressTest({
      positions: [
        { symbol: 'SIM:SPY', quantity: 10 },
        { symbol: 'SIM:BTC', quantity: -1 },
      ],
      prices,
      // from = 03-02 12:00 → the 03-02 close; to = 03-04 18:00 → SPY's 03-04 close (270), BTC's 03-03 close (8500).
      scenario: { kind: 'historical', name: 'March 2020', from: day(2) + 12 * 3_600_000, to: day(4) + 18 * 3_600_000 },
    });
    // SPY: valued at its last close 280·10 = 2800; shock 270/300 - 1 = -10 %; P&L -280.
    // BTC: short 1 at 6300 = -6300; shock 8500/9000 - 1 = -5.5556 %; P&L +350.
    expect(result.scenario).toBe('March 2020');
    expect(result.positions[0]).toMatchObject({ symbol: 'SIM:SPY', value: 2800 });
    expect(result.positions[0]!.shock).toBeCloseTo(-0.1, 14);
    expect(result.positions[0]!.pnl).toBeCloseTo(-280, 10);
    expect(result.positions[1]!.shock).toBeCloseTo(8500 / 9000 - 1, 14);
    expect(result.positions[1]!.pnl).toBeCloseTo(350, 10);
    expect(result.totalPnl).toBeCloseTo(70, 10);
    // Gross 2800 + 6300 = 9100.
    expect(result.totalPct).toBeCloseTo(70 / 9100, 14);
  });

  it('values a position at its own price when one is given', () => {
    const result = runStressTest({
      positions: [{ symbol: 'SIM:SPY', quantity: 10, price: 250 }],
      prices,
      scenario: { kind: 'historical', name: 'x', from: day(2), to: day(4) },
    });
    expect(result.positions[0]!.pnl).toBeCloseTo(-250, 10);
  });

  it('names the symbol that has no close at or before `from`', () => {
    const path = validationPath({
      positions: [{ symbol: 'SIM:SPY', quantity: 1 }],
      prices,
      scenario: { kind: 'historical', name: 'x', from: day(1), to: day(4) },
    });
    expect(path).toBe('prices.SIM:SPY');
    expect(
      validationPath({
        positions: [{ symbol: 'SIM:QQQ', quantity: 1 }],
        prices,
        scenario: { kind: 'historical', name: 'x', from: day(2), to: day(4) },
      }),
    ).toBe('positions[0].symbol');
    expect(
      validationPath({
        positions: [{ symbol: 'SIM:SPY', quantity: 1 }],
        prices,
        scenario: { kind: 'historical', name: 'x', from: day(4), to: day(2) },
      }),
    ).toBe('scenario.to');
  });
});

describe('hypothetical stress scenario', () => {
  it('applies a symbol’s shock before its asset class’s, and 0 with a note when neither matches', () => {
    const result = runStressTest({
      positions: [
        { symbol: 'SIM:SPY', quantity: 10, assetClass: 'etf' },
        { symbol: 'SIM:BTC', quantity: 1, assetClass: 'crypto' },
        { symbol: 'SIM:EURUSD', quantity: 1000, price: 1.1, assetClass: 'fx' },
      ],
      prices,
      scenario: {
        kind: 'hypothetical',
        name: 'Risk off',
        bySymbol: { 'SIM:BTC': -0.5 },
        byAssetClass: { etf: -0.2, crypto: 0.1 },
      },
    });
    // SPY 2800·-20 % = -560; BTC 6300·-50 % (symbol beats class) = -3150; EURUSD 1100·0 = 0.
    expect(result.positions.map((p) => p.shock)).toEqual([-0.2, -0.5, 0]);
    expect(result.positions[0]!.pnl).toBeCloseTo(-560, 10);
    expect(result.positions[1]!.pnl).toBeCloseTo(-3150, 10);
    expect(result.positions[2]!.pnl).toBe(0);
    expect(result.totalPnl).toBeCloseTo(-3710, 10);
    expect(result.totalPct).toBeCloseTo(-3710 / (2800 + 6300 + 1100), 14);
    expect(result.notes.join(' ')).toMatch(/SIM:EURUSD \(fx\)/);
  });

  it('needs a price for a position without a price series, and sane shocks', () => {
    expect(
      validationPath({
        positions: [{ symbol: 'SIM:EURUSD', quantity: 1 }],
        prices,
        scenario: { kind: 'hypothetical', name: 'x' },
      }),
    ).toBe('positions[0].price');
    expect(
      validationPath({
        positions: [{ symbol: 'SIM:SPY', quantity: 1 }],
        prices,
        scenario: { kind: 'hypothetical', name: 'x', byAssetClass: { etf: -1.5 } },
      }),
    ).toBe('scenario.byAssetClass.etf');
    expect(
      validationPath({
        positions: [{ symbol: 'SIM:SPY', quantity: 1 }],
        prices,
        scenario: { kind: 'other', name: 'x' } as never,
      }),
    ).toBe('scenario.kind');
  });

  it('is offered by the plugin as the `scenarios` stress test and honours an aborted signal', async () => {
    const { stressTests } = await startPlugin();
    const request: StressRequest = {
      positions: [{ symbol: 'SIM:SPY', quantity: 1, assetClass: 'etf' }],
      prices,
      scenario: { kind: 'hypothetical', name: 'x', byAssetClass: { etf: -0.1 } },
    };
    expect((await stressTests.scenarios!.run(request, openSignal)).totalPnl).toBeCloseTo(-28, 10);
    const controller = new AbortController();
    controller.abort();
    await expect(stressTests.scenarios!.run(request, controller.signal)).rejects.toThrow();
  });
});
