import type { IndicatorDefinition, IndicatorParam } from './indicator-catalogue-types.ts';

// Metadata of every indicator Nautilus offers. The sdk holds only this table (no numbers are computed
// here, so the sdk keeps zero runtime dependencies); `@nautilus/indicators` maps each id to the
// trading-signals class that computes it, and a test there checks both lists hold the same ids.

// As many bars as `ctx.indicators` has always accepted.
const MAX_PERIOD = 100_000;

const period = (name: string, value: number, description = 'bars in the window'): IndicatorParam => ({
  name,
  type: 'integer',
  default: value,
  minimum: 1,
  maximum: MAX_PERIOD,
  description,
});
const number = (name: string, value: number, minimum: number, maximum: number, description: string): IndicatorParam => ({
  name,
  type: 'number',
  default: value,
  minimum,
  maximum,
  description,
});
const P = period('period', 14);
const K = number('k', 2, 0.01, 10, 'band width in standard deviations');

type Row = [id: string, name: string, params: IndicatorParam[], outputs?: string[]];

function rows(
  group: IndicatorDefinition['group'],
  placement: IndicatorDefinition['placement'],
  input: IndicatorDefinition['input'],
  list: Row[],
): IndicatorDefinition[] {
  return list.map(([id, name, params, outputs = ['value']]) => ({ id, name, group, placement, input, params, outputs }));
}

