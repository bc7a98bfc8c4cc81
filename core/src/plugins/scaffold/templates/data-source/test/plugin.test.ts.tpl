import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OhlcvFrame } from '@nautilus/sdk';
import { checkDataSourceContract, pluginTestContext } from '@nautilus/sdk/testing';
// The built module, as the host loads it from the packed plugin (npm test builds first).
import plugin from '../dist/index.js';

const range = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 3, 1) };
const params = { symbol: 'DEMO', timeframe: '1d' };

test('bars keeps the data-source contract the host holds it to', async () => {
  // Runs setup with a test ctx and checks the manifest, the frames, maxPoints and the abort signal;
  // throws an Error listing every failure.
  await checkDataSourceContract(plugin, { source: 'bars', params, range });
});

test('bars returns one daily bar per day of the range, the same bars for every query', async () => {
  const { dataSources } = await plugin.setup(pluginTestContext({ pluginId: plugin.manifest.id }));
  const query = (from: number, maxPoints = 1_000) =>
    dataSources!.bars!.query({ params, range: { ...range, from }, maxPoints }, new AbortController().signal);
  const [all] = (await query(range.from)) as [OhlcvFrame];
  assert.equal(all.time.length, 31 + 29 + 31); // January to March 2024
  assert.equal(all.time[0], range.from);
  for (let index = 0; index < all.time.length; index++) {
    assert.ok(all.high[index]! >= Math.max(all.open[index]!, all.close[index]!));
    assert.ok(all.low[index]! <= Math.min(all.open[index]!, all.close[index]!));
  }
  const [lastTen] = (await query(range.from, 10)) as [OhlcvFrame];
  assert.deepEqual(lastTen.close, all.close.slice(-10));
});
