import { describe, expect, it } from 'vitest';
import { createWidgetRegistry, WidgetLoadError, type WidgetSource } from './widget-registry.ts';

const chart: WidgetSource = {
  type: 'acme.charts/line',
  pluginId: 'acme.charts',
  id: 'line',
  bundleUrl: '/plugins/acme.charts/w.js',
};
const table: WidgetSource = { ...chart, type: 'acme.charts/table', id: 'table' };
const mount = () => ({ update() {}, resize() {}, destroy() {} });

describe('widget registry', () => {
  it('imports a bundle once for every widget and panel that uses it', async () => {
    const imported: string[] = [];
    const registry = createWidgetRegistry(async (url) => {
      imported.push(url);
      return { default: { widgets: { line: { mount }, table: { mount } } } };
    });
    const loaded = await Promise.all([registry.load(chart), registry.load(chart), registry.load(table)]);
    expect(loaded.map((implementation) => typeof implementation.mount)).toEqual(['function', 'function', 'function']);
    expect(imported).toEqual(['/plugins/acme.charts/w.js']);
  });

  it('names the plugin when the bundle cannot be fetched, and tries again next time', async () => {
    let attempts = 0;
    const registry = createWidgetRegistry(async () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { default: { widgets: { line: { mount } } } };
    });
    const failure = await registry.load(chart).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WidgetLoadError);
    expect((failure as WidgetLoadError).plugin).toBe('acme.charts');
    expect((failure as Error).message).toMatch(/Could not load the widgets of acme\.charts.*Failed to fetch/);
    await expect(registry.load(chart)).resolves.toHaveProperty('mount');
    expect(attempts).toBe(2);
  });

  it('says which widgets a bundle offers when the one asked for is missing', async () => {
    const registry = createWidgetRegistry(async () => ({ default: { widgets: { table: { mount } } } }));
    await expect(registry.load(chart)).rejects.toThrow("has no widget 'line' with a mount() function (it offers: table)");
  });

  it('rejects a module without the widget bundle shape', async () => {
    const registry = createWidgetRegistry(async () => ({ something: 1 }));
    await expect(registry.load(chart)).rejects.toThrow(/no default export \{ widgets \}/);
  });
});
