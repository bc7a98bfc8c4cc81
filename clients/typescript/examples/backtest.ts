// Logs in with an API key, lists dashboards, runs a backtest and prints its metrics.
// NAUTILUS_URL=http://localhost:3000 NAUTILUS_API_KEY=... node clients/typescript/examples/backtest.ts
import { readFileSync } from 'node:fs';
import { createClient, NautilusApiError } from '@nautilus/client';

const nautilus = createClient({
  baseUrl: process.env.NAUTILUS_URL ?? 'http://localhost:3000',
  apiKey: process.env.NAUTILUS_API_KEY,
});

try {
  const me = await nautilus.auth.me();
  console.log(`signed in as ${me.username} (${me.role})`);

  const dashboards = await nautilus.dashboards.list();
  console.log(`dashboards (${dashboards.length}): ${dashboards.map((dashboard) => dashboard.title).join(', ')}`);

  const source = readFileSync(new URL('../../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');
  const strategyId = process.env.NAUTILUS_STRATEGY_ID ?? (await nautilus.strategies.create({ source })).id;

  const run = await nautilus.backtests.run(
    {
      strategyId,
      dataSource: 'nautilus.sim-market/bars',
      symbol: 'SIM:AAPL',
      timeframe: '1d',
      range: { from: '2024-01-01', to: '2025-01-01' },
      params: { fast: 5, slow: 20 },
    },
    { onProgress: (progress) => console.log(`  ${(progress * 100).toFixed(0)} %`) },
  );
  const { totalReturn, sharpe, maxDrawdown, tradeCount } = run.metrics!;
  console.log(`backtest ${run.id}: total return ${(totalReturn * 100).toFixed(2)} %, Sharpe ${sharpe?.toFixed(2)}`);
  console.log(`max drawdown ${(maxDrawdown * 100).toFixed(2)} %, ${tradeCount} trades`);
} catch (error) {
  if (!(error instanceof NautilusApiError)) throw error;
  console.error(`${error.code} (HTTP ${error.status}): ${error.message}`, error.fields);
  process.exitCode = 1;
}
