// @vitest-environment happy-dom
// happy-dom has no canvas, so only what happens before drawing is tested here; the drawing itself is
// tested in Chromium with the built bundle.
import type { Frame, WidgetProps } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { line } from '../line/line-widget.ts';
import { candlestick } from './candlestick-widget.ts';

const props = (frames: Frame[]): WidgetProps => ({
  frames,
  options: {},
  width: 400,
  height: 300,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

describe('chart widgets given frames they cannot draw', () => {
  it('fail the candlestick mount with what it expects and what it got, leaving the element empty', async () => {
    const element = document.createElement('div');
    await expect(candlestick.mount(element, props([{ kind: 'scalar', value: 1 }]))).rejects.toThrow(
      "The candlestick widget draws ohlcv frames, but the panel's query returned a scalar frame.",
    );
    expect(element.childElementCount).toBe(0);
  });

  it('fail the line mount the same way', async () => {
    const element = document.createElement('div');
    await expect(line.mount(element, props([{ kind: 'table', columns: [], rows: [] }]))).rejects.toThrow(
      /line widget draws timeseries or ohlcv frames.*a table frame/,
    );
    expect(element.childElementCount).toBe(0);
  });

  it('fail on OHLCV columns of different lengths', async () => {
    const bars: Frame = {
      kind: 'ohlcv',
      symbol: 'X',
      timeframe: '1d',
      time: [0, 1],
      open: [1],
      high: [1, 2],
      low: [1, 2],
      close: [1, 2],
      volume: [1, 2],
    };
    await expect(candlestick.mount(document.createElement('div'), props([bars]))).rejects.toThrow(/open 1/);
  });
});
