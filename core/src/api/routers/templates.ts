import { TEMPLATE_ID_PATTERN, TEMPLATE_VERSION_PATTERN } from '@nautilus/templates';
import { z } from 'zod';
import { INITIAL_ACCESS } from '../../sharing/grants.ts';
import { TemplateService } from '../../templates/template-service.ts';
import type { RequestContext } from '../context.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { version } from './strategy-inputs.ts';

const templateId = z.string().max(64).regex(new RegExp(TEMPLATE_ID_PATTERN), 'must be kebab-case, e.g. fx-monitor');
const templateVersion = z.string().max(32).regex(new RegExp(TEMPLATE_VERSION_PATTERN), 'must be major.minor.patch, e.g. 1.2.0');
/** Input name → a local `<pluginId>/<source>` or a variable value; checked against the template by the service. */
const mapping = z
  .record(z.string().min(1).max(64), z.string().max(200))
  .refine((value) => Object.keys(value).length <= 100, 'at most 100 inputs')
  .optional();
const folder = z.string().trim().max(100).nullable().optional();
/** The parsed template file, of any known format: the service validates it and names each bad field. */
const template = z.unknown();
const replace = z.object({ dashboardId: z.string().uuid(), baseVersion: version }).optional();

const service = (ctx: RequestContext) => new TemplateService(ctx.services.db, () => ctx.services.plugins.list());
const actor = (ctx: RequestContext & { user: NonNullable<RequestContext['user']> }) => ({ id: ctx.user.id, role: ctx.user.role });

/**
 * Dashboard templates (see templates/ and core/src/templates/). `dryRun` writes nothing but is a
 * mutation so a template file travels in a POST body, not in a URL.
 */
export const templatesRouter = router({
  /** The gallery: each template's id, version, name, description, inputs, required plugins and panel count. */
  gallery: viewerProcedure.query(({ ctx }) => service(ctx).gallery()),

  /** A dashboard as a template file (`text`, byte-identical for the same dashboard and plugins). Needs view on it. */
  export: viewerProcedure
    .input(z.object({ id: z.string().uuid(), templateId: templateId.optional(), version: templateVersion.optional() }))
    .query(({ ctx, input }) => service(ctx).export(actor(ctx), input.id, { id: input.templateId, version: input.version })),

  /** What importing would create or replace: plugins, missing panels, errors and warnings by field, diffs. */
  dryRun: editorProcedure
    .input(z.object({ template, mapping, replace: z.object({ dashboardId: z.string().uuid() }).optional() }))
    .mutation(({ ctx, input }) => service(ctx).dryRun(actor(ctx), input)),

  /** Creates a dashboard from a template file, or replaces one made from it (a new version, CONFLICT if stale). */
  import: editorProcedure
    .input(z.object({ template, mapping, replace, access: z.enum(INITIAL_ACCESS).optional(), folder }))
    .mutation(({ ctx, input }) => service(ctx).import(actor(ctx), input)),

  /** Creates a dashboard from a gallery template, inputs at their defaults unless mapped. */
  instantiate: editorProcedure
    .input(z.object({ id: templateId, mapping, access: z.enum(INITIAL_ACCESS).optional(), folder }))
    .mutation(({ ctx, input }) => service(ctx).instantiate(actor(ctx), input)),
});
