// @vitest-environment happy-dom
import type { Frame, TableColumn, TableFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { LIMIT_TABLE_COLUMNS } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { limitBars } from './limit-bars-widget.ts';

// limit, scope, value, warn, hard, utilisation, status
const limits = (rows: TableFrame['rows']): TableFrame => ({ kind: 'table', columns: LIMIT_TABLE_COLUMNS as TableColumn[], rows });
const frame = limits([
  ['maxGrossExposure', 'portfolio', 812_300, 800_000, 1_000_000, 0.8123, 'warn'],
  ['maxPositionValue', 'SIM:AAPL', 120_000, 90_000, 100_000, 1.2, 'breach'],
  ['maxLeverage', 'portfolio', 1.5, null, 3, 0.5, 'ok'],
]);
const props = (frames: Frame[], options: Record<string, unknown> = {}, theme: 'dark' | 'light' = 'dark'): WidgetProps => ({
  frames,
  options,
  width: 400,
  height: 240,
  theme,
  timeRange: { from: 0, to: 1 },
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
const mount = async (frames: Frame[], options: Record<string, unknown> = {}, theme: 'dark' | 'light' = 'dark') => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await limitBars.mount(element, props(frames, options, theme));
  return instance;
};
const items = () => [...element.querySelectorAll('.nrw-limit')] as HTMLElement[];
const texts = () => items().map((item) => item.querySelector('.nrw-limit-text')?.textContent);
const fill = (item: HTMLElement) => item.querySelector('.nrw-limit-fill') as HTMLElement;

afterEach(() => {
  instance?.destroy();
  element.remove();
});

describe('limit utilisation bars', () => {
  it('lists the limits most used first, with value, hard limit and the real utilisation', async () => {
    await mount([frame]);
    expect(texts()).toEqual([
      'maxPositionValue · SIM:AAPL · 120,000 / 100,000 (120.00%)',
      'Max gross exposure · 812,300 / 1,000,000 (81.23%)',
      'Max leverage · 1.5 / 3 (50.00%)',
    ]);
    expect(items().map((item) => item.querySelector('.nrw-limit-status')?.textContent)).toEqual(['Breach', 'Warning', 'OK']);
  });

  it('fills each bar to its utilisation, clamped at the end of the track, and marks the warning level', async () => {
    await mount([frame]);
    const [breach, warn, ok] = items() as [HTMLElement, HTMLElement, HTMLElement];
    expect(fill(breach).style.width).toBe('100%');
    expect(Number.parseFloat(fill(warn).style.width)).toBeCloseTo(81.23, 10);
    expect(fill(ok).style.width).toBe('50%');
    // Warning at 90,000 of 100,000 and 800,000 of 1,000,000; the leverage limit has none.
    expect((breach.querySelector('.nrw-limit-tick') as HTMLElement).style.left).toBe('90%');
    expect((warn.querySelector('.nrw-limit-tick') as HTMLElement).style.left).toBe('80%');
    expect(ok.querySelector('.nrw-limit-tick')).toBeNull();
    const meter = breach.querySelector('[role=meter]')!;
    expect(meter.getAttribute('aria-valuenow')).toBe('100');
    expect(meter.getAttribute('aria-valuetext')).toBe('120,000 / 100,000 (120.00%), Breach');
  });

  it('colours the bars red, amber and green by status, in the theme’s shades', async () => {
    await mount([frame]);
    expect(items().map((item) => fill(item).style.background)).toEqual(['#f85149', '#d29922', '#3fb950']);
    await instance!.update(props([frame], {}, 'light'));
    expect(items().map((item) => fill(item).style.background)).toEqual(['#cf222e', '#bf8700', '#1a7f37']);
  });

  it('sorts by name on request and can leave out the limits that are OK', async () => {
    await mount([frame], { sort: 'name' });
    expect(items().map((item) => item.querySelector('.nrw-limit-name')?.textContent)).toEqual([
      'Max gross exposure',
      'Max leverage',
      'maxPositionValue · SIM:AAPL',
    ]);
    await instance!.update(props([frame], { sort: 'name', showOk: false }));
    expect(items().map((item) => item.dataset.status)).toEqual(['warn', 'breach']);
    expect(element.querySelector('.nrw-footer')?.textContent).toBe('1 OK limit not shown.');
  });

  it('redraws from a new frame', async () => {
    await mount([frame]);
    await instance!.update(props([limits([['maxGrossExposure', 'portfolio', 400_000, 800_000, 1_000_000, 0.4, 'ok']])]));
    expect(texts()).toEqual(['Max gross exposure · 400,000 / 1,000,000 (40.00%)']);
  });

  it('names the missing columns when the table is not a limit table', async () => {
    await mount([{ kind: 'table', columns: [{ name: 'symbol', type: 'string' }], rows: [['SIM:AAPL']] }]);
    expect(element.querySelector('.nrw-message')?.textContent).toBe(
      'Limit utilisation expects a table with columns limit, scope, value, warn, hard, utilisation, status; ' +
        'got columns symbol (string) (missing limit, scope, value, warn, hard, utilisation, status).',
    );
    expect(items()).toHaveLength(0);
  });

  it('removes everything it drew on destroy', async () => {
    await mount([frame]);
    instance!.destroy();
    expect(element.childElementCount).toBe(0);
  });
});
