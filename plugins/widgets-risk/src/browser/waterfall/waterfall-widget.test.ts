// @vitest-environment happy-dom
import type { Frame, TableFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { pnlWaterfall } from './waterfall-widget.ts';

const stress: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'symbol', type: 'string' },
    { name: 'value', type: 'number' },
    { name: 'pnl', type: 'number' },
  ],
  rows: [
    ['SIM:AAPL', 10_000, 300],
    ['SIM:TLT', 50_000, -500],
    ['SIM:BTCUSD', 2_000, 100],
  ],
};
const props = (frames: Frame[], options: Record<string, unknown> = {}, width = 400, height = 300): WidgetProps => ({
  frames,
  options,
  width,
  height,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
const mount = async (frames: Frame[], options: Record<string, unknown> = {}) => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await pnlWaterfall.mount(element, props(frames, options));
  return instance;
};
const bars = () => [...element.querySelectorAll('.nrw-waterfall-bar')] as SVGGElement[];
const rect = (bar: SVGGElement) => {
  const node = bar.querySelector('rect')!;
  return ['x', 'y', 'width', 'height', 'fill'].map((name) => node.getAttribute(name));
};
const numbers = (bar: SVGGElement) => rect(bar).slice(0, 4).map(Number) as [number, number, number, number];

afterEach(() => {
  instance?.destroy();
  element.remove();
});

describe('P&L waterfall', () => {
  it('floats each position from the running total, largest first, then the total from zero', async () => {
    await mount([stress]);
    // Axis -500..0 on 300 px with 14 px above and 30 below: y(v) = 14 + (-v / 500) × 256.
    // Bars: TLT 0 → -500, AAPL -500 → -200, BTCUSD -200 → -100, total 0 → -100.
    const y = (value: number) => 14 + (-value / 500) * 256;
    const expected = [
      [0, -500],
      [-500, -200],
      [-200, -100],
      [0, -100],
    ];
    bars().forEach((bar, index) => {
      const [from, to] = expected[index]!;
      const [, top, , height] = numbers(bar);
      expect(top).toBeCloseTo(y(Math.max(from!, to!)), 2);
      expect(height).toBeCloseTo(Math.abs(y(from!) - y(to!)), 2);
    });
    expect(bars().map((bar) => bar.dataset.kind)).toEqual(['down', 'up', 'up', 'total']);
    expect(Number(element.querySelector('.nrw-waterfall-zero')!.getAttribute('y1'))).toBeCloseTo(y(0), 2);
  });

  it('colours gains green, losses red and the total blue, in order along the axis', async () => {
    await mount([stress]);
    expect(bars().map((bar) => rect(bar)[4])).toEqual(['#ef5350', '#26a69a', '#26a69a', '#4e9bff']);
    const lefts = bars().map((bar) => numbers(bar)[0]);
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    expect([...element.querySelectorAll('.nrw-waterfall-label')].map((label) => label.textContent)).toEqual([
      'SIM:TLT',
      'SIM:AAPL',
      'SIM:BTCUSD',
      'Total',
    ]);
  });

  it('gives each bar its P&L and running total on hover, and the chart a summary', async () => {
    await mount([stress], { currency: 'EUR' });
    expect(bars().map((bar) => bar.querySelector('title')?.textContent)).toEqual([
      'SIM:TLT: -€500.00 · running total -€500.00',
      'SIM:AAPL: +€300.00 · running total -€200.00',
      'SIM:BTCUSD: +€100.00 · running total -€100.00',
      'Total: -€100.00',
    ]);
    expect(element.querySelector('.nrw-waterfall-total')?.textContent).toBe('-€100.00');
    expect(element.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'P&L waterfall of 3 positions: total -€100.00; gains €400.00, losses -€500.00',
    );
  });

  it('keeps the order of the data on request and redraws from a new frame', async () => {
    await mount([stress], { sort: 'input' });
    expect(bars().map((bar) => [bar.dataset.from, bar.dataset.to])).toEqual([
      ['0', '300'],
      ['300', '-200'],
      ['-200', '-100'],
      ['0', '-100'],
    ]);
    await instance!.update(props([{ ...stress, rows: [['SIM:AAPL', 1, 250_000]] }]));
    expect(bars().map((bar) => bar.dataset.to)).toEqual(['250000', '250000']);
    expect(element.querySelector('.nrw-waterfall-total')?.textContent).toBe('+$250,000.00');
  });

  it('labels every k-th position where labels would overlap, and always the total', async () => {
    const many = Array.from({ length: 20 }, (_, index) => [`SIM:POS${index}`, 1, 20 - index]);
    await mount([{ ...stress, rows: many }]);
    // 20 positions and the total share 324 px: 15.4 px each; a 9-character label needs 66.5 px, so every 5th.
    expect([...element.querySelectorAll('.nrw-waterfall-label')].map((label) => label.textContent)).toEqual([
      'SIM:POS0',
      'SIM:POS5',
      'SIM:POS10',
      'SIM:POS15',
      'Total',
    ]);
  });

  it('redraws to the new size on resize', async () => {
    await mount([stress]);
    instance!.resize(800, 150);
    expect(element.querySelector('svg')!.getAttribute('viewBox')).toBe('0 0 800 150');
    // The first bar now spans the whole plot height: 150 - 14 - 30 = 106.
    expect(numbers(bars()[0]!)[3]).toBeCloseTo(106, 2);
  });

  it('names the missing column when the table has no pnl', async () => {
    await mount([{ kind: 'table', columns: [{ name: 'symbol', type: 'string' }], rows: [['SIM:AAPL']] }]);
    expect(element.querySelector('.nrw-message')?.textContent).toBe(
      'P&L waterfall expects a table with columns symbol, pnl; got columns symbol (string) (missing pnl).',
    );
    expect(bars()).toHaveLength(0);
  });

  it('says so when no position has a P&L, and removes everything on destroy', async () => {
    await mount([{ ...stress, rows: [['SIM:AAPL', 1, null]] }]);
    expect(element.querySelector('.nrw-message')?.textContent).toBe('No data in this range');
    instance!.destroy();
    expect(element.childElementCount).toBe(0);
  });
});
