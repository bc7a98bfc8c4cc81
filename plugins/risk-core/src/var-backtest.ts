import type { VarBacktestRequest, VarBacktestResult } from '@nautilus/sdk';
import { createCheckpoint } from '@nautilus/sdk';
import { kupiecTest } from './kupiec-test.ts';
import { prepareRiskInputs, requireReturns } from './risk-inputs.ts';
import { trafficLight } from './traffic-light.ts';
import type { VarMethod } from './var-method.ts';
import { checkBacktestRequest, type VarSettings } from './var-settings.ts';

/**
 * Rolling one-day VaR backtest over the last `window` days: each day t is forecast from the
 * `lookback` daily returns before t (never t itself) and compared with the P&L today's exposures
 * would have made on t. `horizonDays` is ignored: a backtest checks one-day VaR. Monte Carlo runs
 * `backtestPaths` paths a day, with the seed advanced by one per day. Stops with the abort reason
 * within about 10 ms of `signal` aborting.
 */
export async function backtestVar(
  method: VarMethod,
  request: VarBacktestRequest,
  signal: AbortSignal,
): Promise<VarBacktestResult> {
  signal.throwIfAborted();
  const settings = checkBacktestRequest(request);
  const inputs = prepareRiskInputs(request.positions, request.prices);
  const daily: VarSettings = { ...settings, horizonDays: 1, horizonMethod: 'sqrt', paths: settings.backtestPaths };
  const read = method.returnsRead(daily);
  requireReturns(
    inputs,
    read + settings.window,
    `A ${settings.window}-day backtest of ${method.name} with lookback ${settings.lookback}`,
  );

  const { rows, time } = inputs.history;
  const { assets, exposures } = inputs;
  const series: VarBacktestResult['series'] = { time: [], var: [], pnl: [] };
  let exceptions = 0;
  // The days' estimates are synchronous work: without a turn of the event loop now and then, an
  // abort (the client went away, the host's timeout) could not even be seen until the last day.
  const checkpoint = createCheckpoint(signal);
  for (let day = 0; day < settings.window; day++) {
    await checkpoint();
    const t = rows.length - settings.window + day;
    const estimate = await method.estimate(
      { assets, exposures, rows: rows.slice(t - read, t) },
      { ...daily, seed: (settings.seed + day) >>> 0 },
      signal,
    );
    const pnl = rows[t]!.reduce((sum, r, i) => sum + exposures[i]! * r, 0);
    if (-pnl > estimate.var) exceptions++;
    series.time.push(time[t]!);
    series.var.push(estimate.var);
    series.pnl.push(pnl);
  }
  const kupiec = kupiecTest(exceptions, settings.window, settings.confidence);
  return {
    method: method.id,
    confidence: settings.confidence,
    days: settings.window,
    exceptions,
    expected: (1 - settings.confidence) * settings.window,
    kupiecLr: kupiec.lr,
    kupiecPValue: kupiec.pValue,
    kupiecReject: kupiec.reject,
    trafficLight: trafficLight(exceptions, settings.window, settings.confidence),
    series,
  };
}
