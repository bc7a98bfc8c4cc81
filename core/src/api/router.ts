import { apiKeysRouter } from './routers/api-keys.ts';
import { authRouter } from './routers/auth.ts';
import { backtestsRouter } from './routers/backtests.ts';
import { dashboardsRouter } from './routers/dashboards.ts';
import { dataSourcesRouter } from './routers/data-sources.ts';
import { deploymentsRouter } from './routers/deployments.ts';
import { pluginsRouter } from './routers/plugins.ts';
import { portfoliosRouter } from './routers/portfolios.ts';
import { providersRouter } from './routers/providers.ts';
import { riskRouter } from './routers/risk.ts';
import { strategiesRouter } from './routers/strategies.ts';
import { uploadsRouter } from './routers/uploads.ts';
import { usersRouter } from './routers/users.ts';
import { widgetsRouter } from './routers/widgets.ts';
import { declareInputless, router } from './trpc.ts';

/** The whole API, mounted at /trpc; procedures are named `<area>.<verb>`. */
export const appRouter = router({
  auth: authRouter,
  dashboards: dashboardsRouter,
  plugins: pluginsRouter,
  dataSources: dataSourcesRouter,
  providers: providersRouter,
  widgets: widgetsRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  strategies: strategiesRouter,
  backtests: backtestsRouter,
  deployments: deploymentsRouter,
  portfolios: portfoliosRouter,
  risk: riskRouter,
  uploads: uploadsRouter,
});

declareInputless(appRouter);

export type AppRouter = typeof appRouter;
/** What `deployments.watch` sends, for typed subscribers. */
export type { WatchEvent as DeploymentWatchEvent } from '../deployments/deployment-manager.ts';
export type { NautilusErrorShape } from './trpc.ts';
