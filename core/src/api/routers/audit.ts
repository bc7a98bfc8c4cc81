import { z } from 'zod';
import { auditFacets, listAudit } from '../../audit/audit-log.ts';
import { adminProcedure, router } from '../trpc.ts';

const filterText = z.string().trim().max(200).optional();

/** The audit log of every mutation (who, what, which object and version, when, outcome): admins only. */
export const auditRouter = router({
  /** One page, newest first, with the total matching; `action` ending in `.` matches an area (`dashboards.`). */
  list: adminProcedure
    .input(
      z.object({
        actor: filterText,
        action: filterText,
        targetType: filterText,
        targetId: filterText,
        outcome: filterText,
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => {
      const { page, pageSize, ...filter } = input;
      return listAudit(ctx.services.db, filter, { offset: (page - 1) * pageSize, limit: pageSize });
    }),

  /** The actions and target types recorded so far, for the filters. */
  facets: adminProcedure.query(({ ctx }) => auditFacets(ctx.services.db)),
});