/** Every indicator, by id. */
export const INDICATOR_CATALOGUE: readonly IndicatorDefinition[] = Object.freeze([
  ...rows('trend', 'overlay', 'close', [
    ['sma', 'Simple moving average', [period('period', 20)]],
    ['ema', 'Exponential moving average (SMA-seeded)', [period('period', 20)]],
    ['dema', 'Double exponential moving average', [period('period', 20)]],
    ['tema', 'Triple exponential moving average', [period('period', 20)]],
    ['wma', 'Weighted moving average', [period('period', 20)]],
    ['wsma', "Wilder's smoothed moving average", [period('period', 14)]],
    ['rma', 'Running moving average', [period('period', 14)]],
    ['hma', 'Hull moving average', [period('period', 20)]],
    ['kama', "Kaufman's adaptive moving average", [period('period', 10)]],
    ['trima', 'Triangular moving average', [period('period', 20)]],
    ['zlema', 'Zero-lag exponential moving average', [period('period', 20)]],
    ['t3', 'Tillson T3', [period('period', 5), number('volumeFactor', 0.7, 0, 1, 'T3 volume factor')]],
    ['vidya', 'Variable index dynamic average', [period('period', 14)]],
    [
      'alma',
      'Arnaud Legoux moving average',
      [period('period', 9), number('offset', 0.85, 0, 1, 'Gaussian offset'), number('sigma', 6, 0.1, 100, 'Gaussian width')],
    ],
    ['mcginley', 'McGinley dynamic', [period('period', 14)]],
    ['supersmoother', 'Ehlers super smoother', [period('period', 10)]],
    ['dma', 'Dual moving average', [period('short', 10), period('long', 20)], ['short', 'long']],
    ['bbands', 'Bollinger Bands', [period('period', 20), K], ['middle', 'upper', 'lower']],
  ]),
  ...rows('trend', 'overlay', 'bar', [
    ['vwap', 'Volume-weighted average price (cumulative)', []],
    ['vwma', 'Volume-weighted moving average', [period('period', 20)]],
    [
      'psar',
      'Parabolic SAR',
      [number('step', 0.02, 0.001, 1, 'acceleration step'), number('max', 0.2, 0.001, 1, 'maximum acceleration')],
    ],
    ['supertrend', 'SuperTrend', [period('period', 10), number('multiplier', 3, 0.1, 20, 'ATR multiple')]],
    [
      'ichimoku',
      'Ichimoku cloud',
      [period('conversion', 9), period('base', 26), period('spanB', 52)],
      ['conversion', 'base', 'spanA', 'spanB'],
    ],
    [
      'keltner',
      'Keltner channels',
      [period('emaPeriod', 20), period('atrPeriod', 10), number('multiplier', 2, 0.1, 20, 'ATR multiple')],
      ['middle', 'upper', 'lower'],
    ],
    ['donchian', 'Donchian channels', [period('period', 20)], ['middle', 'upper', 'lower']],
    [
      'accbands',
      'Acceleration bands',
      [period('period', 20), number('width', 4, 0.1, 100, 'band width factor')],
      ['middle', 'upper', 'lower'],
    ],
    [
      'chandelier',
      'Chandelier exit',
      [period('period', 22), number('multiplier', 3, 0.1, 20, 'ATR multiple')],
      ['long', 'short'],
    ],
  ]),
  ...rows('momentum', 'pane', 'close', [
    ['rsi', "Wilder's relative strength index", [P]],
    [
      'macd',
      'MACD (SMA-seeded EMAs)',
      [period('fast', 12), period('slow', 26), period('signal', 9)],
      ['macd', 'signal', 'histogram'],
    ],
    ['stochrsi', 'Stochastic RSI', [P]],
    ['roc', 'Rate of change', [period('period', 12)]],
    ['mom', 'Momentum', [period('period', 10)]],
    ['cmo', 'Chande momentum oscillator', [period('period', 9)]],
    ['trix', 'TRIX', [period('period', 15)]],
    ['tsi', 'True strength index', [period('long', 25), period('short', 13)]],
    ['ppo', 'Percentage price oscillator', [period('fast', 12), period('slow', 26)]],
    ['apo', 'Absolute price oscillator', [period('fast', 12), period('slow', 26)]],
    ['cg', 'Center of gravity', [period('period', 10), period('signal', 3)]],
    ['coppock', 'Coppock curve', [period('longRoc', 14), period('shortRoc', 11), period('wma', 10)]],
    ['dpo', 'Detrended price oscillator', [period('period', 20)]],
    ['cfo', 'Chande forecast oscillator', [period('period', 14)]],
    ['rci', 'Rank correlation index', [period('period', 9)]],
    ['lrsi', 'Laguerre RSI', [number('gamma', 0.5, 0, 1, 'Laguerre filter damping')]],
    ['stc', 'Schaff trend cycle', [period('cycle', 10), period('fast', 23), period('slow', 50)]],
    [
      'pmo',
      'Price momentum oscillator',
      [period('smoothing1', 35), period('smoothing2', 20), period('signal', 10)],
      ['pmo', 'signal'],
    ],
  ]),
  ...rows('momentum', 'pane', 'bar', [
    ['stoch', 'Stochastic oscillator', [period('k', 14), period('kSlowing', 3), period('d', 3)], ['k', 'd']],
    ['cci', 'Commodity channel index', [period('period', 20)]],
    ['willr', 'Williams %R', [P]],
    ['mfi', 'Money flow index', [P]],
    ['ao', 'Awesome oscillator', [period('short', 5), period('long', 34)]],
    ['ac', 'Accelerator oscillator', [period('short', 5), period('long', 34), period('signal', 5)]],
    ['ultosc', 'Ultimate oscillator', [period('short', 7), period('medium', 14), period('long', 28)]],
    ['fisher', 'Fisher transform', [period('period', 10)]],
    ['aroon', 'Aroon', [P], ['up', 'down']],
    ['adx', 'Average directional index', [P]],
    ['dx', 'Directional movement index', [P]],
    ['adxr', 'Average directional movement rating', [P]],
    ['vortex', 'Vortex indicator', [P], ['plus', 'minus']],
    ['bop', 'Balance of power', []],
    ['qstick', 'Qstick', [period('period', 8)]],
    ['ibs', 'Internal bar strength', []],
  ]),
  ...rows('volatility', 'pane', 'bar', [
    ['atr', "Wilder's average true range", [P]],
    ['natr', 'Normalised average true range', [P]],
    ['tr', 'True range', []],
    ['mass', 'Mass index', [period('period', 25)]],
    ['chop', 'Choppiness index', [P]],
    ['cvi', 'Chaikin volatility', [period('period', 10)]],
    ['rsv', 'Rogers-Satchell volatility', [period('period', 20)]],
  ]),
  ...rows('volatility', 'pane', 'close', [
    ['bbw', 'Bollinger Bands width', [period('period', 20), K]],
    ['percentb', 'Bollinger %B', [period('period', 20), K]],
    ['mad', 'Mean absolute deviation', [period('period', 20)]],
    ['iqr', 'Interquartile range', [period('period', 20)]],
    ['ulcer', 'Ulcer index', [P]],
  ]),
  ...rows('volume', 'pane', 'bar', [
    ['obv', 'On-balance volume', []],
    ['ad', 'Accumulation/distribution line', []],
    ['adosc', 'Chaikin A/D oscillator', [period('fast', 3), period('slow', 10)]],
    ['cmf', 'Chaikin money flow', [period('period', 20)]],
    ['force', 'Force index', [period('period', 13)]],
    ['emv', 'Ease of movement', [P]],
    ['pvt', 'Price-volume trend', []],
    ['nvi', 'Negative volume index', []],
    ['pvi', 'Positive volume index', []],
    ['kvo', 'Klinger volume oscillator', [period('short', 34), period('long', 55)]],
  ]),
  ...rows('volume', 'pane', 'volume', [
    ['vroc', 'Volume rate of change', [period('period', 14)]],
    ['pvo', 'Percentage volume oscillator', [period('fast', 12), period('slow', 26)]],
  ]),
]);

const byId = new Map(INDICATOR_CATALOGUE.map((definition) => [definition.id, definition]));

/** The catalogue entry for `id`, or undefined. */
export function findIndicator(id: string): IndicatorDefinition | undefined {
  return byId.get(id);
}
