import type { VarRequest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { portfolioPnl, threeAssetMarket } from './test-data.ts';
import { openSignal, startPlugin } from './test-host.ts';

const { riskModels } = await startPlugin();
const historical = riskModels.historical!;
const market = threeAssetMarket();
const base: VarRequest = { positions: market.positions, prices: market.prices, confidence: 0.99, horizonDays: 1, lookback: 250 };

/** The k worst P&Ls, worst first, from P&Ls computed straight from the closes. */
function worst(pnl: number[], k: number): number[] {
  return [...pnl].sort((a, b) => a - b).slice(0, k);
}

describe('historical risk model', () => {
  it('takes the 3rd worst of 250 P&Ls at 99 % (k = ceil(2.5) = 3) and averages the 3 worst for ES', async () => {
    const result = await historical.compute(base, openSignal);
    const tail = worst(portfolioPnl(market.positions, market.prices, 250), 3);
    expect(result.var).toBeCloseTo(-tail[2]!, 9);
    expect(result.es).toBeCloseTo(-(tail[0]! + tail[1]! + tail[2]!) / 3, 9);
    expect(result.notes.join(' ')).toMatch(/3rd worst/);
  });

  it('takes the 5th worst of 500 at 99 % and of 100 at 95 %, where floating point would say 6', async () => {
    const long = threeAssetMarket(600, 5);
    const at99 = await historical.compute({ ...base, prices: long.prices, lookback: 500 }, openSignal);
    expect(at99.var).toBeCloseTo(-worst(portfolioPnl(long.positions, long.prices, 500), 5)[4]!, 9);
    const at95 = await historical.compute({ ...base, confidence: 0.95, lookback: 100 }, openSignal);
    expect(at95.var).toBeCloseTo(-worst(portfolioPnl(market.positions, market.prices, 100), 5)[4]!, 9);
    // 97.5 % over 250: 6.25 → 7th worst.
    const at975 = await historical.compute({ ...base, confidence: 0.975 }, openSignal);
    expect(at975.var).toBeCloseTo(-worst(portfolioPnl(market.positions, market.prices, 250), 7)[6]!, 9);
  });

  it('splits VaR into the positions’ P&Ls on the VaR day, adding up to VaR exactly', async () => {
    const result = await historical.compute(base, openSignal);
    expect(result.positions.reduce((sum, p) => sum + p.componentVar, 0)).toBeCloseTo(result.var, 9);
    // Each component is minus the position's own P&L on that day: value × (−return).
    const pnl = portfolioPnl(market.positions, market.prices, 250);
    const day = pnl.indexOf(worst(pnl, 3)[2]!);
    market.positions.forEach(({ symbol }, i) => {
      const close = market.prices[symbol]!.close;
      const t = close.length - 250 + day;
      expect(result.positions[i]!.componentVar).toBeCloseTo(-result.positions[i]!.value * (close[t]! / close[t - 1]! - 1), 9);
    });
  });

  it('gives each position its own historical standalone VaR', async () => {
    const result = await historical.compute(base, openSignal);
    market.positions.forEach((position, i) => {
      expect(result.positions[i]!.standaloneVar).toBeCloseTo(-worst(portfolioPnl([position], market.prices, 250), 3)[2]!, 9);
    });
  });

  it('scales one-day figures by sqrt(h) by default', async () => {
    const oneDay = await historical.compute(base, openSignal);
    const tenDays = await historical.compute({ ...base, horizonDays: 10 }, openSignal);
    expect(tenDays.var).toBeCloseTo(oneDay.var * Math.sqrt(10), 9);
    expect(tenDays.es).toBeCloseTo(oneDay.es * Math.sqrt(10), 9);
    expect(tenDays.notes.join(' ')).toMatch(/sqrt\(10\)/);
  });

  it('uses overlapping h-day returns when asked', async () => {
    const result = await historical.compute({ ...base, horizonDays: 5, options: { horizonMethod: 'overlapping' } }, openSignal);
    const fiveDay = portfolioPnl(market.positions, market.prices, 250, 5);
    expect(result.var).toBeCloseTo(-worst(fiveDay, 3)[2]!, 9);
    expect(result.alignment.observations).toBe(250);
    // 250 five-day returns read 254 daily returns, i.e. 255 closes.
    expect(result.alignment.from).toBe(market.prices['SIM:AAA']!.time.at(-255));
    expect(result.positions.reduce((sum, p) => sum + p.componentVar, 0)).toBeCloseTo(result.var, 9);
  });

  it('fails with INSUFFICIENT_DATA, saying 100 returns are needed, for 99 % over 50 returns', async () => {
    await expect(historical.compute({ ...base, lookback: 50 }, openSignal)).rejects.toMatchObject({
      code: 'INSUFFICIENT_DATA',
      message: expect.stringMatching(/needs at least 100 returns.*got 50/),
    });
  });

  it('gives a zero position zero risk without NaN', async () => {
    const positions = [...market.positions, { symbol: 'SIM:CCC', quantity: 0 }];
    const result = await historical.compute({ ...base, positions }, openSignal);
    expect(result.positions[3]).toMatchObject({ value: 0, componentVar: 0, standaloneVar: 0, componentVarShare: 0 });
    expect(JSON.stringify(result)).not.toMatch(/null|NaN/);
  });
});
