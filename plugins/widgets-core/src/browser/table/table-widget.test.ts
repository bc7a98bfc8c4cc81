// @vitest-environment happy-dom
import type { Frame, OhlcvFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { table } from './table-widget.ts';

const frame: Frame = {
  kind: 'table',
  columns: [
    { name: 'symbol', type: 'string' },
    { name: 'price', type: 'number', unit: 'USD' },
  ],
  rows: [
    ['SIM:AAPL', 187.5],
    ['SIM:BTCUSD', 64_012.25],
    ['SIM:EURUSD', 1.08],
  ],
};
const props = (overrides: Partial<WidgetProps> = {}): WidgetProps => ({
  frames: [frame],
  options: {},
  width: 400,
  height: 300,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
  ...overrides,
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
const mount = async (overrides: Partial<WidgetProps> = {}) => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await table.mount(element, props(overrides));
  return instance;
};
const column = (index: number) => [...element.querySelectorAll('tbody tr')].map((row) => row.children[index]?.textContent);
const header = (name: string) => [...element.querySelectorAll('th')].find((th) => th.textContent?.includes(name))!;

afterEach(() => {
  instance?.destroy();
  element.remove();
});

describe('table widget', () => {
  it('shows the rows, numbers right-aligned with thousands separators', async () => {
    await mount();
    expect(column(0)).toEqual(['SIM:AAPL', 'SIM:BTCUSD', 'SIM:EURUSD']);
    expect(column(1)).toEqual(['187.50', '64,012.25', '1.08']);
    expect(element.querySelector('tbody td:nth-child(2)')?.classList.contains('nwc-num')).toBe(true);
    expect(header('price').textContent).toContain('price (USD)');
  });

  it('sorts by a clicked header, and reverses on a second click, showing the arrow', async () => {
    await mount();
    header('price').querySelector('button')!.click();
    expect(column(1)).toEqual(['1.08', '187.50', '64,012.25']);
    expect(header('price').getAttribute('aria-sort')).toBe('ascending');
    expect(header('price').textContent).toContain('▲');
    header('price').querySelector('button')!.click();
    expect(column(1)).toEqual(['64,012.25', '187.50', '1.08']);
    expect(header('price').getAttribute('aria-sort')).toBe('descending');
    expect(header('price').textContent).toContain('▼');
    expect(header('symbol').getAttribute('aria-sort')).toBe('none');
  });

  it('lists OHLCV bars newest first and caps the rows at maxRows', async () => {
    const bars: OhlcvFrame = {
      kind: 'ohlcv',
      symbol: 'SIM:AAPL',
      timeframe: '1h',
      time: [Date.UTC(2024, 0, 2, 14), Date.UTC(2024, 0, 2, 15), Date.UTC(2024, 0, 2, 16)],
      open: [1, 2, 3],
      high: [1, 2, 3],
      low: [1, 2, 3],
      close: [1.5, 2.5, 3.5],
      volume: [1000, 2500, 1_250_000],
    };
    await mount({ frames: [bars], options: { maxRows: 2 } });
    expect(column(0)).toEqual(['2024-01-02 16:00', '2024-01-02 15:00']);
    // Volumes from a million up are compact, the exact figure in the cell's title.
    expect(column(5)).toEqual(['1.25M', '2,500']);
    expect(element.querySelector('tbody tr td:last-child')?.getAttribute('title')).toBe('1,250,000');
    expect(element.querySelector('.nwc-table-footer')?.textContent).toBe('Showing 2 of 3 rows');
  });

  it('says so when the query returned no rows', async () => {
    await mount({ frames: [] });
    expect(element.querySelector('.nwc-empty')?.textContent).toBe('No data in this range');
    await instance!.update(props());
    expect(element.querySelector('.nwc-empty')).toBeNull();
  });

  it('refuses a frame it cannot draw, naming both kinds', async () => {
    element = document.createElement('div');
    await expect(table.mount(element, props({ frames: [{ kind: 'scalar', value: 1 }] }))).rejects.toThrow(
      /table widget draws table or ohlcv frames.*a scalar frame/,
    );
  });
});
