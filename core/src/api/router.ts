import { analyticsRouter } from './routers/analytics.ts';
import { apiKeysRouter } from './routers/api-keys.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { backtestsRouter } from './routers/backtests.ts';
import { dashboardsRouter } from './routers/dashboards.ts';
import { dataSourcesRouter } from './routers/data-sources.ts';
import { deploymentsRouter } from './routers/deployments.ts';
import { pluginInstallsRouter } from './routers/plugin-installs.ts';
import { pluginsRouter } from './routers/plugins.ts';
import { portfoliosRouter } from './routers/portfolios.ts';
import { providersRouter } from './routers/providers.ts';
import { riskRouter } from './routers/risk.ts';
import { sharingRouter } from './routers/sharing.ts';
import { strategiesRouter } from './routers/strategies.ts';
import { sweepsRouter } from './routers/sweeps.ts';
import { templatesRouter } from './routers/templates.ts';
import { uploadsRouter } from './routers/uploads.ts';
import { usersRouter } from './routers/users.ts';
import { widgetsRouter } from './routers/widgets.ts';
import { declareInputless, router } from './trpc.ts';

/** The whole API, mounted at /trpc; procedures are named `<area>.<verb>`. */
export const appRouter = router({
  auth: authRouter,
  dashboards: dashboardsRouter,
  plugins: pluginsRouter,
  pluginInstalls: pluginInstallsRouter,
  dataSources: dataSourcesRouter,
  providers: providersRouter,
  widgets: widgetsRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  strategies: strategiesRouter,
  backtests: backtestsRouter,
  sweeps: sweepsRouter,
  analytics: analyticsRouter,
  deployments: deploymentsRouter,
  portfolios: portfoliosRouter,
  risk: riskRouter,
  uploads: uploadsRouter,
  templates: templatesRouter,
  sharing: sharingRouter,
  audit: auditRouter,
});

declareInputless(appRouter);

export type AppRouter = typeof appRouter;
/** What `deployments.watch` sends, for typed subscribers. */
export type { WatchEvent as DeploymentWatchEvent } from '../deployments/deployment-manager.ts';
export type { NautilusErrorShape } from './trpc.ts';
