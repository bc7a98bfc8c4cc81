import { resolveOptions } from '@nautilus/sdk';
import { manifestIssues } from '@nautilus/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';
import bundle from './widgets.ts';

describe('widgets-analytics plugin', () => {
  it('declares a valid manifest needing no network or secrets, and the bundle implements exactly its widgets', () => {
    expect(manifestIssues(plugin.manifest)).toEqual([]);
    expect(plugin.manifest.permissions).toEqual({ network: [], secrets: [] });
    const widgets = plugin.manifest.contributes.widgets ?? [];
    expect(widgets.map((widget) => widget.id)).toEqual(['tear-sheet', 'monthly-heatmap', 'drawdown-chart', 'attribution']);
    expect(Object.keys(bundle.widgets).sort()).toEqual(widgets.map((widget) => widget.id).sort());
    expect(widgets.map((widget) => widget.accepts)).toEqual([['table'], ['table'], ['timeseries'], ['table']]);
  });

  it('fills every option from its schema default', () => {
    const [sheet, monthly, drawdown, attribution] = plugin.manifest.contributes.widgets!;
    expect(resolveOptions(sheet!.optionsSchema, {})).toEqual({ showFormula: false });
    expect(resolveOptions(monthly!.optionsSchema, {})).toEqual({ decimals: 1 });
    expect(resolveOptions(drawdown!.optionsSchema, {})).toEqual({ periods: 5 });
    expect(resolveOptions(attribution!.optionsSchema, {})).toEqual({ by: 'instrument' });
  });
});
