import { z } from 'zod';
import { defaultChain, readChain, writeChain } from '../../bars/bars-chain.ts';
import { searchInstruments } from '../../bars/instrument-search.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';

const pluginId = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'a plugin id such as nautilus.fred');
const secretName = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'a secret name such as FRED_API_KEY');

/** The Data sources page: provider settings and secrets (admins), health, the bars chain, instrument search. */
export const providersRouter = router({
  /** Provider plugins with their secrets' state (never their values), settings, limits and health. */
  list: adminProcedure.query(({ ctx }) => ctx.services.providers.list()),

  /** Stores a secret sealed at rest and restarts the plugin with it; the value is never sent back. */
  setSecret: adminProcedure
    .input(
      z.strictObject({
        pluginId,
        name: secretName,
        value: z
          .string()
          .min(1)
          .max(4096)
          .regex(/^[\x20-\x7E]+$/, 'printable ASCII, no line breaks'),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.providers.setSecret(input.pluginId, input.name, input.value)),

  clearSecret: adminProcedure
    .input(z.strictObject({ pluginId, name: secretName }))
    .mutation(({ ctx, input }) => ctx.services.providers.clearSecret(input.pluginId, input.name)),

  /** Saves settings (base URL, User-Agent, allowed hosts…) once the plugin has started with them. */
  setConfig: adminProcedure
    .input(z.strictObject({ pluginId, config: z.record(z.string(), z.unknown()) }))
    .mutation(({ ctx, input }) => ctx.services.providers.setConfig(input.pluginId, input.config)),

  /** Calls the provider's declared connection test now. */
  test: adminProcedure
    .input(z.strictObject({ pluginId }))
    .mutation(({ ctx, input }) => ctx.services.providers.test(input.pluginId)),

  /** Health of every data source queried so far. */
  health: viewerProcedure.query(({ ctx }) => ctx.services.plugins.health.all()),

  /** The bars fallback chain in force, and whether an admin set it. */
  chain: viewerProcedure.query(async ({ ctx }) => {
    const saved = await readChain(ctx.services.db);
    return {
      chain: saved ?? defaultChain((ref) => ctx.services.plugins.hasDataSource(ref), ctx.services.plugins.roles),
      custom: saved !== undefined,
    };
  }),

  setChain: adminProcedure
    .input(z.strictObject({ chain: z.array(z.unknown()).max(50) }))
    .mutation(async ({ ctx, input }) => ({ chain: await writeChain(ctx.services.db, input.chain), custom: true })),

  /** Instruments matching `text` across every search source, with source and asset class. */
  searchInstruments: viewerProcedure
    .input(z.strictObject({ text: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(100).default(30) }))
    .query(({ ctx, input }) => searchInstruments(ctx.services.plugins, input.text, input.limit)),
});
