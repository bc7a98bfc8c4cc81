import { router, viewerProcedure } from '../trpc.ts';

export const widgetsRouter = router({
  /** Widgets of active plugins: palette entries with options schema, accepted frames and bundle URL. */
  list: viewerProcedure.query(({ ctx }) =>
    ctx.services.plugins.widgets().map(({ type, pluginId, pluginVersion, bundleUrl, descriptor }) => ({
      type,
      pluginId,
      pluginVersion,
      bundleUrl,
      ...descriptor,
    })),
  ),
});
