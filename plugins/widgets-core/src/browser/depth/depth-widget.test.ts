// @vitest-environment happy-dom
import type { BookFrame, Frame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { depth } from './depth-widget.ts';

const book = (seq: number, bestBidSize = 3): BookFrame => ({
  kind: 'book',
  symbol: 'SIM:AAPL',
  time: 0,
  seq,
  bids: { price: [100.02, 100.01, 99.99], size: [bestBidSize, 2, 5] },
  asks: { price: [100.04, 100.05, 100.09], size: [1, 4, 2] },
  tickSize: 0.01,
});

const props = (frames: Frame[], options: Record<string, unknown> = {}, width = 390): WidgetProps => ({
  frames,
  options,
  width,
  height: 420,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
const mount = async (frames: Frame[], options: Record<string, unknown> = {}) => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await depth.mount(element, props(frames, options));
  return instance;
};
const cells = (side: 'bid' | 'ask', field: string) =>
  [...element.querySelectorAll(`tr.nwc-depth-${side} [data-field="${field}"]`)].map((cell) => cell.textContent);

afterEach(() => {
  instance?.destroy();
  element.remove();
});

describe('depth widget', () => {
  it('lays asks above (best at the bottom) and bids below (best at the top), with running totals', async () => {
    await mount([book(7)]);
    expect(cells('ask', 'price')).toEqual(['100.09', '100.05', '100.04']);
    expect(cells('ask', 'total')).toEqual(['7', '5', '1']);
    expect(cells('bid', 'price')).toEqual(['100.02', '100.01', '99.99']);
    expect(cells('bid', 'total')).toEqual(['3', '5', '10']);
    expect(element.querySelector('[data-field="spread"]')?.textContent).toBe('0.02 (2.0 bps)');
    expect(element.querySelector('[data-field="mid"]')?.textContent).toBe('100.030');
    expect(element.querySelector('.nwc-depth-meta')?.textContent).toContain('Seq 7 · Resyncs 0');
  });

  it('shows the new sequence and sizes on update, and the resync count the builder passes', async () => {
    const widget = await mount([book(7)]);
    await widget.update(props([{ ...book(9, 8), resyncs: 2 } as Frame]));
    expect(cells('bid', 'size')[0]).toBe('8');
    const root = element.querySelector('.nwc-depth') as HTMLElement;
    expect(root.dataset.seq).toBe('9');
    expect(root.dataset.resyncs).toBe('2');
  });

  it('regroups by the tick multiple picked in its selector', async () => {
    await mount([book(7)]);
    const select = element.querySelector('select') as HTMLSelectElement;
    select.value = '5';
    select.dispatchEvent(new Event('change'));
    expect(cells('bid', 'price')).toEqual(['100.00', '99.95']);
    expect(cells('bid', 'size')).toEqual(['5', '5']);
    expect(cells('ask', 'price')).toEqual(['100.10', '100.05']);
  });

  it('says there is no data for an empty book, and refuses bars', async () => {
    await mount([{ ...book(1), bids: { price: [], size: [] }, asks: { price: [], size: [] } }]);
    expect(element.querySelector('.nwc-empty')?.textContent).toBeTruthy();
    await expect(depth.mount(document.createElement('div'), props([{ kind: 'scalar', value: 1 }]))).rejects.toThrow(
      /draws book frames/,
    );
  });
});
