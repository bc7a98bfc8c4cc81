// @vitest-environment happy-dom

import type { TableFrame } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { mountWidget, panelProps } from '../shared/mount-for-test.ts';
import { tearSheet } from './tear-sheet-widget.ts';

const frame: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'Metric', type: 'string' },
    { name: 'Value', type: 'string' },
    { name: 'Formula', type: 'string' },
    { name: 'Conventions', type: 'string' },
    { name: 'Number', type: 'number' },
  ],
  rows: [
    ['Total return', '-12.50 %', 'E_T / E_0 − 1', 'simple return', -0.125],
    ['Sharpe', '1.23', 'mean(r − rf) / stdev(r − rf) × √P', 'P = 252, rf = 0, sample', 1.23],
  ],
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('tear-sheet widget', () => {
  it('lists metric and value, marks a negative percentage, and shows the formula and conventions on hover', async () => {
    const { element } = await mountWidget(tearSheet, panelProps([frame]));
    const rows = [...element.querySelectorAll('tbody tr')];
    expect(rows.map((row) => [row.querySelector('th')!.textContent, row.querySelector('td')!.textContent])).toEqual([
      ['Total return', '-12.50 %'],
      ['Sharpe', '1.23'],
    ]);
    expect(rows[0]!.querySelector('td')!.getAttribute('data-sign')).toBe('negative');
    const detail = element.querySelector<HTMLElement>('[role="tooltip"]')!;
    expect(detail.hidden).toBe(true);
    rows[1]!.dispatchEvent(new Event('mouseenter'));
    expect(detail.hidden).toBe(false);
    expect(detail.textContent).toBe('Sharpe mean(r − rf) / stdev(r − rf) × √P — P = 252, rf = 0, sample');
    expect(rows[1]!.getAttribute('title')).toContain('P = 252');
    rows[1]!.dispatchEvent(new Event('mouseleave'));
    expect(detail.hidden).toBe(true);
  });

  it('prints the formula under each metric with showFormula', async () => {
    const { element } = await mountWidget(tearSheet, panelProps([frame], { showFormula: true }));
    expect(element.querySelector('.nan-formula')!.textContent).toBe('E_T / E_0 − 1');
  });

  it('names the columns it needs when the table is something else, and draws the next good frame', async () => {
    const other: TableFrame = { kind: 'table', columns: [{ name: 'symbol', type: 'string' }], rows: [['A']] };
    const { element, instance } = await mountWidget(tearSheet, panelProps([other]));
    expect(element.querySelector('.nan-message')!.textContent).toBe(
      'Tear sheet expects a table with columns Metric, Value, Formula and Conventions (nautilus.core/analytics, view tear-sheet); got columns symbol (string) (missing Metric, Value, Formula, Conventions).',
    );
    await instance.update(panelProps([frame]));
    expect(element.querySelector('.nan-message')).toBeNull();
    expect(element.querySelectorAll('tbody tr')).toHaveLength(2);
  });
});
