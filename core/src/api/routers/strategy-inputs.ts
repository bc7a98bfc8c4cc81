import { type LimitSet, TIMEFRAMES } from '@nautilus/sdk';
import { z } from 'zod';

export const uuid = z.string().uuid();
/** Versions are stored as 32-bit integers: a larger one could never exist, and the database would refuse to compare it. */
export const version = z.number().int().min(1).max(2_147_483_647);
export const timeframe = z.enum(TIMEFRAMES);
export const time = z.union([z.string().min(1).max(40), z.number()]);
export const dataSource = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\/[a-z][a-z0-9-]*$/, 'expected <pluginId>/<dataSourceId>')
  .optional();

/** The input with its bars source, the configured default bars source when it names none. */
export function withBarsSource<T extends { dataSource?: string }>(
  input: T,
  roles: { defaultBars: string },
): T & { dataSource: string } {
  return { ...input, dataSource: input.dataSource ?? roles.defaultBars };
}
export const symbol = z.string().min(1).max(100);
/** Strategy param values by name; checked against the version's declared specs by the service. */
export const params = z.record(z.string().max(100), z.union([z.number(), z.boolean(), z.string().max(1_000)]));

const minimum = z.number().optional();
/** A BacktestConfig; values are range-checked by the runtime, which names the field. */
export const backtestConfig = z
  .object({
    initialCash: z.number().optional(),
    /** Cash (the default) or margin with a leverage; the leverage's range is checked by the runtime. */
    account: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('cash') }).strict(),
        z.object({ type: z.literal('margin'), leverage: z.number() }).strict(),
      ])
      .optional(),
    commission: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('none') }),
        z.object({ type: z.literal('per-share'), perShare: z.number(), minimum }),
        z.object({ type: z.literal('percent'), rate: z.number(), minimum }),
      ])
      .optional(),
    slippage: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('none') }),
        z.object({ type: z.literal('fixed'), amount: z.number() }),
        z.object({ type: z.literal('percent'), rate: z.number() }),
      ])
      .optional(),
    fillAt: z.enum(['next-open', 'close']).optional(),
    riskFreeRate: z.number().optional(),
    periodsPerYear: z.number().optional(),
    seed: z.number().int().optional(),
    sessionUtcOffsetMinutes: z.number().int().optional(),
    historyLength: z.number().int().optional(),
    /** A LimitSet: checked by the runtime (sdk checkLimitSet), which names each bad field. */
    limits: z.custom<LimitSet>((value) => value === undefined || (typeof value === 'object' && value !== null)).optional(),
  })
  .strict();
