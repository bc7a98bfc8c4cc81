// @vitest-environment happy-dom

import { labelRegimes, REGIMES, syntheticSeries } from '@nautilus/regimes';
import type { Frame, OhlcvFrame, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { regimeRibbon } from './ribbon-widget.ts';

const { close } = syntheticSeries({ seed: 31, bars: 700 });
const frame: OhlcvFrame = {
  kind: 'ohlcv',
  symbol: 'SIM:TEST',
  timeframe: '1d',
  time: Array.from(close, (_, index) => Date.UTC(2020, 0, 1) + index * 86_400_000),
  open: [...close],
  high: [...close],
  low: [...close],
  close: [...close],
  volume: Array.from(close, () => 0),
};
const props = (frames: Frame[], width = 390, height = 200): WidgetProps => ({
  frames,
  options: {},
  width,
  height,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

let element: HTMLElement;
let instance: WidgetInstance | undefined;
afterEach(() => {
  instance?.destroy();
  element?.remove();
});
const mount = async (frames: Frame[], width?: number) => {
  element = document.createElement('div');
  document.body.append(element);
  instance = await regimeRibbon.mount(element, props(frames, width));
};

describe('regime ribbon widget', () => {
  it('draws the warm-up and one coloured stretch per run of labels within the panel width, with a six-entry legend', async () => {
    await mount([frame], 390);
    const rects = [...element.querySelectorAll('rect')];
    const labels = labelRegimes(close);
    expect(rects[0]!.getAttribute('data-regime')).toBe('warm-up');
    const ids = rects.slice(1).map((rect) => rect.getAttribute('data-regime'));
    const runs: string[] = [];
    for (let t = labels.firstLabelled; t < close.length; t++) {
      const id = REGIMES[labels.label[t]!]!.id;
      if (runs.at(-1) !== id) runs.push(id);
    }
    expect(ids).toEqual(runs);
    for (const rect of rects) {
      expect(Number(rect.getAttribute('x')) + Number(rect.getAttribute('width'))).toBeLessThanOrEqual(390);
    }
    expect([...element.querySelectorAll('.nrg-legend li')].map((item) => item.getAttribute('data-regime'))).toEqual(
      REGIMES.map((regime) => regime.id),
    );
    const latest = REGIMES[labels.label[close.length - 1]!]!;
    expect(element.querySelector('.nrg-now')!.textContent).toContain(latest.name);
  });

  it('says there is no data when the query returned no bars', async () => {
    await mount([]);
    expect(element.querySelector('.nrg-message')!.textContent).toBe('No data in this range');
  });
});
