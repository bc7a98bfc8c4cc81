import type { TableFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { attributionModel } from './attribution-model.ts';

const segments = (label: string, rows: (string | number)[][]): TableFrame => ({
  kind: 'table',
  columns: [
    { name: label, type: 'string' },
    { name: 'Allocation', type: 'number', unit: '%' },
    { name: 'Selection', type: 'number', unit: '%' },
    { name: 'Interaction', type: 'number', unit: '%' },
    { name: 'Total', type: 'number', unit: '%' },
  ],
  rows,
});
const byInstrument = segments('Instrument', [
  ['SIM:AAPL', 1, 2, -0.5, 2.5],
  ['SIM:SPX', -0.4, 0, 0, -0.4],
]);
const byClass = segments('Asset class', [['stock', 0.3, 1.5, 0.2, 2]]);
const summary: TableFrame = {
  kind: 'table',
  columns: [
    { name: 'Effect', type: 'string' },
    { name: 'By instrument', type: 'number', unit: '%' },
    { name: 'By asset class', type: 'number', unit: '%' },
  ],
  rows: [
    ['Allocation', 0.6, 0.3],
    ['Selection', 2, 1.5],
    ['Interaction', -0.5, 0.2],
    ['Residual', 0.01, 0.11],
    ['Active return', 2.11, 2.11],
  ],
};

describe('attribution model', () => {
  it('floats each summed effect from the running total and ends with the active return the source reports', () => {
    const model = attributionModel([byInstrument, byClass, summary], 'instrument');
    // By hand: allocation 1 − 0.4 = 0.6, selection 2, interaction −0.5, residual 0.01 → 2.11.
    expect(model.steps.map((step) => [step.label, step.from, step.to])).toEqual([
      ['Allocation', 0, 0.6],
      ['Selection', 0.6, 2.6],
      ['Interaction', 2.6, 2.1],
      ['Residual', 2.1, expect.closeTo(2.11, 12)],
      ['Active return', 0, 2.11],
    ]);
    expect(model.residual).toBe(0.01);
    expect(model.segments.map((segment) => segment.segment)).toEqual(['SIM:AAPL', 'SIM:SPX']);
  });

  it('reads the asset-class table and its summary column when asked', () => {
    const model = attributionModel([byInstrument, byClass, summary], 'asset class');
    expect(model.by).toBe('asset class');
    expect(model.segments).toHaveLength(1);
    expect(model.residual).toBe(0.11);
    expect(model.steps.at(-1)!.to).toBe(2.11);
  });

  it('without a summary, ends at the effects’ sum and says the residual is unknown', () => {
    const model = attributionModel([byInstrument], 'asset class');
    expect(model.by).toBe('instrument');
    expect(model.residual).toBeNull();
    expect(model.activeReturn).toBeCloseTo(2.1, 12);
    expect(model.steps.map((step) => step.label)).toEqual(['Allocation', 'Selection', 'Interaction', 'Active return']);
  });

  it('names the columns it needs when given another table', () => {
    const other: TableFrame = { kind: 'table', columns: [{ name: 'symbol', type: 'string' }], rows: [['A']] };
    expect(() => attributionModel([other], 'instrument')).toThrow(/Attribution expects .* got 1 table/);
  });
});
