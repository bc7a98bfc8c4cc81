import type { JsonSchema } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';
import bundle from './widgets.ts';

const widgets = plugin.manifest.contributes.widgets ?? [];

describe('widgets-risk plugin', () => {
  it('declares itself as nautilus.widgets-risk, needing no network or secrets and running nothing on the server', async () => {
    expect(plugin.manifest).toMatchObject({ id: 'nautilus.widgets-risk', version: '0.1.0', engine: '^0.1.0' });
    expect(plugin.manifest.permissions).toEqual({ network: [], secrets: [] });
    expect(await plugin.setup({} as never)).toEqual({});
  });

  it('declares the four widgets, each drawing tables from dist/widgets.js, and the bundle implements exactly those', () => {
    expect(widgets.map((widget) => [widget.id, widget.name])).toEqual([
      ['risk-heatmap', 'Risk heatmap'],
      ['var-tile', 'VaR / ES'],
      ['limit-bars', 'Limit utilisation'],
      ['pnl-waterfall', 'P&L waterfall'],
    ]);
    for (const widget of widgets) {
      expect(widget.bundle).toBe('dist/widgets.js');
      expect(widget.accepts).toEqual(['table']);
    }
    expect(Object.keys(bundle.widgets).sort()).toEqual(widgets.map((widget) => widget.id).sort());
    for (const implementation of Object.values(bundle.widgets)) expect(typeof implementation.mount).toBe('function');
  });

  it('fits every default size on the 24-column grid', () => {
    for (const { defaultSize } of widgets) {
      expect(defaultSize.w).toBeGreaterThanOrEqual(1);
      expect(defaultSize.w).toBeLessThanOrEqual(24);
      expect(Number.isInteger(defaultSize.h)).toBe(true);
    }
  });

  it('gives every option a title and a default that its own schema accepts, so the generated form starts valid', () => {
    for (const widget of widgets) {
      const properties = Object.entries(widget.optionsSchema.properties ?? {});
      expect(properties.length, widget.id).toBeGreaterThan(0);
      const defaults = Object.fromEntries(properties.map(([name, property]) => [name, property.default]));
      for (const [name, property] of properties) {
        expect(property.title, `${widget.id}.${name}`).toBeTruthy();
        expect(property.default, `${widget.id}.${name}`).not.toBeUndefined();
      }
      expect(resolveOptions(widget.optionsSchema, defaults)).toEqual(defaults);
    }
  });

  it('defaults to the diverging scale, the historical method, utilisation order and magnitude order', () => {
    const option = (id: string, name: string) =>
      (widgets.find((widget) => widget.id === id)?.optionsSchema.properties?.[name] as JsonSchema | undefined)?.default;
    expect(option('risk-heatmap', 'scale')).toBe('diverging');
    expect(option('var-tile', 'method')).toBe('historical');
    expect(option('var-tile', 'currency')).toBe('USD');
    expect(option('limit-bars', 'sort')).toBe('utilisation');
    expect(option('limit-bars', 'showOk')).toBe(true);
    expect(option('pnl-waterfall', 'sort')).toBe('magnitude');
  });

  it('falls back to the default currency for anything but an ISO 4217 code', () => {
    const schema = widgets.find((widget) => widget.id === 'pnl-waterfall')!.optionsSchema;
    expect(resolveOptions(schema, { currency: 'EUR' })).toMatchObject({ currency: 'EUR' });
    expect(resolveOptions(schema, { currency: 'euro' })).toMatchObject({ currency: 'USD' });
  });
});
