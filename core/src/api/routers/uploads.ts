import { NautilusError } from '@nautilus/sdk';
import { z } from 'zod';
import { listUploads } from '../../uploads/uploads-source.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';

/** Files uploaded as data (the upload itself is POST /uploads, beside /trpc). */
export const uploadsRouter = router({
  list: viewerProcedure.query(({ ctx }) => listUploads(ctx.services.db)),
  delete: editorProcedure.input(z.strictObject({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const deleted = await ctx.services.db.deleteFrom('uploads').where('id', '=', input.id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0)
      throw new NautilusError('NOT_FOUND', 'No such uploaded file', { fields: [{ path: 'id', message: 'no such upload' }] });
    return { id: input.id };
  }),
});
