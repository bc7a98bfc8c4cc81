import type { NautilusError, VarRequest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { daily, meanAndDeviation, portfolioPnl, pricesFromReturns, threeAssetMarket } from './test-data.ts';
import { openSignal, startPlugin } from './test-host.ts';

// scipy 1.17: norm.ppf(0.99), norm.pdf(z)/0.01, norm.ppf(0.95).
const Z99 = 2.3263478740408408;
const ES99 = 2.665214220345808;
const Z95 = 1.6448536269514722;

const { riskModels } = await startPlugin();
const parametric = riskModels.parametric!;
const market = threeAssetMarket();
const base: VarRequest = { positions: market.positions, prices: market.prices, confidence: 0.99, horizonDays: 1, lookback: 250 };

async function failure(request: VarRequest): Promise<NautilusError> {
  return parametric.compute(request, openSignal).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: NautilusError) => error,
  );
}

describe('parametric risk model', () => {
  it('equals z·sd(P&L) - mean(P&L) of the portfolio’s own P&L series (wᵀΣw is the variance of wᵀr)', async () => {
    const result = await parametric.compute(base, openSignal);
    const { mean, deviation } = meanAndDeviation(portfolioPnl(market.positions, market.prices, 250));
    expect(result.var).toBeCloseTo(Z99 * deviation - mean, 8);
    expect(result.es).toBeCloseTo(ES99 * deviation - mean, 8);
    expect(result.method).toBe('parametric');
    expect(result.alignment).toMatchObject({ observations: 250, droppedDates: 0 });
  });

  it('reports values, percentages of gross value and component VaRs that sum to VaR', async () => {
    const result = await parametric.compute(base, openSignal);
    const values = market.positions.map(({ symbol, quantity }) => quantity * market.prices[symbol]!.close.at(-1)!);
    const gross = values.reduce((sum, v) => sum + Math.abs(v), 0);
    expect(result.positions.map((p) => p.value)).toEqual(values);
    expect(result.grossValue).toBeCloseTo(gross, 9);
    expect(result.netValue).toBeCloseTo(
      values.reduce((a, b) => a + b, 0),
      9,
    );
    expect(result.varPct).toBeCloseTo(result.var / gross, 14);
    expect(result.esPct).toBeCloseTo(result.es / gross, 14);
    expect(result.positions.reduce((sum, p) => sum + p.componentVar, 0)).toBeCloseTo(result.var, 8);
    expect(result.positions.reduce((sum, p) => sum + p.componentVarShare, 0)).toBeCloseTo(1, 12);
    for (const position of result.positions) expect(position.componentVar).toBeCloseTo(position.value * position.marginalVar, 8);
  });

  it('gives each position its standalone VaR z·|value|·sd(r) - value·mean(r)', async () => {
    const result = await parametric.compute(base, openSignal);
    market.positions.forEach(({ symbol }, i) => {
      const close = market.prices[symbol]!.close;
      const returns = close
        .slice(-251)
        .slice(1)
        .map((c, t) => c / close[close.length - 251 + t]! - 1);
      const { mean, deviation } = meanAndDeviation(returns);
      const value = result.positions[i]!.value;
      expect(result.positions[i]!.standaloneVar).toBeCloseTo(Z99 * Math.abs(value) * deviation - value * mean, 8);
    });
  });

  it('scales σ by sqrt(h) and the mean by h, and says so', async () => {
    const result = await parametric.compute({ ...base, horizonDays: 10 }, openSignal);
    const { mean, deviation } = meanAndDeviation(portfolioPnl(market.positions, market.prices, 250));
    expect(result.var).toBeCloseTo(Z99 * deviation * Math.sqrt(10) - 10 * mean, 7);
    expect(result.notes.join(' ')).toMatch(/sqrt\(10\)/);
  });

  it('drops the mean when asked (options.mean = zero)', async () => {
    const result = await parametric.compute({ ...base, confidence: 0.95, options: { mean: 'zero' } }, openSignal);
    const { deviation } = meanAndDeviation(portfolioPnl(market.positions, market.prices, 250));
    expect(result.var).toBeCloseTo(Z95 * deviation, 8);
  });

  it('uses the EWMA covariance when asked: VaR = z·sqrt(EWMA of the P&L²) - mean', async () => {
    const pnl = portfolioPnl(market.positions, market.prices, 250);
    // wᵀΣ_t w follows the same recursion on (wᵀr_t)², seeded with the first P&L².
    let variance = pnl[0]! ** 2;
    for (const p of pnl.slice(1)) variance = 0.97 * variance + 0.03 * p * p;
    const result = await parametric.compute({ ...base, options: { covariance: 'ewma', lambda: 0.97 } }, openSignal);
    expect(result.var).toBeCloseTo(Z99 * Math.sqrt(variance) - meanAndDeviation(pnl).mean, 8);
    expect(result.notes.join(' ')).toMatch(/EWMA/);
  });

  it('handles a single asset: VaR = z·σ·|value| - μ·value', async () => {
    const positions = [{ symbol: 'SIM:BBB', quantity: -300 }];
    const result = await parametric.compute({ ...base, positions }, openSignal);
    const { mean, deviation } = meanAndDeviation(portfolioPnl(positions, market.prices, 250));
    expect(result.var).toBeCloseTo(Z99 * deviation - mean, 8);
    expect(result.positions[0]!.componentVar).toBeCloseTo(result.var, 8);
    expect(result.positions[0]!.standaloneVar).toBeCloseTo(result.var, 8);
  });

  it('gives a zero position zero risk, no NaN, and a note', async () => {
    const positions = [...market.positions, { symbol: 'SIM:CCC', quantity: 0 }, { symbol: 'SIM:DDD', quantity: -0 }];
    const prices = { ...market.prices, 'SIM:DDD': market.prices['SIM:AAA']! };
    const result = await parametric.compute({ ...base, positions, prices }, openSignal);
    const withoutZeros = await parametric.compute(base, openSignal);
    expect(result.var).toBeCloseTo(withoutZeros.var, 9);
    for (const zero of result.positions.slice(3)) {
      expect(zero).toMatchObject({ value: 0, componentVar: 0, standaloneVar: 0, componentVarShare: 0 });
      expect(Number.isFinite(zero.marginalVar)).toBe(true);
    }
    expect(result.notes.join(' ')).toMatch(/Zero positions.*SIM:CCC, SIM:DDD/);
  });

  it('gives an all-zero portfolio zero VaR and zero percentages', async () => {
    const result = await parametric.compute({ ...base, positions: [{ symbol: 'SIM:AAA', quantity: 0 }] }, openSignal);
    expect([result.var, result.es, result.varPct, result.esPct, result.grossValue]).toEqual([0, 0, 0, 0, 0]);
  });

  it('adds perfectly correlated positions’ risks (two symbols with the same returns)', async () => {
    const prices = { ...market.prices, 'SIM:AAA2': market.prices['SIM:AAA']! };
    const positions = [
      { symbol: 'SIM:AAA', quantity: 1000 },
      { symbol: 'SIM:AAA2', quantity: 500 },
    ];
    const result = await parametric.compute({ ...base, positions, prices, options: { mean: 'zero' } }, openSignal);
    const alone = (await parametric.compute({ ...base, positions: [positions[0]!], options: { mean: 'zero' } }, openSignal)).var;
    // σ_p = |w1|σ + |w2|σ: VaR is 1.5 times the 1000-share VaR; components split 2:1.
    expect(result.var).toBeCloseTo(1.5 * alone, 8);
    expect(result.positions[0]!.componentVar).toBeCloseTo(alone, 8);
    expect(result.positions[1]!.componentVar).toBeCloseTo(alone / 2, 8);
  });

  it('nets two positions in the same symbol into one exposure', async () => {
    const split = [
      { symbol: 'SIM:AAA', quantity: 600 },
      { symbol: 'SIM:BBB', quantity: -300 },
      { symbol: 'SIM:AAA', quantity: 400 },
      { symbol: 'SIM:CCC', quantity: 5000 },
    ];
    const result = await parametric.compute({ ...base, positions: split }, openSignal);
    expect(result.var).toBeCloseTo((await parametric.compute(base, openSignal)).var, 8);
    expect(result.positions.reduce((sum, p) => sum + p.componentVar, 0)).toBeCloseTo(result.var, 8);
    expect(result.positions[0]!.componentVar / result.positions[2]!.componentVar).toBeCloseTo(1.5, 12);
  });

  it('aligns misaligned histories and reports what it dropped', async () => {
    // A has days 0..9, B lacks days 3 and 7 and has an extra day 10: common dates 0,1,2,4,5,6,8,9.
    const a = [100, 101, 99, 100, 102, 101, 103, 102, 104, 103];
    const b = [50, 51, 50, 52, 51, 52, 53, 52, 54, 53, 55];
    const bSeries = daily(b);
    const prices = {
      A: daily(a),
      B: { time: bSeries.time.filter((_, t) => t !== 3 && t !== 7), close: b.filter((_, t) => t !== 3 && t !== 7) },
    };
    const result = await parametric.compute(
      {
        positions: [
          { symbol: 'A', quantity: 1 },
          { symbol: 'B', quantity: 1 },
        ],
        prices,
        // 80 %: five returns are exactly the 1/(1 - c) a confidence needs (95 % would need 20).
        confidence: 0.8,
        horizonDays: 1,
        lookback: 5,
      },
      openSignal,
    );
    // Union: days 0..10 (11 dates), intersection 8 dates → 3 dropped; A lost 2 own dates (3, 7), B lost 1 (10).
    // The last 5 returns span the last 6 common dates: days 2, 4, 5, 6, 8, 9.
    expect(result.alignment).toEqual({
      observations: 5,
      from: daily(a).time[2],
      to: daily(a).time[9],
      droppedDates: 3,
      droppedPerSymbol: { A: 2, B: 1 },
    });
    expect(result.notes.join(' ')).toMatch(/3 dates left out.*A 2, B 1/);
    // Values use each symbol's own last close (B's day 10: 55), not its last aligned one.
    expect(result.positions[1]!.price).toBe(55);
  });

  it('fails with INSUFFICIENT_DATA when the aligned history is shorter than the lookback', async () => {
    // 401 closes give 400 returns.
    const error = await failure({ ...base, lookback: 401 });
    expect(error.code).toBe('INSUFFICIENT_DATA');
    expect(error.message).toMatch(/needs 401 daily returns.*only 400/);
  });

  it('rejects bad requests with one VALIDATION error naming each field', async () => {
    const error = await failure({
      ...base,
      confidence: 1,
      horizonDays: 1.5,
      lookback: 1,
      positions: [{ symbol: 'SIM:AAA', quantity: Number.NaN }],
      options: { covariance: 'shrunk', pahts: 5 },
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields.map((f) => f.path).sort()).toEqual(
      ['confidence', 'horizonDays', 'lookback', 'options.covariance', 'options.pahts', 'positions[0].quantity'].sort(),
    );
    expect((await failure({ ...base, confidence: 0.5 })).fields[0]?.path).toBe('confidence');
    expect((await failure({ ...base, horizonDays: 251 })).fields[0]?.path).toBe('horizonDays');
    expect((await failure({ ...base, positions: [] })).fields[0]?.path).toBe('positions');
    expect((await failure({ ...base, options: { lambda: 1 } })).fields[0]?.path).toBe('options.lambda');
    expect((await failure({ ...base, positions: [{ symbol: 'SIM:AAA', quantity: 1, price: -2 }] })).fields[0]?.path).toBe(
      'positions[0].price',
    );
  });

  it('names the position whose symbol has no price series', async () => {
    const error = await failure({ ...base, positions: [...market.positions, { symbol: 'SIM:NOPE', quantity: 1 }] });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields[0]?.path).toBe('positions[3].symbol');
  });

  it('names a bad close of a position’s series', async () => {
    const close = [...market.prices['SIM:AAA']!.close];
    close[12] = -1;
    const prices = { ...market.prices, 'SIM:AAA': { time: market.prices['SIM:AAA']!.time, close } };
    expect((await failure({ ...base, prices })).fields[0]?.path).toBe('prices.SIM:AAA.close[12]');
  });

  it('never returns NaN for a flat (constant-price) instrument', async () => {
    const prices = { ...market.prices, FLAT: daily(new Array(400).fill(10)) };
    const positions = [...market.positions, { symbol: 'FLAT', quantity: 100 }];
    const result = await parametric.compute({ ...base, prices, positions }, openSignal);
    expect(JSON.stringify(result)).not.toMatch(/null|NaN/);
    expect(result.positions[3]!.standaloneVar).toBe(0);
  });

  it('computes Student-t VaR when asked', async () => {
    const request = { ...base, options: { distribution: 't', degreesOfFreedom: 5, mean: 'zero' } };
    const { deviation } = meanAndDeviation(portfolioPnl(market.positions, market.prices, 250));
    // scipy: t.ppf(0.99, 5)·sqrt(3/5).
    expect((await parametric.compute(request, openSignal)).var).toBeCloseTo(2.606463569384279 * deviation, 7);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(parametric.compute(base, controller.signal)).rejects.toThrow();
  });

  it('reads prices made from any returns (a small check by hand)', async () => {
    // 100 returns of one asset (the fewest 99 % allows), +1 % and -1 % in turn: mean 0,
    // sd sqrt(100·0.01²/99) = 0.01·sqrt(100/99); value 10·100·(1.01·0.99)^50.
    const prices = pricesFromReturns(
      ['X'],
      Array.from({ length: 100 }, (_, t) => [t % 2 === 0 ? 0.01 : -0.01]),
    );
    const result = await parametric.compute(
      { positions: [{ symbol: 'X', quantity: 10 }], prices, confidence: 0.99, horizonDays: 1, lookback: 100 },
      openSignal,
    );
    expect(result.var).toBeCloseTo(Z99 * 0.01 * Math.sqrt(100 / 99) * 1000 * 0.9999 ** 50, 9);
  });
});
