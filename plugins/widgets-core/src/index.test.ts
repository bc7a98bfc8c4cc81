import type { JsonSchema } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';
import bundle from './widgets.ts';

const widgets = plugin.manifest.contributes.widgets ?? [];

describe('widgets-core plugin', () => {
  it('declares itself as nautilus.widgets-core, needing no network or secrets and running nothing on the server', async () => {
    expect(plugin.manifest).toMatchObject({
      id: 'nautilus.widgets-core',
      name: 'Core widgets',
      version: '0.1.0',
      engine: '^0.1.0',
    });
    expect(plugin.manifest.permissions).toEqual({ network: [], secrets: [] });
    expect(await plugin.setup({} as never)).toEqual({});
  });

  it('declares the eight widgets, each served from dist/widgets.js, and the bundle implements exactly those', () => {
    expect(widgets.map((widget) => widget.id)).toEqual([
      'candlestick',
      'line',
      'table',
      'stat',
      'text',
      'strategy-equity',
      'strategy-trades',
      'depth',
    ]);
    for (const widget of widgets) expect(widget.bundle).toBe('dist/widgets.js');
    expect(Object.keys(bundle.widgets).sort()).toEqual(widgets.map((widget) => widget.id).sort());
    for (const implementation of Object.values(bundle.widgets)) expect(typeof implementation.mount).toBe('function');
  });

  it('accepts the frames each widget draws', () => {
    const accepts = Object.fromEntries(widgets.map((widget) => [widget.id, widget.accepts]));
    expect(accepts).toEqual({
      candlestick: ['ohlcv'],
      line: ['timeseries', 'ohlcv'],
      table: ['table', 'ohlcv'],
      stat: ['scalar', 'ohlcv', 'timeseries'],
      text: [],
      'strategy-equity': ['timeseries'],
      'strategy-trades': ['table'],
      depth: ['book'],
    });
  });

  it('draws the strategy widgets with the line (area by default) and table implementations', () => {
    expect(bundle.widgets['strategy-equity']).toBe(bundle.widgets.line);
    expect(bundle.widgets['strategy-trades']).toBe(bundle.widgets.table);
    const options = (id: string) => widgets.find((widget) => widget.id === id)?.optionsSchema.properties ?? {};
    expect((options('strategy-equity').style as JsonSchema).default).toBe('area');
    expect((options('line').style as JsonSchema).default).toBe('line');
    expect(Object.keys(options('strategy-equity'))).toEqual(Object.keys(options('line')));
    expect(options('strategy-trades')).toEqual(options('table'));
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

  it('marks colours and the Markdown body for the builder to pick the right control', () => {
    const hint = (id: string, name: string) =>
      (widgets.find((widget) => widget.id === id)?.optionsSchema.properties?.[name] as JsonSchema | undefined)?.['x-widget'];
    expect(hint('candlestick', 'upColor')).toBe('color');
    expect(hint('stat', 'downColor')).toBe('color');
    expect(hint('text', 'markdown')).toBe('markdown');
  });
});
