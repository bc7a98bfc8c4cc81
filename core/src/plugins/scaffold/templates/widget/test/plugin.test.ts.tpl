import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { manifestIssues } from '@nautilus/sdk/testing';
// The built modules, as the host and the builder load them from the packed plugin (npm test builds first).
import plugin from '../dist/index.js';
import { lastValue } from '../src/browser/last-value.ts';

test('the manifest is valid and names a bundle the build produced', async () => {
  assert.deepEqual(manifestIssues(plugin.manifest), []);
  const [widget] = plugin.manifest.contributes.widgets ?? [];
  const bundlePath = new URL(`../${widget!.bundle}`, import.meta.url);
  assert.ok(existsSync(bundlePath), `${widget!.bundle} was not built`);
  const bundle = (await import(bundlePath.href)).default;
  assert.deepEqual(Object.keys(bundle.widgets), [widget!.id]);
});

test('the tile shows a scalar, or the last point of the first series with values', () => {
  assert.deepEqual(lastValue([{ kind: 'scalar', value: 42.5, label: 'P&L' }]), { value: 42.5, label: 'P&L' });
  const series = (name: string, values: number[]) => ({ name, time: values.map((_, index) => index), values });
  assert.deepEqual(lastValue([{ kind: 'timeseries', series: [series('empty', []), series('close', [1, 2, 3])] }]), {
    value: 3,
    label: 'close',
  });
  assert.equal(lastValue([]), undefined);
});
