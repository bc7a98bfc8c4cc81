import { runBacktest, type WaitOptions, waitForBacktest } from './backtest-runs.ts';
import type { InputOf } from './procedures.ts';
import { type CallOptions, type ClientOptions, createTransport, type Transport } from './transport.ts';

/**
 * A client for the Nautilus HTTP API, typed from the server's router: `call` reaches every procedure,
 * the areas below are shortcuts for the common ones.
 * @example
 * const nautilus = createClient({ baseUrl: 'http://localhost:3000', apiKey: process.env.NAUTILUS_API_KEY });
 * const dashboards = await nautilus.dashboards.list();
 */
export function createClient(options: ClientOptions) {
  const transport = createTransport(options);
  const { call } = transport;
  return {
    ...transport,
    auth: {
      me: (o?: CallOptions) => call('auth.me', undefined, o),
    },
    dashboards: {
      list: (input?: InputOf<'dashboards.list'>, o?: CallOptions) => call('dashboards.list', input, o),
      get: (id: string, version?: number, o?: CallOptions) => call('dashboards.get', { id, version }, o),
      create: (input: InputOf<'dashboards.create'>, o?: CallOptions) => call('dashboards.create', input, o),
      save: (input: InputOf<'dashboards.save'>, o?: CallOptions) => call('dashboards.save', input, o),
      delete: (id: string, o?: CallOptions) => call('dashboards.delete', { id }, o),
    },
    dataSources: {
      list: (o?: CallOptions) => call('dataSources.list', undefined, o),
      query: (input: InputOf<'dataSources.query'>, o?: CallOptions) => call('dataSources.query', input, o),
    },
    strategies: {
      list: (o?: CallOptions) => call('strategies.list', undefined, o),
      get: (id: string, version?: number, o?: CallOptions) => call('strategies.get', { id, version }, o),
      create: (input: InputOf<'strategies.create'>, o?: CallOptions) => call('strategies.create', input, o),
      save: (input: InputOf<'strategies.save'>, o?: CallOptions) => call('strategies.save', input, o),
    },
    backtests: {
      /** Queues a backtest, polls it with `onProgress`, and resolves with the finished run (its `metrics`). */
      run: (input: InputOf<'backtests.run'>, wait?: WaitOptions) => runBacktest(transport, input, wait),
      /** Queues a backtest and answers its id at once. */
      start: (input: InputOf<'backtests.run'>, o?: CallOptions) => call('backtests.run', input, o),
      wait: (id: string, wait?: WaitOptions) => waitForBacktest(transport, id, wait),
      get: (id: string, o?: CallOptions) => call('backtests.get', { id }, o),
      list: (input?: InputOf<'backtests.list'>, o?: CallOptions) => call('backtests.list', input, o),
      compare: (input: InputOf<'backtests.compare'>, o?: CallOptions) => call('backtests.compare', input, o),
    },
    deployments: {
      deploy: (input: InputOf<'deployments.deploy'>, o?: CallOptions) => call('deployments.deploy', input, o),
      stop: (input: InputOf<'deployments.stop'>, o?: CallOptions) => call('deployments.stop', input, o),
      list: (input?: InputOf<'deployments.list'>, o?: CallOptions) => call('deployments.list', input, o),
      get: (id: string, o?: CallOptions) => call('deployments.get', { id }, o),
      /** Its status, fills and logs as they happen, until you break out or abort. */
      watch: (id: string, o?: CallOptions) => transport.watch('deployments.watch', { id }, o),
    },
    portfolios: {
      list: (o?: CallOptions) => call('portfolios.list', undefined, o),
      get: (id: string, o?: CallOptions) => call('portfolios.get', { id }, o),
      create: (input: InputOf<'portfolios.create'>, o?: CallOptions) => call('portfolios.create', input, o),
      update: (input: InputOf<'portfolios.update'>, o?: CallOptions) => call('portfolios.update', input, o),
      delete: (id: string, o?: CallOptions) => call('portfolios.delete', { id }, o),
    },
    risk: {
      models: (o?: CallOptions) => call('risk.models', undefined, o),
      var: (input: InputOf<'risk.var'>, o?: CallOptions) => call('risk.var', input, o),
      stress: (input: InputOf<'risk.stress'>, o?: CallOptions) => call('risk.stress', input, o),
      backtest: (input: InputOf<'risk.backtest'>, o?: CallOptions) => call('risk.backtest', input, o),
      checkOrder: (input: InputOf<'risk.checkOrder'>, o?: CallOptions) => call('risk.checkOrder', input, o),
    },
    apiKeys: {
      list: (o?: CallOptions) => call('apiKeys.list', undefined, o),
      create: (input: InputOf<'apiKeys.create'>, o?: CallOptions) => call('apiKeys.create', input, o),
      revoke: (id: string, o?: CallOptions) => call('apiKeys.revoke', { id }, o),
    },
  } satisfies Transport & Record<string, unknown>;
}

export type NautilusClient = ReturnType<typeof createClient>;
