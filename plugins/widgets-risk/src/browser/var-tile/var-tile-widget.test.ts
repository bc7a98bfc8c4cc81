// @vitest-environment happy-dom
import type { Frame, TableColumn, TableFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { VAR_BACKTEST_TABLE_COLUMNS, VAR_TABLE_COLUMNS } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { varTile } from './var-tile-widget.ts';

// method, confidence, horizonDays, VaR, ES, VaR %, ES %, backend, observations[, exceptions, kupiec p, traffic light]
const varFrame = (rows: TableFrame['rows'], backtest = false): TableFrame => ({
  kind: 'table',
  columns: [...VAR_TABLE_COLUMNS, ...(backtest ? VAR_BACKTEST_TABLE_COLUMNS : [])] as TableColumn[],
  rows,
});
const figures = varFrame(
  [
    ['parametric', 0.99, 1, 18_250.5, 20_900, 0.018, 0.0209, 'cpu', 250, 5, 0.0412, 'yellow'],
    ['historical', 0.99, 1, 21_000, 27_500, 0.021, 0.0275, '', 250, 3, 0.4321, 'green'],
    ['montecarlo', 0.99, 1, 1_234_567, 1_500_000, 0.019, 0.023, 'webgpu-opengles', 250, 1, 0.004, 'red'],
  ],
  true,
);
const props = (frames: Frame[], options: Record<string, unknown> = {}): WidgetProps => ({
  frames,
  options,
  width: 320,
  height: 200,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
const mount = async (frames: Frame[], options: Record<string, unknown> = {}) => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await varTile.mount(element, props(frames, options));
  return instance;
};
const text = (selector: string) => element.querySelector(selector)?.textContent;
const buttons = () => [...element.querySelectorAll('.nrw-segmented button')] as HTMLButtonElement[];
const pressed = () => buttons().find((button) => button.getAttribute('aria-pressed') === 'true')?.textContent;
const click = (label: string) =>
  buttons()
    .find((button) => button.textContent === label)!
    .click();

afterEach(() => {
  instance?.destroy();
  element.remove();
});

describe('VaR / ES tile', () => {
  it('shows the historical figures first: money, percent of gross and what they measure', async () => {
    await mount([figures]);
    expect(buttons().map((button) => button.textContent)).toEqual(['Parametric', 'Historical', 'Monte Carlo']);
    expect(pressed()).toBe('Historical');
    expect(text('[data-measure=VaR] .nrw-var-money')).toBe('$21,000.00');
    expect(text('[data-measure=VaR] .nrw-var-pct')).toBe('2.10% of gross');
    expect(text('[data-measure=ES] .nrw-var-money')).toBe('$27,500.00');
    expect(text('[data-measure=ES] .nrw-var-pct')).toBe('2.75% of gross');
    expect(text('.nrw-var-setup')).toBe('99% · 1-day · 250 obs');
    expect((element.querySelector('.nrw-var-backend') as HTMLElement).hidden).toBe(true);
  });

  it('shows the backtest verdict in words, bordered in the traffic light colour', async () => {
    await mount([figures]);
    const badge = element.querySelector('.nrw-var-verdict') as HTMLElement;
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('Green zone · Kupiec p = 0.43 · 3 exceptions');
    expect(badge.dataset.light).toBe('green');
    expect(badge.style.borderColor).toBe('#3fb950');
  });

  it('switches method in the tile, without a new query', async () => {
    await mount([figures]);
    click('Monte Carlo');
    expect(pressed()).toBe('Monte Carlo');
    expect(text('[data-measure=VaR] .nrw-var-money')).toBe('$1.23M');
    expect((element.querySelector('[data-measure=VaR]') as HTMLElement).title).toBe('VaR $1,234,567.00 (1.90% of gross value)');
    expect(text('.nrw-var-backend')).toBe('Computed on webgpu-opengles');
    expect(text('.nrw-var-verdict')).toBe('Red zone · Kupiec p < 0.01 · 1 exception');
    click('Parametric');
    expect(text('[data-measure=VaR] .nrw-var-money')).toBe('$18,250.50');
    expect(text('.nrw-var-verdict')).toBe('Yellow zone · Kupiec p = 0.04 · 5 exceptions');
    expect(element.querySelector('.nrw-var-tile')!.getAttribute('aria-label')).toBe(
      'VaR / ES, Parametric, 99% · 1-day · 250 obs: VaR $18,250.50 (1.80% of gross value); ES $20,900.00 (2.09% of gross value)',
    );
  });

  it('keeps the picked method through a refresh, and follows a new method option', async () => {
    await mount([figures], { currency: 'EUR', method: 'montecarlo' });
    click('Parametric');
    const refreshed = varFrame([
      ['parametric', 0.975, 10, 50_000, 61_000, 0.05, 0.061, 'cpu', 500],
      ['historical', 0.975, 10, 52_000, 70_000, 0.052, 0.07, 'cpu', 500],
    ]);
    await instance!.update(props([refreshed], { currency: 'EUR', method: 'montecarlo' }));
    expect(pressed()).toBe('Parametric');
    expect(text('[data-measure=VaR] .nrw-var-money')).toBe('€50,000.00');
    expect(text('.nrw-var-setup')).toBe('97.5% · 10-day · 500 obs');
    expect((element.querySelector('.nrw-var-verdict') as HTMLElement).hidden).toBe(true);
    await instance!.update(props([refreshed], { currency: 'EUR', method: 'historical' }));
    expect(pressed()).toBe('Historical');
    expect(text('[data-measure=ES] .nrw-var-money')).toBe('€70,000.00');
  });

  it('starts on the method option, or on the first row when the data lacks that method', async () => {
    await mount([figures], { method: 'montecarlo' });
    expect(pressed()).toBe('Monte Carlo');
    await instance!.update(props([varFrame([figures.rows[0]!.slice(0, 9)])], { method: 'montecarlo' }));
    expect(buttons()).toHaveLength(1);
    expect(pressed()).toBe('Parametric');
  });

  it('names the missing columns when the table is not a VaR table', async () => {
    await mount([{ kind: 'table', columns: [{ name: 'method', type: 'string' }], rows: [['historical']] }]);
    expect(text('.nrw-message')).toBe(
      'VaR / ES expects a table with columns method, confidence, horizonDays, VaR, ES, VaR %, ES %, backend, observations; ' +
        'got columns method (string) (missing confidence, horizonDays, VaR, ES, VaR %, ES %, backend, observations).',
    );
    expect((element.querySelector('.nrw-var-tile') as HTMLElement).hidden).toBe(true);
  });

  it('says so when there is no data, and removes everything on destroy', async () => {
    await mount([varFrame([])]);
    expect(text('.nrw-message')).toBe('No data in this range');
    instance!.destroy();
    expect(element.childElementCount).toBe(0);
  });
});
