// @vitest-environment happy-dom
import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { renderCandleLegend } from './candle-legend.ts';

const frame: OhlcvFrame = {
  kind: 'ohlcv',
  symbol: 'SIM:BTCUSD',
  timeframe: '1h',
  time: [3_600_000, 7_200_000, 10_800_000],
  open: [64_000, 64_100, 64_900],
  high: [64_200, 65_010.5, 65_000],
  low: [63_900, 64_050, 63_500.25],
  close: [64_100, 64_900, 63_602],
  volume: [1_200, 2_345_678, 980.4],
};

const fields = (legend: HTMLElement) =>
  Object.fromEntries(
    [...legend.querySelectorAll<HTMLElement>('[data-field]')].map((item) => [item.dataset.field, item.textContent]),
  );

describe('the candlestick legend', () => {
  it('shows the bar under the cursor with separators, its change and volume', () => {
    const legend = document.createElement('div');
    renderCandleLegend(legend, { frame, index: 1, decimals: 2, upColor: '#0f0', downColor: '#f00', overlays: [] });
    // 64,900 − 64,100 = +800; 800 / 64,100 = 1.248 %
    expect(fields(legend)).toEqual({
      open: '64,100.00',
      high: '65,010.50',
      low: '64,050.00',
      close: '64,900.00',
      change: '+800.00 (+1.25%)',
      volume: '2.35M',
    });
    expect(legend.dataset.time).toBe('7200000');
  });

  it('names each overlay with its parameters and value, the bands as one entry', () => {
    const legend = document.createElement('div');
    renderCandleLegend(legend, {
      frame,
      index: 2,
      decimals: 2,
      upColor: '#0f0',
      downColor: '#f00',
      overlays: [
        { label: 'SMA 20', color: '#fa0', values: [64_201.333] },
        { label: 'BB 20 2', color: '#a0f', values: [65_500, 64_200, 62_900] },
      ],
    });
    const values = fields(legend);
    // 63,602 − 64,900 = −1,298; −1,298 / 64,900 = −2 %
    expect(values.change).toBe('-1,298.00 (-2.00%)');
    expect(values['overlay:SMA 20']).toBe('64,201.33');
    expect(values['overlay:BB 20 2']).toBe('65,500.00 / 64,200.00 / 62,900.00');
    expect(legend.textContent).toContain('SMA 20');
  });

  it('has no change for the first bar and hides without data', () => {
    const legend = document.createElement('div');
    renderCandleLegend(legend, { frame, index: 0, decimals: 2, upColor: '#0f0', downColor: '#f00', overlays: [] });
    expect(fields(legend).change).toBe('–');
    renderCandleLegend(legend, null);
    expect(legend.hidden).toBe(true);
    expect(legend.dataset.time).toBeUndefined();
  });
});
