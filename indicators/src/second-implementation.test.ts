import * as reference from 'indicatorts';
import { describe, expect, it } from 'vitest';
import { computeIndicator } from './index.ts';
import { makeTestBars } from './test-bars.ts';

// A second implementation: indicatorts 2.2.2 (Onur Cinar's library, written independently of
// trading-signals) over the same 300 random-walk bars. Only indicators whose conventions agree are
// compared: where the two seed or scale differently (EMA seeds, ROC in percent, ATR with an SMA) the
// comparison would test the convention, not the arithmetic; those have hand-worked known answers instead.

const bars = makeTestBars(300);
const ours = (id: string, params: Record<string, number>, output?: string) => {
  const result = computeIndicator(id, params, bars);
  return output ? result.outputs[output]! : Object.values(result.outputs)[0]!;
};

function expectAgreement(mine: Float64Array, theirs: number[], tolerance = 1e-9): void {
  let compared = 0;
  for (let index = 100; index < bars.close.length; index++) {
    const scale = Math.max(1, Math.abs(theirs[index]!));
    expect(Math.abs(mine[index]! - theirs[index]!) / scale).toBeLessThan(tolerance);
    compared++;
  }
  expect(compared).toBe(200);
}

const { open, high, low, close, volume } = bars;

describe('agreement with indicatorts (second implementation)', () => {
  const cases: [string, () => Float64Array, () => number[], number?][] = [
    ['sma', () => ours('sma', { period: 20 }), () => reference.sma(close, { period: 20 })],
    ['trima', () => ours('trima', { period: 20 }), () => reference.trima(close, { period: 20 })],
    ['dema', () => ours('dema', { period: 20 }), () => reference.dema(close, { period: 20 })],
    ['apo', () => ours('apo', { fast: 12, slow: 26 }), () => reference.apo(close, { fast: 12, slow: 26 })],
    ['willr', () => ours('willr', { period: 14 }), () => reference.willr(high, low, close, { period: 14 })],
    [
      'stoch %K',
      () => ours('stoch', { k: 14, kSlowing: 1, d: 3 }, 'k'),
      () => reference.stoch(high, low, close, { kPeriod: 14, dPeriod: 3 }).k,
    ],
    ['vortex +', () => ours('vortex', { period: 14 }, 'plus'), () => reference.vortex(high, low, close, { period: 14 }).plus],
    ['ao', () => ours('ao', { short: 5, long: 34 }), () => reference.ao(high, low, { fast: 5, slow: 34 })],
    ['bop', () => ours('bop', {}), () => reference.bop(open, high, low, close)],
    ['qstick', () => ours('qstick', { period: 8 }), () => reference.qstick(open, close, { period: 8 })],
    ['tr', () => ours('tr', {}), () => reference.tr(high, low, close)],
    ['obv', () => ours('obv', {}), () => reference.obv(close, volume)],
    ['ad', () => ours('ad', {}), () => reference.ad(high, low, close, volume)],
    ['pvt', () => ours('pvt', {}), () => reference.vpt(close, volume)],
    ['cmf', () => ours('cmf', { period: 20 }), () => reference.cmf(high, low, close, volume, { period: 20 })],
    ['vwma', () => ours('vwma', { period: 20 }), () => reference.vwma(close, volume, { period: 20 })],
    ['emv', () => ours('emv', { period: 14 }), () => reference.emv(high, low, volume, { period: 14 })],
    // Both EMA-based; the seeds differ and their effect has decayed below 1e-6 after 100 bars.
    ['mass', () => ours('mass', { period: 25 }), () => reference.mi(high, low, { emaPeriod: 9, miPeriod: 25 }), 1e-6],
  ];
  for (const [name, mine, theirs, tolerance] of cases) {
    it(`${name} agrees`, () => expectAgreement(mine(), theirs(), tolerance));
  }
});
