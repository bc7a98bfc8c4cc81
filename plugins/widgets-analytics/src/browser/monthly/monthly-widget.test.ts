// @vitest-environment happy-dom

import type { TableFrame } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { divergingColor } from '../shared/diverging-color.ts';
import { mountWidget, panelProps } from '../shared/mount-for-test.ts';
import { MONTHS } from './monthly-grid.ts';
import { monthlyHeatmap } from './monthly-widget.ts';

const frame: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'Year', type: 'string' },
    ...MONTHS.map((name) => ({ name, type: 'number' as const, unit: '%' })),
    { name: 'Year total', type: 'number', unit: '%' },
  ],
  rows: [
    ['2022', null, 2, -4, 0, 0, 0, 0, 0, 0, 0, 0, 1, -1.1],
    ['2023', 1, -0.04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12],
  ],
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('monthly heatmap widget', () => {
  it('draws a row per year with twelve months and the total, values in cells, one scale for the months', async () => {
    const { element } = await mountWidget(monthlyHeatmap, panelProps([frame]));
    expect([...element.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Year', ...MONTHS, 'Total']);
    const rows = [...element.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    expect(rows.map((row) => row.querySelector('th')!.textContent)).toEqual(['2022', '2023']);
    const cells = [...rows[0]!.querySelectorAll<HTMLTableCellElement>('td')];
    expect(cells).toHaveLength(13);
    expect(cells.map((cell) => cell.textContent).slice(0, 3)).toEqual(['', '2.0', '-4.0']);
    // The months' bound is 4 (the largest |month|): −4 is full red, 2 half-way to green.
    expect(cells[2]!.style.background).toBe(divergingColor(-1, 1));
    expect(cells[1]!.style.background).toBe(divergingColor(2, 4));
    expect(cells[2]!.title).toBe('2022 Mar: -4.00 %');
    // Totals on their own scale (bound 12): 12 is full green.
    expect(rows[1]!.querySelector<HTMLElement>('td.nan-total')!.style.background).toBe(divergingColor(12, 12));
    expect(element.querySelector('.nan-legend')!.textContent).toContain('+4.0 % a month');
    // −0.04 % rounds to zero at one decimal: written 0.0, not -0.0; its title keeps the sign.
    expect(rows[1]!.querySelectorAll('td')[1]!.textContent).toBe('0.0');
    expect(rows[1]!.querySelectorAll('td')[1]!.getAttribute('title')).toBe('2023 Feb: -0.04 %');
  });

  it('scrolls the grid inside the panel (the panel, not the page, holds the overflow)', async () => {
    const { element } = await mountWidget(monthlyHeatmap, panelProps([frame], {}, 390, 200));
    const scroll = element.querySelector<HTMLElement>('.nan-monthly-scroll')!;
    expect(scroll.classList.contains('nan-scroll')).toBe(true);
    const css = document.getElementById('nautilus-widgets-analytics-styles')!.textContent!;
    expect(css).toContain('.nan-scroll{flex:1;min-height:0;overflow:auto');
    expect(css).toContain('.nan-grid tbody th{position:sticky;left:0');
  });

  it('says there is no data for an empty table', async () => {
    const { element } = await mountWidget(monthlyHeatmap, panelProps([{ ...frame, rows: [] }]));
    expect(element.querySelector('.nan-message')!.textContent).toBe('No data in this range');
  });
});
