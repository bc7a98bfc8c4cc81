import { apiKeysRouter } from './routers/api-keys.ts';
import { authRouter } from './routers/auth.ts';
import { dashboardsRouter } from './routers/dashboards.ts';
import { dataSourcesRouter } from './routers/data-sources.ts';
import { pluginsRouter } from './routers/plugins.ts';
import { usersRouter } from './routers/users.ts';
import { widgetsRouter } from './routers/widgets.ts';
import { router } from './trpc.ts';

/** The whole API, mounted at /trpc; procedures are named `<area>.<verb>`. */
export const appRouter = router({
  auth: authRouter,
  dashboards: dashboardsRouter,
  plugins: pluginsRouter,
  dataSources: dataSourcesRouter,
  widgets: widgetsRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
export type { NautilusErrorShape } from './trpc.ts';
