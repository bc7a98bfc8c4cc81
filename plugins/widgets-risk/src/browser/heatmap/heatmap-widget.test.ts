// @vitest-environment happy-dom
import type { Frame, TableFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { riskHeatmap } from './heatmap-widget.ts';

const correlation: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'symbol', type: 'string' },
    { name: 'SIM:AAPL', type: 'number' },
    { name: 'SIM:MSFT', type: 'number' },
    { name: 'SIM:TLT', type: 'number' },
  ],
  rows: [
    ['SIM:AAPL', 1, 0.4321, -0.25],
    ['SIM:MSFT', 0.4321, 1, null],
    ['SIM:TLT', -0.25, null, 1],
  ],
};
const contribution: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'symbol', type: 'string' },
    { name: 'component VaR', type: 'number' },
    { name: 'share', type: 'number' },
  ],
  rows: [
    ['SIM:AAPL', 12_500, 0.625],
    ['SIM:BTCUSD', 7_500, 0.375],
  ],
};
const props = (frames: Frame[], options: Record<string, unknown> = {}, size = { width: 480, height: 360 }): WidgetProps => ({
  frames,
  options,
  ...size,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
const mount = async (frames: Frame[], options: Record<string, unknown> = {}, size?: { width: number; height: number }) => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await riskHeatmap.mount(element, props(frames, options, size));
  return instance;
};
const cells = () => [...element.querySelectorAll('tbody td')] as HTMLElement[];
const root = () => element.querySelector('.nrw-heatmap') as HTMLElement;

afterEach(() => {
  instance?.destroy();
  element.remove();
});

describe('risk heatmap widget', () => {
  it('labels rows and columns and prints each value, blue for negative and red for positive', async () => {
    await mount([correlation]);
    expect([...element.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      '',
      'SIM:AAPL',
      'SIM:MSFT',
      'SIM:TLT',
    ]);
    expect([...element.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['SIM:AAPL', 'SIM:MSFT', 'SIM:TLT']);
    expect(cells().map((cell) => cell.textContent)).toEqual(['1.00', '0.43', '-0.25', '0.43', '1.00', '–', '-0.25', '–', '1.00']);
    expect(cells()[0]!.style.background).toBe('#b2182b');
    // -0.25 lies halfway between #67a9cf (-0.5) and #f7f7f7 (0): (103+247)/2 = 175 = af, (169+247)/2 = 208 = d0, (207+247)/2 = 227 = e3.
    expect(cells()[2]!.style.background).toBe('#afd0e3');
    expect(cells()[5]!.style.background).toBe('transparent');
    expect(root().dataset.values).toBe('shown');
  });

  it('gives every cell a title and label with row × column: value', async () => {
    await mount([correlation], { decimals: 3 });
    expect(cells()[1]!.title).toBe('SIM:AAPL × SIM:MSFT: 0.432');
    expect(cells()[1]!.getAttribute('aria-label')).toBe('SIM:AAPL × SIM:MSFT: 0.432');
    expect(cells()[5]!.title).toBe('SIM:MSFT × SIM:TLT: no value');
    expect(element.querySelector('table')!.getAttribute('aria-label')).toBe(
      'Risk heatmap, 3 rows × 3 columns, diverging colour scale',
    );
  });

  it('shows the fixed -1 to 1 legend for a correlation matrix', async () => {
    await mount([correlation]);
    const legend = element.querySelector('.nrw-legend')!;
    expect(legend.textContent).toBe('-1.001.00');
    expect((legend.querySelector('.nrw-legend-bar') as HTMLElement).style.background).toContain('#2166ac');
  });

  it('scales each measure of a risk contribution table from 0 to its own largest value', async () => {
    await mount([contribution], { scale: 'sequential' });
    // Both columns' largest values take the darkest red though they differ 20,000-fold.
    expect(cells()[0]!.style.background).toBe('#67000d');
    expect(cells()[1]!.style.background).toBe('#67000d');
    expect(cells()[0]!.textContent).toBe('12,500.00');
    expect(element.querySelector('.nrw-legend')!.textContent).toBe('component VaR 0.00 to 12,500.00 · share 0.00 to 0.63');
  });

  it('hides the values, not their titles, when the cells are too small for them', async () => {
    await mount([contribution], {}, { width: 140, height: 90 });
    expect(root().dataset.values).toBe('hidden');
    expect(cells()[0]!.title).toBe('SIM:AAPL × component VaR: 12,500.00');
    instance!.resize(600, 300);
    expect(root().dataset.values).toBe('shown');
  });

  it('redraws from a new frame and a new theme', async () => {
    await mount([correlation]);
    await instance!.update({ ...props([contribution]), theme: 'light' });
    expect(cells()).toHaveLength(4);
    expect(root().dataset.theme).toBe('light');
    expect(root().style.getPropertyValue('--nrw-bg')).toBe('#ffffff');
  });

  it('says what it expects when the table has no label column or non-number columns', async () => {
    await mount([{ kind: 'table', columns: [{ name: 'pnl', type: 'number' }], rows: [[1]] }]);
    expect(element.querySelector('.nrw-message')?.textContent).toBe(
      'Risk heatmap expects a table whose first column is a label and the others numbers; got columns pnl (number).',
    );
    expect(cells()).toHaveLength(0);
    await instance!.update(props([correlation]));
    expect(element.querySelector('.nrw-message')).toBeNull();
    expect(cells()).toHaveLength(9);
  });

  it('says so when there is no data', async () => {
    await mount([]);
    expect(element.querySelector('.nrw-message')?.textContent).toBe('No data in this range');
  });

  it('removes everything it drew on destroy', async () => {
    await mount([correlation]);
    instance!.destroy();
    expect(element.childElementCount).toBe(0);
  });
});
