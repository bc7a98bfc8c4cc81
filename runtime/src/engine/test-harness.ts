// Drives the pure engine directly (no compiler, no isolate) for unit tests of the event loop.
import type { BacktestConfig, Fill, LogLine, Order, RiskEvent, StrategyDefinition, Trade } from '@nautilus/sdk';
import { resolveBacktestConfig } from '../run/resolve-config.ts';
import { DEFAULT_LIMITS } from '../run/run-limits.ts';
import { createEngine } from './engine.ts';
import type { BatchOutput, Engine } from './engine-types.ts';

/** A bar as tests write it; time defaults to day `index` at UTC midnight. */
export interface TestBar {
  time?: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume?: number;
}

export const DAY = 86_400_000;

export function pack(bars: TestBar[], firstIndex = 0): Float64Array {
  const count = bars.length;
  const packed = new Float64Array(count * 6);
  bars.forEach((bar, row) => {
    packed[row] = bar.time ?? (firstIndex + row) * DAY;
    packed[count + row] = bar.open;
    packed[2 * count + row] = bar.high;
    packed[3 * count + row] = bar.low;
    packed[4 * count + row] = bar.close;
    packed[5 * count + row] = bar.volume ?? 100;
  });
  return packed;
}

export interface EngineRun {
  engine: Engine;
  outputs: BatchOutput[];
  equity: number[];
  orders: Order[];
  fills: Fill[];
  trades: Trade[];
  logs: LogLine[];
  riskEvents: RiskEvent[];
  last: BatchOutput;
}

/** Starts `definition` and pushes `bars` in batches of `batch` (all at once by default), then stops. */
export function runEngine(
  definition: StrategyDefinition<any, any>,
  bars: TestBar[],
  options: {
    config?: BacktestConfig;
    params?: Record<string, number | boolean | string>;
    batch?: number;
    stop?: boolean;
    limits?: Partial<typeof DEFAULT_LIMITS>;
    symbol?: string;
  } = {},
): EngineRun {
  const engine = createEngine(() => ({ default: definition }), { seed: options.config?.seed ?? 1 });
  const outputs: BatchOutput[] = [];
  const { maxLogLines, maxLogLineChars, maxOpenOrders, maxRecords } = { ...DEFAULT_LIMITS, ...options.limits };
  outputs.push(
    engine.start({
      params: options.params ?? {},
      config: resolveBacktestConfig(options.config),
      limits: { maxLogLines, maxLogLineChars, maxOpenOrders, maxRecords },
      symbol: options.symbol ?? 'SIM:TEST',
      startTime: bars[0]?.time ?? 0,
    }),
  );
  const batch = options.batch ?? Math.max(1, bars.length);
  for (let from = 0; from < bars.length; from += batch) {
    const slice = bars.slice(from, from + batch);
    outputs.push(engine.push(pack(slice, from), slice.length));
  }
  if (options.stop !== false) outputs.push(engine.stop());
  return {
    engine,
    outputs,
    equity: outputs.flatMap((output) => [...output.equity]),
    orders: outputs.flatMap((output) => output.orders),
    fills: outputs.flatMap((output) => output.fills),
    trades: outputs.flatMap((output) => output.trades),
    logs: outputs.flatMap((output) => output.logs),
    riskEvents: outputs.flatMap((output) => output.riskEvents),
    last: outputs[outputs.length - 1]!,
  };
}

/** A flat bar: open = high = low = close. */
export function flat(price: number, time?: number): TestBar {
  return { time, open: price, high: price, low: price, close: price };
}
