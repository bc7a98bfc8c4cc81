import { labelRegimes, REGIMES } from '@nautilus/regimes';
import {
  type DataSource,
  type DataSourceDescriptor,
  type Frame,
  type JsonSchema,
  type OhlcvFrame,
  type TableFrame,
  TIMEFRAME_MS,
  TIMEFRAMES,
  type Timeframe,
} from '@nautilus/sdk';
import type { BarsQuery } from './bars-service.ts';

/** Most bars of the range a query labels (the newest): about 2 s of model work on one core. */
export const REGIME_MAX_POINTS = 20_000;
/** Bars read before the range so the first fit (270 bars) and some refits happen before its first bar. */
export const REGIME_WARM_UP_BARS = 1_000;
// Calendar time per bar is longer than the bar where markets close (nights, weekends): a US-equity
// 1m bar is about 5 calendar minutes of the week. The service caps the bars anyway.
const CALENDAR_PER_BAR = 6;

const querySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['symbol', 'timeframe'],
  properties: {
    symbol: {
      type: 'string',
      pattern: '^[A-Za-z0-9.:=^_\\-/]{1,32}$',
      'x-widget': 'instrument',
      title: 'Instrument',
      description: 'Any symbol the bars chain covers: SIM:SPY (simulated), AAPL, BTC-USD…',
    },
    timeframe: { enum: TIMEFRAMES, default: '1d', 'x-widget': 'timeframe', title: 'Timeframe' },
  },
};

export const regimesSourceDescriptor: DataSourceDescriptor = {
  id: 'regimes',
  name: 'Market regimes',
  description:
    'The market regime of every bar (trend up / sideways / down × volatility high / low) and the six probabilities, ' +
    'from @nautilus/regimes over the bars of nautilus.core/bars: causal, each bar labelled from the bars up to it, ' +
    `with up to ${REGIME_WARM_UP_BARS} bars before the range read as warm-up. Answers the bars and a table of labels, ` +
    `for the newest ${REGIME_MAX_POINTS.toLocaleString('en-US')} bars of the range at most.`,
  frames: ['ohlcv', 'table'],
  querySchema,
  streaming: false,
};

/** The bars of the range (the newest `maxPoints`) and their labels, from bars that may start before the range. */
export function regimeFrames(bars: OhlcvFrame, range: { from: number; to: number }, maxPoints: number): [OhlcvFrame, TableFrame] {
  const labels = labelRegimes(bars.close);
  let first = bars.time.findIndex((time) => time >= range.from);
  if (first < 0) first = bars.time.length;
  first = Math.max(first, bars.time.length - maxPoints);
  const slice = <T>(values: T[]) => values.slice(first);
  const ohlcv: OhlcvFrame = {
    ...bars,
    time: slice(bars.time),
    open: slice(bars.open),
    high: slice(bars.high),
    low: slice(bars.low),
    close: slice(bars.close),
    volume: slice(bars.volume),
  };
  const rows: TableFrame['rows'] = [];
  for (let t = first; t < bars.time.length; t++) {
    const label = labels.label[t]!;
    const regime = REGIMES[label];
    const probabilities = REGIMES.map((_, index) => (regime ? labels.probabilities[t * 6 + index]! : null));
    rows.push([
      bars.time[t]!,
      regime?.id ?? null,
      regime?.trend ?? null,
      regime?.volatility ?? null,
      regime ? labels.probabilities[t * 6 + label]! : null,
      ...probabilities,
    ]);
  }
  const table: TableFrame = {
    kind: 'table',
    columns: [
      { name: 'time', type: 'time' },
      { name: 'regime', type: 'string' },
      { name: 'trend', type: 'string' },
      { name: 'volatility', type: 'string' },
      { name: 'probability', type: 'number' },
      ...REGIMES.map((regime) => ({ name: `p_${regime.id}`, type: 'number' as const })),
    ],
    rows,
  };
  return [ohlcv, table];
}

/** `nautilus.core/regimes`: reads bars like `nautilus.core/bars` (same chain and cache), then labels them. */
export function regimesSource(bars: {
  query(query: BarsQuery): Promise<OhlcvFrame>;
}): DataSource<{ symbol: string; timeframe: Timeframe }> {
  return {
    async query({ params, range, maxPoints: asked }): Promise<Frame[]> {
      const maxPoints = Math.min(asked, REGIME_MAX_POINTS);
      const warmUpSpan = REGIME_WARM_UP_BARS * TIMEFRAME_MS[params.timeframe] * CALENDAR_PER_BAR;
      const frame = await bars.query({
        symbol: params.symbol,
        timeframe: params.timeframe,
        adjusted: false,
        from: range.from - warmUpSpan,
        to: range.to,
        maxPoints: maxPoints + REGIME_WARM_UP_BARS,
      });
      return regimeFrames(frame, range, maxPoints);
    },
  };
}
