import assert from 'node:assert/strict';
import { test } from 'node:test';
import { manifestIssues, pluginTestContext } from '@nautilus/sdk/testing';
// The built module, as the host loads it from the packed plugin (npm test builds first).
import plugin from '../dist/index.js';

async function kernel() {
  const { computeKernels } = await plugin.setup(pluginTestContext({ pluginId: plugin.manifest.id }));
  return computeKernels!['moving-average']!;
}

test('the manifest is valid', () => {
  assert.deepEqual(manifestIssues(plugin.manifest), []);
});

test('averages each window of 2 values, NaN until the first window is full', async () => {
  const { averages } = await (await kernel()).cpu(
    { values: Float64Array.of(1, 2, 3, 4, 5) },
    { window: 2 },
    new AbortController().signal,
  );
  assert.deepEqual([...averages!], [Number.NaN, 1.5, 2.5, 3.5, 4.5]);
});

test('refuses a window that is not a whole number, naming the param', async () => {
  await assert.rejects((await kernel()).cpu({ values: Float64Array.of(1) }, { window: 1.5 }, new AbortController().signal), {
    code: 'VALIDATION',
  });
});
