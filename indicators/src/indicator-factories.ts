import type { IndicatorInput, IndicatorParams } from '@nautilus/sdk';
import * as ts from 'trading-signals';
import { donchianStep, williamsRStep } from './high-low-steps.ts';
import type { BarInput, IndicatorStep } from './indicator-step.ts';
import { macdStep } from './macd-step.ts';
import { psarStep } from './psar-step.ts';
import { RunningBollinger, RunningSma, RunningWma } from './running-window.ts';
import { SeededEma } from './seeded-ema.ts';
import { stochasticStep } from './stochastic-step.ts';

// Each catalogue id mapped to the trading-signals class that computes it. Only adapters live here:
// reading the bar the way the catalogue's `input` says, and copying results into the output slots.

interface LibraryIndicator {
  add(input: never): unknown;
  readonly isStable: boolean;
}

type Make = (params: IndicatorParams) => LibraryIndicator;

function read(input: IndicatorInput, bar: BarInput): unknown {
  if (input === 'close') return bar.close;
  if (input === 'volume') return bar.volume;
  // A fresh object per bar: some indicators keep the previous candle by reference.
  return { open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
}

/** An indicator with one numeric result; NaN until the library calls it stable. */
function single(make: Make): (input: IndicatorInput, params: IndicatorParams) => IndicatorStep {
  return (input, params) => {
    const indicator = make(params);
    return {
      update(bar, out) {
        const result = indicator.add(read(input, bar) as never) as number | null;
        out[0] = result !== null && indicator.isStable ? result : Number.NaN;
      },
    };
  };
}

/** An indicator whose result is an object; `keys` are its fields in the catalogue's output order. */
function fields(make: Make, keys: string[]): (input: IndicatorInput, params: IndicatorParams) => IndicatorStep {
  return (input, params) => {
    const indicator = make(params);
    return {
      update(bar, out) {
        const result = indicator.add(read(input, bar) as never) as Record<string, number> | null;
        const ready = result !== null && indicator.isStable;
        for (let index = 0; index < keys.length; index++) out[index] = ready ? result[keys[index]!]! : Number.NaN;
      },
    };
  };
}

const seededEma = (input: IndicatorInput, params: IndicatorParams): IndicatorStep => {
  const average = new SeededEma(params.period!);
  return {
    update(bar, out) {
      out[0] = average.update(input === 'volume' ? bar.volume : bar.close);
    },
  };
};

/** A running-sum average over the close (or volume); see running-window.ts for why not the library's class. */
const runningAverage =
  (Average: typeof RunningSma | typeof RunningWma) =>
  (input: IndicatorInput, params: IndicatorParams): IndicatorStep => {
    const average = new Average(params.period!);
    return {
      update(bar, out) {
        out[0] = average.update(input === 'volume' ? bar.volume : bar.close);
      },
    };
  };

/** Bollinger Bands and the two indicators read from them (width, %B), O(1) per bar. */
const bollinger =
  (output: 'bands' | 'width' | 'percentB') =>
  (_input: IndicatorInput, params: IndicatorParams): IndicatorStep => {
    const bands = new RunningBollinger(params.period!, params.k ?? 2);
    return {
      update(bar, out) {
        bands.update(bar.close);
        const { middle, upper, lower } = bands;
        if (output === 'bands') {
          out[0] = middle;
          out[1] = upper;
          out[2] = lower;
        } else if (output === 'width') out[0] = (upper - lower) / middle;
        // trading-signals' PercentB: 0.5 when the bands have no width.
        else out[0] = Number.isNaN(middle) ? Number.NaN : upper === lower ? 0.5 : (bar.close - lower) / (upper - lower);
      },
    };
  };

/** Factories by catalogue id. */
export const INDICATOR_FACTORIES: Record<string, (input: IndicatorInput, params: IndicatorParams) => IndicatorStep> = {
  // Trend, over the close.
  // SMA, WMA and Bollinger (with width and %B) run on running sums: running-window.ts.
  sma: runningAverage(RunningSma),
  ema: seededEma,
  dema: single((p) => new ts.DEMA(p.period!)),
  tema: single((p) => new ts.TEMA(p.period!)),
  wma: runningAverage(RunningWma),
  wsma: single((p) => new ts.WSMA(p.period!)),
  rma: single((p) => new ts.RMA(p.period!)),
  hma: single((p) => new ts.HMA(p.period!)),
  kama: single((p) => new ts.KAMA(p.period!)),
  trima: single((p) => new ts.TRIMA(p.period!)),
  zlema: single((p) => new ts.ZLEMA(p.period!)),
  t3: single((p) => new ts.T3(p.period!, p.volumeFactor)),
  vidya: single((p) => new ts.VIDYA(p.period!)),
  alma: single((p) => new ts.ALMA(p.period!, p.offset, p.sigma)),
  mcginley: single((p) => new ts.McGinleyDynamic(p.period!)),
  supersmoother: single((p) => new ts.SuperSmoother(p.period!)),
  dma: fields((p) => new ts.DMA(p.short!, p.long!), ['short', 'long']),
  bbands: bollinger('bands'),
  // Trend, over the whole bar.
  vwap: single(() => new ts.VWAP()),
  vwma: single((p) => new ts.VWMA(p.period!)),
  // Wilder's rule (the library's PSAR clamps to the prior bars only on a crossing bar): psar-step.ts.
  psar: psarStep,
  supertrend: fields((p) => new ts.SuperTrend({ interval: p.period!, multiplier: p.multiplier! }), ['supertrend']),
  ichimoku: fields(
    (p) => new ts.IchimokuCloud({ conversionInterval: p.conversion!, baseInterval: p.base!, spanBInterval: p.spanB! }),
    ['conversion', 'base', 'spanA', 'spanB'],
  ),
  keltner: fields(
    (p) => new ts.KeltnerChannels({ emaInterval: p.emaPeriod!, atrInterval: p.atrPeriod!, multiplier: p.multiplier! }),
    ['middle', 'upper', 'lower'],
  ),
  // Donchian, Williams %R and the stochastic scan no window: high-low-steps.ts, stochastic-step.ts.
  donchian: donchianStep,
  accbands: fields((p) => new ts.AccelerationBands(p.period!, p.width!), ['middle', 'upper', 'lower']),
  chandelier: fields((p) => new ts.ChandelierExit({ interval: p.period!, multiplier: p.multiplier! }), ['long', 'short']),
  // Momentum, over the close.
  rsi: single((p) => new ts.RSI(p.period!)),
  macd: macdStep,
  stochrsi: single((p) => new ts.StochasticRSI(p.period!)),
  roc: single((p) => new ts.ROC(p.period!)),
  mom: single((p) => new ts.MOM(p.period!)),
  cmo: single((p) => new ts.CMO(p.period!)),
  trix: single((p) => new ts.TRIX(p.period!)),
  tsi: single((p) => new ts.TSI({ longPeriod: p.long!, shortPeriod: p.short! })),
  ppo: single((p) => new ts.PPO({ fastPeriod: p.fast!, slowPeriod: p.slow! })),
  apo: single((p) => new ts.APO({ fastPeriod: p.fast!, slowPeriod: p.slow! })),
  cg: single((p) => new ts.CG(p.period!, p.signal!)),
  coppock: single(
    (p) => new ts.CoppockCurve({ longRocInterval: p.longRoc!, shortRocInterval: p.shortRoc!, wmaInterval: p.wma! }),
  ),
  dpo: single((p) => new ts.DPO(p.period!)),
  cfo: single((p) => new ts.CFO(p.period!)),
  rci: single((p) => new ts.RCI(p.period!)),
  lrsi: single((p) => new ts.LaguerreRSI({ gamma: p.gamma! })),
  stc: single((p) => new ts.STC({ cycleInterval: p.cycle!, fastInterval: p.fast!, slowInterval: p.slow! })),
  pmo: fields(
    (p) => new ts.PMO({ smoothing1: p.smoothing1!, smoothing2: p.smoothing2!, signalInterval: p.signal! }),
    ['pmo', 'signal'],
  ),
  // Momentum, over the whole bar.
  // The library's formula with the window's high and low kept in O(1): stochastic-step.ts.
  stoch: stochasticStep,
  cci: single((p) => new ts.CCI(p.period!)),
  willr: williamsRStep,
  mfi: single((p) => new ts.MFI(p.period!)),
  ao: single((p) => new ts.AO(p.short!, p.long!)),
  ac: single((p) => new ts.AC(p.short!, p.long!, p.signal!)),
  ultosc: single((p) => new ts.UltimateOscillator({ shortPeriod: p.short!, mediumPeriod: p.medium!, longPeriod: p.long! })),
  fisher: single((p) => new ts.FisherTransform(p.period!)),
  aroon: fields((p) => new ts.Aroon(p.period!), ['aroonUp', 'aroonDown']),
  adx: single((p) => new ts.ADX(p.period!)),
  dx: single((p) => new ts.DX(p.period!)),
  adxr: single((p) => new ts.ADXR(p.period!)),
  vortex: fields((p) => new ts.VortexIndicator(p.period!), ['plus', 'minus']),
  bop: single(() => new ts.BOP()),
  qstick: single((p) => new ts.Qstick(p.period!)),
  ibs: single(() => new ts.IBS()),
  // Volatility.
  atr: single((p) => new ts.ATR(p.period!)),
  natr: single((p) => new ts.NATR(p.period!)),
  tr: single(() => new ts.TR()),
  mass: single((p) => new ts.MassIndex(p.period!)),
  chop: single((p) => new ts.CHOP(p.period!)),
  cvi: single((p) => new ts.CVI(p.period!)),
  rsv: single((p) => new ts.RogersSatchellVolatility(p.period!)),
  bbw: bollinger('width'),
  percentb: bollinger('percentB'),
  mad: single((p) => new ts.MAD(p.period!)),
  iqr: single((p) => new ts.IQR(p.period!)),
  ulcer: single((p) => new ts.UlcerIndex(p.period!)),
  // Volume.
  // OBV's argument is how many bars it keeps; it needs the previous close.
  obv: single(() => new ts.OBV(2)),
  ad: single(() => new ts.AD()),
  adosc: single((p) => new ts.ADOSC({ fastPeriod: p.fast!, slowPeriod: p.slow! })),
  cmf: single((p) => new ts.CMF(p.period!)),
  force: single((p) => new ts.ForceIndex(p.period!)),
  emv: single((p) => new ts.EMV(p.period!)),
  pvt: single(() => new ts.PVT()),
  nvi: single(() => new ts.NVI()),
  pvi: single(() => new ts.PVI()),
  kvo: single((p) => new ts.KVO(p.short!, p.long!)),
  vroc: single((p) => new ts.VROC(p.period!)),
  pvo: single((p) => new ts.PVO({ fastPeriod: p.fast!, slowPeriod: p.slow! })),
};
