import { router, viewerProcedure } from '../trpc.ts';

export const pluginsRouter = router({
  /** Every discovered plugin with its state, the reason it failed if it did, and what it contributes. */
  list: viewerProcedure.query(({ ctx }) => ctx.services.plugins.list()),
});
