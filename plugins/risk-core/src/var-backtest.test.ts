import type { VarBacktestRequest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { historicalMethod } from './historical-model.ts';
import { kupiecTest, trafficLight } from './index.ts';
import { correlatedReturns, meanAndDeviation, pricesFromReturns, threeAssetMarket } from './test-data.ts';
import { openSignal, startPlugin } from './test-host.ts';
import { backtestVar } from './var-backtest.ts';
import type { VarMethod } from './var-method.ts';

// scipy 1.17: norm.ppf(0.99).
const Z99 = 2.3263478740408408;

const { riskModels } = await startPlugin();
const parametric = riskModels.parametric!;
const historical = riskModels.historical!;

// Calm then stormy: 100 days at 0.5 % daily volatility, then 250 days at 2 %.
const calm = correlatedReturns(100, [0.005], [[1]], 21);
const storm = correlatedReturns(250, [0.02], [[1]], 22);
const stormyPrices = pricesFromReturns(['X'], [...calm, ...storm]);
const stormy: VarBacktestRequest = {
  positions: [{ symbol: 'X', quantity: 100, price: 50 }],
  prices: stormyPrices,
  confidence: 0.99,
  horizonDays: 1,
  lookback: 100,
  window: 250,
};

/** One-day parametric VaR of `value` from the `lookback` returns before each of the last `window` days, by hand. */
function handBacktest(returns: number[], value: number, lookback: number, window: number) {
  const forecasts: number[] = [];
  const pnl: number[] = [];
  for (let t = returns.length - window; t < returns.length; t++) {
    const { mean, deviation } = meanAndDeviation(returns.slice(t - lookback, t));
    forecasts.push(Z99 * Math.abs(value) * deviation - value * mean);
    pnl.push(value * returns[t]!);
  }
  const exceptions = pnl.filter((p, day) => -p > forecasts[day]!).length;
  return { forecasts, pnl, exceptions };
}

function closesToReturns(close: number[]): number[] {
  return close.slice(1).map((c, t) => c / close[t]! - 1);
}

describe('VaR backtest', () => {
  it('forecasts each day from the lookback returns before it and counts losses beyond VaR', async () => {
    const result = await parametric.backtest!(stormy, openSignal);
    const hand = handBacktest(closesToReturns(stormyPrices.X!.close), 5000, 100, 250);
    expect(result.days).toBe(250);
    expect(result.expected).toBeCloseTo(2.5, 12);
    result.series.var.forEach((v, day) => {
      expect(v).toBeCloseTo(hand.forecasts[day]!, 8);
    });
    result.series.pnl.forEach((p, day) => {
      expect(p).toBeCloseTo(hand.pnl[day]!, 9);
    });
    expect(result.series.time).toEqual(stormyPrices.X!.time.slice(-250));
    expect(result.exceptions).toBe(hand.exceptions);
  });

  it('flags a model that lags a jump in volatility: red light, Kupiec rejects', async () => {
    const result = await parametric.backtest!(stormy, openSignal);
    expect(result.exceptions).toBeGreaterThanOrEqual(10);
    expect(result.trafficLight).toBe('red');
    expect(result.kupiecReject).toBe(true);
    const kupiec = kupiecTest(result.exceptions, 250, 0.99);
    expect([result.kupiecLr, result.kupiecPValue]).toEqual([kupiec.lr, kupiec.pValue]);
  });

  it('never lets a day’s own return into its forecast', async () => {
    const close = [...stormyPrices.X!.close];
    close[close.length - 1] = close[close.length - 2]! * 0.5;
    const crashed = { ...stormy, prices: { X: { time: stormyPrices.X!.time, close } } };
    const before = await parametric.backtest!(stormy, openSignal);
    const after = await parametric.backtest!(crashed, openSignal);
    expect(after.series.var.at(-1)).toBe(before.series.var.at(-1));
    expect(after.series.pnl.at(-1)).toBeCloseTo(-2500, 9);
    // The forecast is blind to the crash, so the crash day is an exception.
    expect(-after.series.pnl.at(-1)!).toBeGreaterThan(after.series.var.at(-1)!);
  });

  it('passes a well-specified model: the verdicts match kupiecTest and trafficLight on its own counts', async () => {
    const market = threeAssetMarket(600, 8);
    const request = {
      positions: market.positions,
      prices: market.prices,
      confidence: 0.99,
      horizonDays: 1,
      lookback: 250,
      window: 250,
    };
    for (const model of [parametric, historical]) {
      const result = await model.backtest!(request, openSignal);
      expect(result.exceptions).toBeLessThan(10);
      expect(result.trafficLight).toBe(trafficLight(result.exceptions, 250, 0.99));
      expect(result.kupiecReject).toBe(kupiecTest(result.exceptions, 250, 0.99).reject);
    }
  });

  it('backtests historical VaR as the k-th worst of the lookback before each day', async () => {
    const result = await historical.backtest!({ ...stormy, window: 20 }, openSignal);
    const returns = closesToReturns(stormyPrices.X!.close);
    result.series.var.forEach((v, day) => {
      const t = returns.length - 20 + day;
      const sorted = returns.slice(t - 100, t).sort((a, b) => a - b);
      // k = ceil(0.01·100) = 1: the worst of the 100 days before.
      expect(v).toBeCloseTo(-5000 * sorted[0]!, 9);
    });
  });

  it('needs lookback + window returns, and enough returns per window for the confidence', async () => {
    await expect(parametric.backtest!({ ...stormy, window: 260 }, openSignal)).rejects.toMatchObject({
      code: 'INSUFFICIENT_DATA',
      message: expect.stringMatching(/needs 360 daily returns.*only 350/),
    });
    await expect(historical.backtest!({ ...stormy, lookback: 50 }, openSignal)).rejects.toMatchObject({
      code: 'INSUFFICIENT_DATA',
      message: expect.stringMatching(/at least 100 returns/),
    });
  });

  it('rejects a window that is not a whole number of days', async () => {
    await expect(parametric.backtest!({ ...stormy, window: 0 }, openSignal)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [expect.objectContaining({ path: 'window' })],
    });
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(parametric.backtest!(stormy, controller.signal)).rejects.toThrow();
  });

  it('stops mid-way when the signal aborts while the days are being estimated, and estimates no more days', async () => {
    // 2,000 days of historical VaR over 1,000 returns each: far longer than the 20 ms before the abort.
    const correlation = [
      [1, 0.5],
      [0.5, 1],
    ];
    const prices = pricesFromReturns(['X', 'Y'], correlatedReturns(3_001, [0.01, 0.02], correlation, 9));
    let estimates = 0;
    const counting: VarMethod = {
      ...historicalMethod,
      estimate: (window, settings, signal) => {
        estimates++;
        return historicalMethod.estimate(window, settings, signal);
      },
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('the client went away')), 20);
    const request = { ...stormy, positions: [{ symbol: 'X', quantity: 10 }], prices, lookback: 1_000, window: 2_000 };
    await expect(backtestVar(counting, request, controller.signal)).rejects.toThrow('the client went away');
    const atAbort = estimates;
    expect(atAbort).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(estimates).toBe(atAbort);
  });
});
