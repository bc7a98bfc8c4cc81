// @vitest-environment happy-dom

import type { TableFrame } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { mountWidget, panelProps } from '../shared/mount-for-test.ts';
import { attribution } from './attribution-widget.ts';

const byInstrument: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'Instrument', type: 'string' },
    { name: 'Allocation', type: 'number', unit: '%' },
    { name: 'Selection', type: 'number', unit: '%' },
    { name: 'Interaction', type: 'number', unit: '%' },
    { name: 'Total', type: 'number', unit: '%' },
  ],
  rows: [
    ['SIM:AAPL', 2, 1, 0, 3],
    ['SIM:SPX', -1, 0, 0, -1],
  ],
};
const summary: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'Effect', type: 'string' },
    { name: 'By instrument', type: 'number', unit: '%' },
    { name: 'By asset class', type: 'number', unit: '%' },
  ],
  rows: [
    ['Allocation', 1, 1],
    ['Selection', 1, 1],
    ['Interaction', 0, 0],
    ['Residual', 0, 0],
    ['Active return', 2, 2],
  ],
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('attribution widget', () => {
  it('draws the waterfall of summed effects to the active return at pixel positions worked out by hand, over the table', async () => {
    // 500 px wide, 5 bars: 100 px slots, bars 70 px wide from 15 px in. Height min(150, 300 × 0.45 = 135) = 135:
    // plot 135 − 16 − 18 = 101 px for 0 … 2 %, so 1 % = 50.5 px.
    const { element } = await mountWidget(attribution, panelProps([byInstrument, summary], {}, 500, 300));
    const bars = [...element.querySelectorAll('rect.nan-bar')];
    expect(
      bars.map((bar) => [
        bar.getAttribute('data-effect'),
        bar.getAttribute('x'),
        bar.getAttribute('y'),
        bar.getAttribute('height'),
      ]),
    ).toEqual([
      ['Allocation', '15', '66.5', '50.5'],
      ['Selection', '115', '16', '50.5'],
      ['Interaction', '215', '16', '1'],
      ['Residual', '315', '16', '1'],
      ['Active return', '415', '16', '101'],
    ]);
    expect(bars[4]!.getAttribute('class')).toContain('nan-bar-total');
    expect(element.querySelector('.nan-check')!.textContent).toBe(
      'Allocation + selection + interaction + residual = active return +2.00 % (residual 0.000000 %)',
    );
    const rows = [...element.querySelectorAll('.nan-effects tbody tr')];
    expect(rows.map((row) => row.textContent)).toEqual(['SIM:AAPL+2.00+1.000.00+3.00', 'SIM:SPX-1.000.000.00-1.00']);
    expect(rows[1]!.querySelector('td')!.getAttribute('data-sign')).toBe('negative');
  });

  it('shows a message naming what it expects for a table of another shape', async () => {
    const other: TableFrame = { kind: 'table', columns: [{ name: 'symbol', type: 'string' }], rows: [['A']] };
    const { element } = await mountWidget(attribution, panelProps([other]));
    expect(element.querySelector('.nan-message')!.textContent).toMatch(
      /^Attribution expects tables with columns Instrument or Asset class/,
    );
  });
});
