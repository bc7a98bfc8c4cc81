import type { BatchOutput } from '../engine/index.ts';
import { engineError } from './strategy-errors.ts';

const TRADING_MODES: readonly string[] = ['normal', 'reduce-only', 'halted'];

/**
 * What comes back from the isolate is data the strategy could have tampered with (it shares the realm
 * with the engine), so the host checks its shape and size before trusting it: a broken engine fails
 * the run with INTERNAL instead of corrupting results.
 */
export function checkBatchOutput(value: unknown, bars: number, maxRecords: number, maxLogLines: number): BatchOutput {
  const output = value as Partial<BatchOutput> | null;
  const problem =
    typeof output !== 'object' || output === null
      ? 'no output'
      : !(output.equity instanceof Float64Array) || output.equity.length !== bars
        ? `equity is not ${bars} numbers`
        : !listOfAtMost(output.orders, maxRecords) ||
            !listOfAtMost(output.fills, maxRecords) ||
            !listOfAtMost(output.trades, maxRecords) ||
            !listOfAtMost(output.riskEvents, maxRecords)
          ? 'more records than the cap'
          : !listOfAtMost(output.logs, maxLogLines)
            ? 'more log lines than the cap'
            : typeof output.account !== 'object' ||
                output.account === null ||
                typeof output.counters !== 'object' ||
                output.counters === null
              ? 'no account or counters'
              : !TRADING_MODES.includes(output.tradingMode as string)
                ? 'no trading mode'
                : undefined;
  if (problem !== undefined) throw engineError(`the engine returned malformed output (${problem})`);
  return output as BatchOutput;
}

function listOfAtMost(value: unknown, max: number): boolean {
  return Array.isArray(value) && value.length <= max;
}
