import { type ListedPluginStatus, pluginStatusForRole } from '../../plugins/plugin-status-for-role.ts';
import { router, viewerProcedure } from '../trpc.ts';

export const pluginsRouter = router({
  /**
   * Every discovered plugin with its state, the reason it failed if it did, and what it contributes.
   * Only admins see where a plugin lies on the server (and paths in its error).
   */
  list: viewerProcedure.query(({ ctx }): ListedPluginStatus[] =>
    ctx.services.plugins.list().map((status) => pluginStatusForRole(status, ctx.user.role)),
  ),
});
