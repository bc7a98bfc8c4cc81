import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PriceSeries, VarRequest } from '@nautilus/sdk';
import { manifestIssues, pluginTestContext } from '@nautilus/sdk/testing';
// The built module, as the host loads it from the packed plugin (npm test builds first).
import plugin from '../dist/index.js';

const DAY = 86_400_000;
/** Closes starting at 100 that move by these daily returns. */
function closes(returns: number[]): PriceSeries {
  const close = [100];
  for (const change of returns) close.push(close[close.length - 1]! * (1 + change));
  return { time: close.map((_, index) => index * DAY), close };
}

async function model() {
  const { riskModels } = await plugin.setup(pluginTestContext({ pluginId: plugin.manifest.id }));
  return riskModels!['historical-var']!;
}

test('the manifest is valid', () => {
  assert.deepEqual(manifestIssues(plugin.manifest), []);
});

test('VaR is the 2nd worst of 5 losses at 60 %, ES the mean of the 2 worst (worked by hand)', async () => {
  // A: value 1,000, returns 4 %, -2 %, 4 %, -5 %, 2 % → P&L 40, -20, 40, -50, 20.
  // B: value 500, returns -2 %, 1 %, 0 %, 4 %, -2 % → P&L -10, 5, 0, 20, -10.
  // Portfolio P&L 30, -15, 40, -30, 10: k = ceil(5 × 0.4) = 2, VaR = 15, ES = (30 + 15) / 2 = 22.5,
  // and in the VaR scenario (day 2) A lost 20 and B gained 5: components 20 and -5.
  const request: VarRequest = {
    positions: [
      { symbol: 'A', quantity: 10, price: 100 },
      { symbol: 'B', quantity: 5, price: 100 },
    ],
    prices: { A: closes([0.04, -0.02, 0.04, -0.05, 0.02]), B: closes([-0.02, 0.01, 0, 0.04, -0.02]) },
    confidence: 0.6,
    horizonDays: 1,
    lookback: 250,
  };
  const result = await (await model()).compute(request, new AbortController().signal);
  assert.ok(Math.abs(result.var - 15) < 1e-9);
  assert.ok(Math.abs(result.es - 22.5) < 1e-9);
  assert.deepEqual(
    result.positions.map((position) => Math.round(position.componentVar * 1e9) / 1e9),
    [20, -5],
  );
  assert.equal(result.alignment.observations, 5);
});

test('refuses a portfolio without positions, naming the field', async () => {
  const request = { positions: [], prices: {}, confidence: 0.99, horizonDays: 1, lookback: 250 };
  await assert.rejects((await model()).compute(request, new AbortController().signal), { code: 'VALIDATION' });
});
