import { resolveOptions } from '@nautilus/sdk';
import { manifestIssues } from '@nautilus/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';
import bundle from './widgets.ts';

describe('regimes plugin', () => {
  it('declares a valid manifest needing no network or secrets, and the bundle implements exactly its widgets', () => {
    expect(manifestIssues(plugin.manifest)).toEqual([]);
    expect(plugin.manifest.permissions).toEqual({ network: [], secrets: [] });
    const widgets = plugin.manifest.contributes.widgets ?? [];
    expect(widgets.map((widget) => widget.id)).toEqual(['regime-ribbon']);
    expect(Object.keys(bundle.widgets)).toEqual(['regime-ribbon']);
    expect(widgets[0]!.accepts).toEqual(['ohlcv']);
  });

  it('fills every ribbon option from its schema default', () => {
    const schema = plugin.manifest.contributes.widgets![0]!.optionsSchema;
    expect(resolveOptions(schema, {})).toEqual({ showPrice: true, minFitBars: 250, refitEvery: 21 });
  });
});
