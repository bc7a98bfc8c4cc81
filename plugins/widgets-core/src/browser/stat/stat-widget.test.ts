// @vitest-environment happy-dom
import type { Frame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { stat } from './stat-widget.ts';

const props = (frames: Frame[], options: Record<string, unknown> = {}): WidgetProps => ({
  frames,
  options,
  width: 240,
  height: 120,
  theme: 'light',
  timeRange: { from: 0, to: 1 },
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
const mount = async (frames: Frame[], options: Record<string, unknown> = {}) => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await stat.mount(element, props(frames, options));
  return instance;
};
const text = (selector: string) => element.querySelector(selector)?.textContent;

afterEach(() => {
  instance?.destroy();
  element.remove();
});

describe('stat widget', () => {
  it('shows the value with its change, absolute and in percent, in the up colour', async () => {
    await mount([{ kind: 'scalar', value: 247.23, previous: 246, label: 'AAPL', unit: 'USD' }]);
    expect(text('.nwc-stat-label')).toBe('AAPL');
    expect(text('.nwc-stat-value')).toBe('247.23 USD');
    expect(text('.nwc-stat-change-text')).toBe('+1.23 (+0.5%)');
    expect(text('.nwc-stat-change')).toContain('▲');
    expect((element.querySelector('.nwc-stat-change') as HTMLElement).style.color).toBe('#26a69a');
  });

  it('compares the last close with the one before, in the configured down colour', async () => {
    const close = [100, 1_250.5, 1_200];
    const bars: Frame = {
      kind: 'ohlcv',
      symbol: 'SIM:SPY',
      timeframe: '1d',
      time: [0, 1, 2],
      open: close,
      high: close,
      low: close,
      close,
      volume: close,
    };
    await mount([bars], { prefix: '$', decimals: 1, downColor: '#ff00ff' });
    expect(text('.nwc-stat-value')).toBe('$1,200.0');
    expect(text('.nwc-stat-change-text')).toBe('-50.5 (-4.04%)');
    expect((element.querySelector('.nwc-stat-change') as HTMLElement).style.color).toBe('#ff00ff');
  });

  it('leaves out the percentage when the previous value was 0', async () => {
    await mount([{ kind: 'scalar', value: 5, previous: 0 }]);
    expect(text('.nwc-stat-change-text')).toBe('+5.00');
  });

  it('takes the label option over the label of the data, and updates in place', async () => {
    await mount([{ kind: 'scalar', value: 1, label: 'from data' }], { label: 'Exposure' });
    expect(text('.nwc-stat-label')).toBe('Exposure');
    await instance!.update(props([{ kind: 'scalar', value: 2_000_000 }], { decimals: 0 }));
    expect(text('.nwc-stat-value')).toBe('2,000,000');
    expect((element.querySelector('.nwc-stat-change') as HTMLElement).hidden).toBe(true);
  });

  it('says so when there is no value', async () => {
    await mount([]);
    expect(text('.nwc-empty')).toBe('No data in this range');
  });
});
