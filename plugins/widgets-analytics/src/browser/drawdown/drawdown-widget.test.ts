// @vitest-environment happy-dom

import type { TimeSeriesFrame } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { mountWidget, panelProps } from '../shared/mount-for-test.ts';
import { PLOT } from './drawdown-geometry.ts';
import { drawdownChart } from './drawdown-widget.ts';

const DAY = 86_400_000;
// Five days: a 10 % fall (peak day 0, trough day 1, back on day 2), then 20 % still open at the end.
const frame: TimeSeriesFrame = {
  kind: 'timeseries',
  series: [
    {
      name: 'drawdown',
      unit: '%',
      time: [0, 1, 2, 3, 4].map((day) => Date.UTC(2024, 0, 1) + day * DAY),
      values: [0, -10, 0, 0, -20],
    },
  ],
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('drawdown chart widget', () => {
  it('shades each period from peak to recovery at pixel positions worked out by hand, deepest ranked first', async () => {
    // Plot 400 − 44 − 8 = 348 px wide over 4 days: 87 px a day, from x = 44. Plot 200 − 8 − 20 = 172 px tall.
    const { element } = await mountWidget(drawdownChart, panelProps([frame], {}, 400, 200));
    const bands = [...element.querySelectorAll('rect.nan-period')];
    expect(bands.map((band) => [band.getAttribute('data-rank'), band.getAttribute('x'), band.getAttribute('width')])).toEqual([
      ['1', '305', '87'],
      ['2', '44', '174'],
    ]);
    expect(bands[0]!.querySelector('title')!.textContent).toBe(
      '#1: −20.00 % · peak 2024-01-04 · trough 2024-01-05 · not recovered',
    );
    expect(bands[1]!.querySelector('title')!.textContent).toContain('recovered 2024-01-03');
    // The −10 % trough sits half-way down the plot: y = 8 + 86.
    const troughs = [...element.querySelectorAll('circle.nan-trough')];
    expect(troughs.map((circle) => [circle.getAttribute('cx'), circle.getAttribute('cy')])).toEqual([
      ['392', '180'],
      ['131', '94'],
    ]);
    expect(element.querySelector('path.nan-area')!.getAttribute('d')).toBe('M44,8L44,8L131,94L218,8L305,8L392,180L392,8Z');
    expect(element.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Drawdown over 5 points; deepest −20.00 %; 2 periods shaded',
    );
    expect(PLOT.left).toBe(44);
  });

  it('shades only as many periods as asked and redraws at a new size', async () => {
    const { element, instance } = await mountWidget(drawdownChart, panelProps([frame], { periods: 1 }, 400, 200));
    expect(element.querySelectorAll('rect.nan-period')).toHaveLength(1);
    instance.resize(748, 200);
    // 748 − 52 = 696 px over 4 days: 174 px a day; the open period starts on day 3.
    expect(element.querySelector('rect.nan-period')!.getAttribute('x')).toBe(String(44 + 3 * 174));
  });

  it('labels each trough with its depth, leaving out a label that would overlap a deeper one', async () => {
    // Troughs of −10 % on day 1 and −9.9 % on day 3 of 4, both labelled at y = 178 (the plot's foot). 150 px wide:
    // 98 px plot, 24.5 px a day, labels 49 px apart (≥ 44): both stay. 100 px wide: 12 px a day, 24 px apart: the
    // shallower label goes, its band stays.
    const close: TimeSeriesFrame = {
      kind: 'timeseries',
      series: [{ name: 'drawdown', unit: '%', time: [0, 1, 2, 3, 4].map((day) => day * DAY), values: [0, -10, 0, -9.9, 0] }],
    };
    const wide = await mountWidget(drawdownChart, panelProps([close], {}, 150, 200));
    expect([...wide.element.querySelectorAll('text.nan-depth')].map((label) => label.textContent)).toEqual(['−10.0 %', '−9.9 %']);
    const narrow = await mountWidget(drawdownChart, panelProps([close], {}, 100, 200));
    expect([...narrow.element.querySelectorAll('text.nan-depth')].map((label) => label.textContent)).toEqual(['−10.0 %']);
    expect(narrow.element.querySelectorAll('rect.nan-period')).toHaveLength(2);
  });

  it('says there is no data when the series is empty', async () => {
    const empty: TimeSeriesFrame = { kind: 'timeseries', series: [{ name: 'drawdown', time: [], values: [] }] };
    const { element } = await mountWidget(drawdownChart, panelProps([empty]));
    expect(element.querySelector('.nan-message')!.textContent).toBe('No data in this range');
  });
});
