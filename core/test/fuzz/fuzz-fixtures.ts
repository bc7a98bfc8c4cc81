import { type Auth, type Harness, sampleDocument } from '../harness.ts';
import { RHYTHM_TRADER, RHYTHM_TRADER_V1, waitFor } from '../strategies.ts';
import { FUZZ_PORTFOLIO, type FuzzFixtures } from './example-inputs.ts';

async function data(api: Harness, procedure: string, input: unknown, auth: Auth): Promise<any> {
  const result = await api.call(procedure, input, auth);
  if (result.status !== 200) throw new Error(`${procedure} failed while setting up the fuzz: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** What the example inputs point at: a dashboard and a strategy with two versions, a portfolio, users, a run, a stopped deployment. */
export async function makeFuzzFixtures(api: Harness, admin: Auth): Promise<FuzzFixtures> {
  const dashboardId = (await data(api, 'dashboards.create', { document: sampleDocument('Fuzz target') }, admin)).id;
  await data(api, 'dashboards.save', { id: dashboardId, baseVersion: 1, document: sampleDocument('Fuzz target v2') }, admin);
  const strategyId = (await data(api, 'strategies.create', { source: RHYTHM_TRADER_V1, name: 'Fuzz target' }, admin)).id;
  await data(api, 'strategies.save', { id: strategyId, baseVersion: 1, source: RHYTHM_TRADER }, admin);
  const portfolioId = (await data(api, 'portfolios.create', FUZZ_PORTFOLIO, admin)).id;
  const user = (role: string, username: string) =>
    data(api, 'users.create', { username, password: 'fuzz target password', role }, admin);
  const userId = (await user('viewer', 'fuzz-target')).id;
  const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:AAPL', timeframe: '1h' };
  const backtestId = (
    await data(api, 'backtests.run', { strategyId, ...market, range: { from: '2024-01-02', to: '2024-01-04' } }, admin)
  ).id;
  await waitFor(
    async () => (await data(api, 'backtests.get', { id: backtestId }, admin)).status,
    (status) => status === 'done' || status === 'failed',
  );
  const deployment = await data(api, 'deployments.deploy', { strategyId, ...market, replay: { bars: 3, speed: 1_000 } }, admin);
  await data(api, 'deployments.stop', { id: deployment.id }, admin);
  // A dashboard of its own for the link, which no other example saves over: its panel query stays the example's.
  const sharedId = (await data(api, 'dashboards.create', { document: sampleDocument('Fuzz shared') }, admin)).id;
  const link = (label: string) =>
    data(
      api,
      'sharing.createLink',
      { dashboardId: sharedId, expiresAt: Date.now() + 86_400_000, timeRange: { from: 'now-7d', to: 'now' }, label },
      admin,
    );
  const shareLink = await link('Fuzz link');
  return {
    shareToken: shareLink.token,
    dashboardId,
    strategyId,
    portfolioId,
    userId,
    backtestId,
    deploymentId: deployment.id,
    doomed: {
      dashboardId: (await data(api, 'dashboards.create', { title: 'Doomed' }, admin)).id,
      strategyId: (await data(api, 'strategies.create', { source: RHYTHM_TRADER, name: 'Doomed' }, admin)).id,
      portfolioId: (await data(api, 'portfolios.create', { ...FUZZ_PORTFOLIO, name: 'Doomed' }, admin)).id,
      userId: (await user('viewer', 'fuzz-doomed')).id,
      apiKeyId: (await data(api, 'apiKeys.create', { name: 'doomed' }, admin)).id,
      shareLinkId: (await link('Doomed link')).id,
    },
  };
}
